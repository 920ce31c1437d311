"""Sentence segmentation: hard cases, exact offsets, and properties of any text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from suggestions.segmentation import split_sentences
from tests.suggestions.segmentation_cases import BOLD, CASES


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_hard_case(text, expected):
    spans = split_sentences(text)
    assert [text[start:end] for start, end in spans] == expected


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_offsets_are_code_points_that_index_the_text(text, expected):
    # The n-th sentence starts where its text is found after the previous one ends.
    position = 0
    for (start, end), sentence in zip(split_sentences(text), expected, strict=True):
        assert start == text.index(sentence, position)
        assert end == start + len(sentence)  # len() counts code points, as the API does
        position = end


def test_non_bmp_offsets_count_code_points_not_utf16_units():
    text = f"🎉🎉 We won. {BOLD} claims follow."
    spans = split_sentences(text)
    assert spans == [(0, 10), (11, 30)]  # in UTF-16 units the second would end at 34
    assert [text[a:b] for a, b in spans] == ["🎉🎉 We won.", f"{BOLD} claims follow."]


def test_crlf_normalised_and_raw_crlf_text_split_the_same_way():
    raw = "First line ends.\r\nSecond line.\r\n\r\nThird paragraph."
    normalised = raw.replace("\r\n", "\n")
    for text in (raw, normalised):
        sentences = [text[a:b] for a, b in split_sentences(text)]
        assert sentences == ["First line ends.", "Second line.", "Third paragraph."]


def test_empty_and_blank_texts_have_no_sentences():
    assert split_sentences("") == []
    assert split_sentences(" \n\t\n") == []
    assert split_sentences("— * —") == []


def test_a_text_without_punctuation_is_one_sentence():
    assert split_sentences("no stop at all here") == [(0, 19)]


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300))
def test_spans_are_ordered_trimmed_and_inside_the_text(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        sentence = text[start:end]
        assert sentence == sentence.strip()
        assert any(ch.isalnum() or ch == "_" for ch in sentence)
        previous_end = end


@given(st.lists(st.sampled_from(["Dr.", "U.S.", "1.5", "He won.", "Why?", "🙂", "\n", " ",
                                 "“Yes.”", "No. 2", "a.m.", "...", "Jan. 11", "(It fell.)"]),
                max_size=40).map("".join))  # fmt: skip
def test_every_word_lands_in_exactly_one_sentence(text):
    spans = split_sentences(text)
    covered = [False] * len(text)
    for start, end in spans:
        for i in range(start, end):
            assert not covered[i]
            covered[i] = True
    for i, ch in enumerate(text):
        if ch.isalnum():
            assert covered[i], (text, i)
