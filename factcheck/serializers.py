"""Serializer building blocks shared by every API input: strict keys, strict integers.

Input serializers only check the *shape* of a request (types, lengths, known
keys); the rules (anchoring, duplicates, who may publish) stay in services.
"""

import copy
import re
from collections.abc import Mapping

from rest_framework import relations, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.validators import ProhibitSurrogateCharactersValidator

from annotations.ratings import Rating

# PositiveIntegerField's range on PostgreSQL; anything larger can never be a valid offset.
MAX_DB_INTEGER = 2**31 - 1


class StrictInputSerializer(serializers.Serializer):
    """Refuses keys it does not accept, naming each one (SECURITY-CASES #18).

    Silently dropping `created_by`, `status` or a misspelt `statment` would let a
    client believe it had set them; a 400 naming the key is clearer and safe.
    """

    def get_fields(self) -> dict[str, serializers.Field]:
        """The declared fields, copied from unbound prototypes made once per class.

        DRF deep-copies the declared fields for every serializer, which runs each
        field's __init__ again: about 0.1 ms of a claim create or an upload (issue 9).
        A field's settings (limits, messages, validators) are not changed after
        __init__, and bind() sets what belongs to one serializer (parent, name,
        source) on the copy, so a shallow copy of a prototype is as good. Fields
        that hold other fields, serializers or querysets are deep-copied as before.
        """
        return {
            name: _shallow_copy(field) if _is_leaf(field) else copy.deepcopy(field)
            for name, field in _prototypes(type(self)).items()
        }

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            refused = sorted(set(data) - writable)
            if refused:
                raise serializers.ValidationError(
                    {name: ["This field cannot be set here."] for name in refused},
                    code="read_only",
                )
            # DRF's CharField turns 0 into "0" and true into "True": a number where the
            # schema says string is a client bug, refused like the schema promises
            # (schemathesis against the live server found it: bench/security_probe.py).
            not_text = sorted(
                name
                for name, field in self.fields.items()
                if isinstance(field, serializers.CharField)
                and name in data
                and data[name] is not None
                and not isinstance(data[name], str)
            )
            if not_text:
                raise serializers.ValidationError(
                    {name: ["Must be a JSON string."] for name in not_text}, code="invalid"
                )
        return super().to_internal_value(data)


_PROTOTYPES: dict[type, dict[str, serializers.Field]] = {}


def _prototypes(serializer_class: type) -> dict[str, serializers.Field]:
    prototypes = _PROTOTYPES.get(serializer_class)
    if prototypes is None:
        # Two threads may both build it; either copy is correct.
        prototypes = _PROTOTYPES[serializer_class] = copy.deepcopy(
            serializer_class._declared_fields
        )
    return prototypes


def _is_leaf(field: serializers.Field) -> bool:
    """Holds no other field (a child, a nested serializer) nor a queryset (related fields)."""
    nested = (serializers.BaseSerializer, relations.RelatedField, relations.ManyRelatedField)
    return not isinstance(field, nested) and not hasattr(field, "child")


def _shallow_copy(field: serializers.Field) -> serializers.Field:
    # copy.copy(field), without its trip through __reduce_ex__ (a quarter of the time).
    clone = object.__new__(type(field))
    clone.__dict__.update(field.__dict__)
    return clone


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer and nothing else.

    DRF's IntegerField accepts "5", 5.0 and 1e3; offsets come from code, so a
    float or a string means a client bug that should surface, not be guessed at.
    `True` is an int in Python, so booleans are refused explicitly.
    """

    default_error_messages = {"invalid": "Must be a JSON integer (not a string, float or boolean)."}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_value", MAX_DB_INTEGER)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return data


class RatingField(serializers.ChoiceField):
    """A value of the rating scale; the error lists every allowed value."""

    def __init__(self, **kwargs):
        allowed = ", ".join(Rating.values)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": f'"{{input}}" is not a rating. Allowed: {allowed}.'},
        )
        super().__init__(choices=Rating.choices, **kwargs)


_SURROGATE = re.compile("[\ud800-\udfff]")


class _SurrogateSearch(ProhibitSurrogateCharactersValidator):
    """DRF's check, same message and code, with a regular expression instead of a Python
    loop over every character: about 0.5 ms of a 5,000-character upload (issue 9)."""

    def __call__(self, value):
        found = _SURROGATE.search(str(value))
        if found:
            message = self.message.format(code_point=ord(found.group()))
            raise ValidationError(message, code=self.code)


class LongTextField(serializers.CharField):
    """A CharField for long texts (an article's text or HTML): the same rules, checked
    faster (see _SurrogateSearch)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [
            _SurrogateSearch() if type(v) is ProhibitSurrogateCharactersValidator else v
            for v in self.validators
        ]
