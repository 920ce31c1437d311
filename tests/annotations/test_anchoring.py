"""Anchoring: every branch, plus property tests over arbitrary Unicode."""

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from annotations.anchoring import (
    AnchoringError,
    codepoint_to_utf16,
    context_around,
    find_occurrences,
    normalize_newlines,
    resolve_anchor,
    utf16_to_codepoint,
)

TEXT = "Meanwhile that doesn't change the five officers that died, one who committed suicide."


def test_anchors_from_offsets_and_computes_quote_and_context():
    start = TEXT.index("five officers that died")
    anchor = resolve_anchor(TEXT, start=start, end=start + 23)
    assert anchor.quote == "five officers that died"
    assert anchor.prefix == TEXT[start - 32 : start]
    assert anchor.suffix == ", one who committed suicide."


def test_anchors_from_offsets_with_matching_quote():
    start = TEXT.index("five")
    anchor = resolve_anchor(TEXT, start=start, end=start + 4, quote="five")
    assert (anchor.start, anchor.end) == (start, start + 4)


def test_rejects_quote_that_differs_from_offsets():
    with pytest.raises(AnchoringError) as error:
        resolve_anchor(TEXT, start=0, end=9, quote="Meanwhilx")
    assert (error.value.field, error.value.code) == ("quote", "quote_mismatch")
    assert "'Meanwhile'" in error.value.message


@pytest.mark.parametrize(
    ("start", "end", "field", "code"),
    [
        (5, 5, "end", "span_empty"),
        (6, 5, "end", "span_empty"),
        (-1, 5, "start", "min_value"),
        (0, len(TEXT) + 1, "end", "out_of_range"),
        (0, None, "end", "required"),
        (None, 4, "start", "required"),
        (True, 4, "start", "invalid"),
        (0, 4.0, "end", "invalid"),
        ("0", 4, "start", "invalid"),
    ],
)
def test_rejects_bad_offsets(start, end, field, code):
    with pytest.raises(AnchoringError) as error:
        resolve_anchor(TEXT, start=start, end=end)
    assert (error.value.field, error.value.code) == (field, code)


def test_span_may_end_exactly_at_the_end_of_the_text():
    anchor = resolve_anchor(TEXT, start=len(TEXT) - 8, end=len(TEXT))
    assert anchor.quote == "suicide."
    assert anchor.suffix == ""


def test_anchors_from_unique_quote():
    anchor = resolve_anchor(TEXT, quote="five officers that died")
    assert anchor.start == TEXT.index("five officers that died")


def test_rejects_quote_not_in_text():
    with pytest.raises(AnchoringError) as error:
        resolve_anchor(TEXT, quote="six officers")
    assert (error.value.field, error.value.code) == ("quote", "quote_not_found")


@pytest.mark.parametrize("quote", [None, ""])
def test_rejects_missing_quote_and_offsets(quote):
    with pytest.raises(AnchoringError) as error:
        resolve_anchor(TEXT, quote=quote)
    assert (error.value.field, error.value.code) == ("quote", "required")


def test_rejects_ambiguous_quote_without_context():
    with pytest.raises(AnchoringError) as error:
        resolve_anchor(TEXT, quote="that")
    assert error.value.code == "quote_ambiguous"
    assert "2 times" in error.value.message


def test_prefix_chooses_between_occurrences():
    anchor = resolve_anchor(TEXT, quote="that", prefix="officers ")
    assert anchor.start == TEXT.index("that died")


def test_suffix_chooses_between_occurrences():
    anchor = resolve_anchor(TEXT, quote="that", suffix=" doesn't")
    assert anchor.start == TEXT.index("that doesn't")


def test_context_that_matches_nothing_stays_ambiguous():
    with pytest.raises(AnchoringError) as error:
        resolve_anchor(TEXT, quote="that", prefix="zzz", suffix="qqq")
    assert error.value.code == "quote_ambiguous"


def test_context_that_fits_two_occurrences_equally_stays_ambiguous():
    with pytest.raises(AnchoringError) as error:
        resolve_anchor("x ab ab x", quote="ab", prefix=" ", suffix=" ")
    assert error.value.code == "quote_ambiguous"


def test_finds_overlapping_occurrences():
    assert find_occurrences("aaaa", "aa") == [0, 1, 2]


def test_quote_with_crlf_matches_text_with_lf():
    text = "first line\nsecond line"
    anchor = resolve_anchor(text, quote="line\r\nsecond")
    assert anchor.quote == "line\nsecond"


def test_normalizes_crlf_and_lone_cr():
    assert normalize_newlines("a\r\nb\rc\n") == "a\nb\nc\n"


UNICODE_CASES = [
    ("emoji before the quote", "🙂🙂 five officers died", "five officers"),
    ("ZWJ family emoji", "👨‍👩‍👧 said five officers died", "five officers"),
    ("combining marks", "Cafe\u0301 owner said five officers died", "five officers"),
    ("precomposed accents", "Café résumé: five officers died", "five officers"),
    ("CJK", "五名警察死亡 five officers died", "五名警察"),
    ("right-to-left", "قال إن خمسة ضباط ماتوا", "خمسة ضباط"),
    ("tabs", "col1\tcol2\tfive officers", "five officers"),
    ("flag and skin tone", "🇺🇸 👍🏽 five officers", "👍🏽 five"),
]


@pytest.mark.parametrize(
    ("case", "text", "quote"), UNICODE_CASES, ids=[c[0] for c in UNICODE_CASES]
)
def test_quote_round_trips_in_unicode_text(case, text, quote):
    anchor = resolve_anchor(text, quote=quote)
    assert text[anchor.start : anchor.end] == quote
    again = resolve_anchor(text, start=anchor.start, end=anchor.end, quote=quote)
    assert again == anchor


def test_offsets_count_code_points_not_utf16_units():
    text = "🙂 five"
    anchor = resolve_anchor(text, quote="five")
    assert (anchor.start, anchor.end) == (2, 6)  # 🙂 is one code point, two UTF-16 units
    assert codepoint_to_utf16(text, anchor.start) == 3


def test_utf16_conversion_round_trips_on_boundaries():
    text = "a🙂b👨‍👩‍👧c"
    for offset in range(len(text) + 1):
        assert utf16_to_codepoint(text, codepoint_to_utf16(text, offset)) == offset


def test_utf16_offset_inside_surrogate_pair_is_refused():
    with pytest.raises(AnchoringError) as error:
        utf16_to_codepoint("a🙂b", 2)
    assert error.value.code == "surrogate_split"


@pytest.mark.parametrize("offset", [-1, 99])
def test_utf16_offset_outside_text_is_refused(offset):
    with pytest.raises(AnchoringError) as error:
        utf16_to_codepoint("abc", offset)
    assert error.value.code == "out_of_range"


@pytest.mark.parametrize("offset", [-1, 4])
def test_codepoint_offset_outside_text_is_refused(offset):
    with pytest.raises(AnchoringError):
        codepoint_to_utf16("abc", offset)


def test_context_is_capped_at_32_code_points():
    text = "x" * 50 + "QUOTE" + "y" * 50
    prefix, suffix = context_around(text, 50, 55)
    assert prefix == "x" * 32
    assert suffix == "y" * 32


# --- properties ---------------------------------------------------------------------------

# Any code point but surrogates (which cannot appear in valid text) and CR (stored
# text is LF-only, see normalize_newlines).
unicode_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"),
    min_size=1,
    max_size=200,
)


@st.composite
def text_and_span(draw, alphabet_text=unicode_text):
    text = draw(alphabet_text)
    start = draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = draw(st.integers(min_value=start + 1, max_value=len(text)))
    return text, start, end


@settings(max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
@given(text_and_span())
def test_offsets_and_quote_round_trip_for_any_text(case):
    text, start, end = case
    anchor = resolve_anchor(text, start=start, end=end)
    assert anchor.quote == text[start:end]
    assert resolve_anchor(text, start=start, end=end, quote=anchor.quote) == anchor


def assert_finds_span_or_true_twin(text: str, start: int, end: int) -> None:
    """The server's own quote+prefix+suffix leads back to the span, or is truly ambiguous.

    Ambiguity is only allowed when another occurrence has exactly the same
    surroundings, i.e. when no algorithm could tell them apart.
    """
    original = resolve_anchor(text, start=start, end=end)
    try:
        found = resolve_anchor(
            text, quote=original.quote, prefix=original.prefix, suffix=original.suffix
        )
    except AnchoringError as error:
        refusal = error
    else:
        assert (found.start, found.end) == (start, end)
        return
    assert refusal.code == "quote_ambiguous"
    twins = [
        pos
        for pos in find_occurrences(text, original.quote)
        if pos != start
        and text[:pos].endswith(original.prefix)
        and text[pos + len(original.quote) :].startswith(original.suffix)
    ]
    assert twins, "ambiguous although no other occurrence shares the context"


@settings(max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
@given(text_and_span())
def test_quote_and_context_find_the_same_span(case):
    assert_finds_span_or_true_twin(*case)


# A small alphabet makes repeated quotes (the interesting case) common.
repetitive_text = st.text(alphabet="ab 🙂é\u0301\n", min_size=1, max_size=80)


@settings(
    max_examples=1000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(text_and_span(alphabet_text=repetitive_text))
def test_context_disambiguates_repeated_quotes(case):
    text, start, end = case
    assume(len(find_occurrences(text, text[start:end])) > 1)
    assert_finds_span_or_true_twin(text, start, end)


@settings(max_examples=500)
@given(unicode_text)
def test_utf16_round_trip_for_any_text(text):
    for offset in range(len(text) + 1):
        assert utf16_to_codepoint(text, codepoint_to_utf16(text, offset)) == offset
