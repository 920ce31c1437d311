"""Shapes of the suggestion endpoints: query parameters, request body, results."""

import re

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from suggestions.scoring import THRESHOLD
from suggestions.selectors import ORDERINGS

MAX_SENTENCES = 1000
MAX_SENTENCE_CHARS = 5000
MAX_TEXT_CHARS = 200_000
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


class SuggestionQuerySerializer(serializers.Serializer):
    """?worthy= and ?ordering= of GET /articles/{id}/suggestions/ (blank means not given)."""

    worthy = serializers.BooleanField(
        required=False, help_text="true: only sentences worth checking; false: only the others."
    )
    ordering = serializers.ChoiceField(
        choices=ORDERINGS,
        required=False,
        default="start",
        help_text="start: text order (default); -score: most worth checking first; score.",
    )


class CheckworthinessResultSerializer(serializers.Serializer):
    start = serializers.IntegerField(
        allow_null=True,
        help_text="Code-point offset of the sentence in the text (inclusive); "
        "null for sentences sent one by one.",
    )
    end = serializers.IntegerField(
        allow_null=True, help_text="Code-point offset of the sentence's end (exclusive), or null."
    )
    quote = serializers.CharField(help_text="The sentence: text[start:end], or as sent.")
    score = serializers.FloatField(
        allow_null=True,
        min_value=0,
        max_value=1,
        help_text="How worth checking, 0 to 1; null when the language is not supported.",
    )
    worthy = serializers.BooleanField(help_text=f"score >= {THRESHOLD}: worth checking.")
    reasons = serializers.ListField(
        child=serializers.CharField(),
        help_text="What raised the score, strongest first, then what lowered it; "
        '"language not supported" when there is no score.',
    )


class SuggestionSerializer(CheckworthinessResultSerializer):
    claim = serializers.IntegerField(
        allow_null=True,
        help_text="Id of a claim you may see that already covers this sentence (overlapping "
        "at least half of the shorter of the two), or null.",
    )


class SuggestionListSerializer(serializers.Serializer):
    results = SuggestionSerializer(many=True)
    threshold = serializers.FloatField(help_text="The score at or above which worthy is true.")


class CheckworthinessListSerializer(serializers.Serializer):
    results = CheckworthinessResultSerializer(many=True)
    threshold = serializers.FloatField(help_text="The score at or above which worthy is true.")


class _StrictText(serializers.CharField):
    """A string, and only a string: DRF would turn 42 into "42", which no client means."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class _Sentence(_StrictText):
    def __init__(self, **kwargs):
        super().__init__(trim_whitespace=False, max_length=MAX_SENTENCE_CHARS, **kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not value.strip():
            self.fail("blank")
        return value


class CheckworthinessInputSerializer(serializers.Serializer):
    """Either `text` (split into sentences by the server) or `sentences` (scored as given)."""

    text = _StrictText(
        required=False,
        trim_whitespace=False,
        max_length=MAX_TEXT_CHARS,
        help_text="Plain text to split into sentences; start/end index it in code points.",
    )
    sentences = serializers.ListField(
        child=_Sentence(),
        required=False,
        min_length=1,
        max_length=MAX_SENTENCES,
        help_text=f"Up to {MAX_SENTENCES} sentences, scored as given, results in this order.",
    )
    language = _StrictText(
        required=False,
        default="en",
        max_length=35,
        help_text="BCP 47 tag of the text (default en); other languages get score null.",
    )

    def validate_text(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError(_("The text is empty."), code="blank")
        return value

    def validate_language(self, value: str) -> str:
        if not _LANGUAGE_TAG.match(value):
            raise serializers.ValidationError(
                _("Give a language tag such as en or en-GB."), code="invalid"
            )
        return value

    def validate(self, attrs: dict) -> dict:
        if "text" in attrs and "sentences" in attrs:
            raise serializers.ValidationError(
                {"sentences": [_("Send text or sentences, not both.")]}, code="ambiguous"
            )
        if "text" not in attrs and "sentences" not in attrs:
            raise serializers.ValidationError(
                {"text": [_("Send the text to split into sentences, or a list of sentences.")]},
                code="required",
            )
        return attrs
