"""Clutter rules: whole-line matches only, footers cut, paragraphs one blank line apart."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.cleanup import RULES, Action, clean_text, rule_for


@pytest.mark.parametrize(
    "line",
    [
        "85 2",
        "  85 2  ",
        "12",
        "Photo credit: Derick McKinney/Unsplash",
        "photo credits: AP",
        "Image credit: Reuters",
        "3 Comments",
        "Share this:",
        "Share",
        "ADVERTISEMENT",
    ],
)
def test_drops_clutter_line_but_keeps_the_rest(line):
    assert clean_text(f"Body one.\n\n{line}\n\nBody two.") == "Body one.\n\nBody two."


@pytest.mark.parametrize(
    "marker",
    [
        "Leave a Comment",
        "Leave a Reply",
        "leave a reply",
        "Related News",
        "Related Posts",
        "Your email address will not be published. Required fields are marked *",
        "Your email address will not be published.",
    ],
)
def test_footer_marker_cuts_everything_after_it(marker):
    text = f"Body one.\n\nBody two.\n\n\n{marker}\n\nA reader's comment.\n\nOther story"

    assert clean_text(text) == "Body one.\n\nBody two."


@pytest.mark.parametrize(
    "sentence",
    [
        "Leave a comment below if you disagree.",
        "Readers may leave a reply on the forum.",
        "Related news came from Reuters on Monday.",
        "The photo credit: missing, critics said.",
        "The post had 85 shares and 2 comments.",
        "The company did not respond to a request for comment.",
        "Your email address will not be published, the site promises.",
        "Justice Department ponders dismissing Capitol Riot protesters",
        "2021: the year Parler went dark",
    ],
)
def test_keeps_body_lines_that_only_mention_clutter_words(sentence):
    text = f"Body one.\n\n{sentence}\n\nBody two."

    assert clean_text(text) == text
    assert rule_for(sentence) is None


def test_collapses_runs_of_blank_lines_to_one():
    text = "One.\n\n\n\nTwo.\n   \n\t\n\nThree.\nStill three."

    assert clean_text(text) == "One.\n\nTwo.\n\nThree.\nStill three."


def test_strips_trailing_spaces_and_surrounding_blank_lines():
    assert clean_text("\n\n  Title  \n\nBody.   \n\n") == "  Title\n\nBody."


def test_only_clutter_gives_empty_text():
    assert clean_text("Photo credit: X\n\n85 2\n\nLeave a Comment\n\nRelated News") == ""


def test_every_rule_has_a_reason_and_a_valid_whole_line_pattern():
    for rule in RULES:
        assert rule.reason.strip(), rule
        re.compile(rule.pattern)
        # Anchored: a rule never matches its own text inside a longer sentence.
        assert not rule.matches(f"Officials said {rule.pattern} today.")


def test_footer_rules_end_the_body():
    enders = {rule.pattern for rule in RULES if rule.action is Action.END_OF_BODY}

    assert rule_for("Leave a Reply").pattern in enders
    assert rule_for("Related News").pattern in enders
    assert rule_for("Photo credit: X").action is Action.DROP_LINE


_lines = st.lists(
    st.one_of(
        st.sampled_from(["", " ", "85 2", "Photo credit: X", "Leave a Comment", "Related News"]),
        st.text(alphabet=st.characters(blacklist_characters="\r\n"), max_size=30),
    ),
    max_size=20,
)


@given(_lines)
def test_cleaning_is_idempotent_and_never_invents_lines(lines):
    text = "\n".join(lines)
    cleaned = clean_text(text)

    assert clean_text(cleaned) == cleaned
    assert "\n\n\n" not in cleaned
    stripped_input = {line.rstrip() for line in lines}
    assert all(line in stripped_input for line in cleaned.split("\n") if line)
