"""Re-anchoring rules, case by case, without a database (annotations.reanchoring)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.anchoring import anchor_span
from annotations.reanchoring import (
    FUZZY,
    MIN_SIMILARITY,
    MOVED,
    ORPHANED,
    UNCHANGED,
    reanchor,
    reanchor_all,
    similarity,
)

TEXT = (
    "The riot left the Capitol damaged. Officials said that five officers died in the "
    "days after the attack, and 56 officers were injured. The inquiry continues."
)
QUOTE = "five officers died"
SENTENCE = (
    "Officials said that five officers died in the days after the attack, and 56 officers "
    "were injured."
)


def claim_on(text: str, quote: str = QUOTE, occurrence: int = 0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return anchor_span(text, start, start + len(quote))


def test_same_text_is_unchanged():
    old = claim_on(TEXT)
    outcome = reanchor(old, TEXT)
    assert outcome.kind == UNCHANGED
    assert outcome.anchor == old


def test_an_edit_after_the_context_keeps_it_unchanged():
    old = claim_on(TEXT)
    outcome = reanchor(old, TEXT.replace("The inquiry continues.", "An inquiry was opened."))
    assert (outcome.kind, outcome.anchor.start) == (UNCHANGED, old.start)


def test_an_insertion_before_the_quote_moves_it():
    old = claim_on(TEXT)
    new = "UPDATED 10:42. " + TEXT
    outcome = reanchor(old, new)
    assert outcome.kind == MOVED
    assert outcome.anchor.start == old.start + len("UPDATED 10:42. ")
    assert new[outcome.anchor.start : outcome.anchor.end] == QUOTE
    assert outcome.anchor.prefix == old.prefix


def test_an_edit_inside_the_quote_is_fuzzy_with_its_new_words():
    old = claim_on(TEXT)
    new = TEXT.replace("five officers died", "five officers have died")
    outcome = reanchor(old, new)
    assert outcome.kind == FUZZY
    assert outcome.anchor.quote == "five officers have died"
    assert outcome.similarity == pytest.approx(0.878, abs=0.001)
    assert outcome.similarity >= MIN_SIMILARITY


def test_the_quote_deleted_orphans_it():
    old = claim_on(TEXT)
    new = TEXT.replace(
        " Officials said that five officers died in the days after the attack, and", ""
    )
    assert reanchor(old, new).kind == ORPHANED


def test_a_different_sentence_between_the_same_neighbours_is_not_taken_for_it():
    old = claim_on(TEXT)
    new = TEXT.replace("five officers died", "the weather was cold")
    assert reanchor(old, new).kind == ORPHANED


def test_a_look_alike_paragraph_added_does_not_capture_it():
    # The new paragraph repeats the quote in other words around it; the context says which.
    old = claim_on(TEXT)
    new = "Rumours online claimed five officers died within hours. " + TEXT
    outcome = reanchor(old, new)
    assert outcome.kind == MOVED
    assert outcome.anchor.start == new.index("Officials said that five") + len(
        "Officials said that "
    )


def test_look_alikes_that_the_context_cannot_tell_apart_orphan_it():
    old = claim_on(TEXT)
    # The quote's own sentence is gone; two new ones carry it with other neighbours.
    new = "Some said five officers died. Others said five officers died. The inquiry continues."
    assert reanchor(old, new).kind == ORPHANED


def test_a_duplicated_sentence_keeps_the_claim_on_its_own_copy():
    old = claim_on(TEXT)
    sentence = SENTENCE
    new = TEXT.replace(sentence, sentence + " " + sentence)
    outcome = reanchor(old, new)
    assert outcome.kind == UNCHANGED
    assert outcome.anchor.start == old.start


def test_a_shortened_copy_inserted_at_the_quote_keeps_it_unchanged():
    # The first copy now sits at the old offsets with the full stored prefix before it:
    # same offsets, same quote, its own context on one side, so it is unchanged.
    old = claim_on(TEXT)
    sentence = SENTENCE
    new = TEXT.replace(sentence, "Officials said that five officers died. " + sentence)
    outcome = reanchor(old, new)
    assert (outcome.kind, outcome.anchor.start) == (UNCHANGED, old.start)


def test_copies_with_the_context_on_one_side_each_orphan_it():
    old = claim_on(TEXT)
    new = TEXT.replace(
        "Officials said that five officers died in the days",
        "Officials said that five officers died. Later: five officers died in the days",
    ).replace("The riot", "Before: the riot")  # shifts the offsets, so not "unchanged"
    assert reanchor(old, new).kind == ORPHANED


@pytest.mark.parametrize("around", ["🙂👩‍👩‍👧 ", "\n\n", "é\u0301 "])
def test_emoji_and_line_breaks_around_the_quote(around):
    old = claim_on(TEXT)
    new = TEXT.replace("Officials said that ", "Officials said that " + around)
    outcome = reanchor(old, new)
    # The prefix no longer sits right before it; the suffix does, and the quote is unique.
    assert outcome.kind == MOVED
    assert new[outcome.anchor.start : outcome.anchor.end] == QUOTE
    assert outcome.anchor.prefix.endswith(around)


def test_a_claim_at_the_very_start_needs_offset_zero_for_its_empty_prefix():
    text = "five officers died, said one; five officers died, said another."
    old = anchor_span(text, 0, len(QUOTE))
    assert old.prefix == ""
    assert reanchor(old, text).kind == UNCHANGED
    # Same text with a line added on top: the suffix ", said one" still identifies it.
    outcome = reanchor(old, "Breaking. " + text)
    assert (outcome.kind, outcome.anchor.start) == (MOVED, len("Breaking. "))


def test_an_orphan_is_found_again_by_quote_and_context_only():
    old = claim_on(TEXT)
    assert reanchor(old, TEXT, offsets_apply=False).kind == MOVED


def test_two_claims_never_land_on_one_span():
    text = "A said five officers died. B said five officers died."
    first, second = claim_on(text, occurrence=0), claim_on(text, occurrence=1)
    new = "Now only: B said five officers died."
    outcomes = reanchor_all([first, second], new)
    assert [o.kind for o in outcomes] == [ORPHANED, MOVED]


def test_similarity_is_normalised_indel():
    assert similarity("five officers died", "five officers have died") == pytest.approx(36 / 41)
    assert similarity("abc", "abc") == 1.0


@given(
    before=st.text(min_size=0, max_size=60),
    after=st.text(min_size=0, max_size=60),
    insert=st.text(min_size=1, max_size=40),
)
def test_moved_claims_always_read_their_quote(before, after, insert):
    text = before + "QUOTE-Five officers died-QUOTE" + after
    old = claim_on(text, "QUOTE-Five officers died-QUOTE")
    outcome = reanchor(old, insert + text)
    assert outcome.kind in (UNCHANGED, MOVED, ORPHANED)
    if outcome.anchor is not None:
        new = insert + text
        assert new[outcome.anchor.start : outcome.anchor.end] == old.quote
