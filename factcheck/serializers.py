"""Serializer building blocks shared by every API input: strict keys, strict integers.

Input serializers only check the *shape* of a request (types, lengths, known
keys); the rules (anchoring, duplicates, who may publish) stay in services.
"""

import re
from collections.abc import Mapping

from rest_framework import serializers
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
