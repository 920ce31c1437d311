"""LongTextField refuses exactly what DRF's CharField refuses, with the same errors."""

import pytest
from rest_framework import serializers

from factcheck.serializers import LongTextField

SAMPLES = [
    "plain text",
    "",
    "caf\u00e9 \U0001f600 emoji (a pair in UTF-16, one code point here)",
    "lone high \ud800 surrogate",
    "lone low \udfff at the end \udc00",
    "x" * 5000 + "\udbff",
    "nul \x00 character",
    "  spaces kept  ",
]


@pytest.mark.parametrize("value", SAMPLES)
def test_same_answer_as_drf(value):
    def outcome(field):
        try:
            return "ok", field.run_validation(value)
        except serializers.ValidationError as error:
            return "error", error.detail

    drf = serializers.CharField(trim_whitespace=False, allow_blank=True)
    ours = LongTextField(trim_whitespace=False, allow_blank=True)

    assert outcome(ours) == outcome(drf)


def test_a_surrogate_is_named():
    with pytest.raises(serializers.ValidationError) as refused:
        LongTextField().run_validation("abc \udc01 def \ud800")
    assert refused.value.detail == ["Surrogate characters are not allowed: U+DC01."]
    assert refused.value.detail[0].code == "surrogate_characters_not_allowed"
