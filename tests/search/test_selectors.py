"""search.selectors.candidates: what claim matching starts from (any word of a messy post)."""

import pytest

from search import selectors
from tests.search.conftest import make_claim, make_review

pytestmark = pytest.mark.django_db

POST = (
    "BREAKING!!! 😱 Wind farms KILL millions of birds every year #WindPower "
    "https://t.co/abc123 — Jane Doe (@janedoe) February 25, 2016"
)


def test_candidates_find_records_sharing_words_with_a_messy_post(filler):
    factcheck = make_claim("Wind farms kill millions of birds, a senator said.", status="published")
    review = make_review("Wind turbines kill birds", n=1, language="en")
    make_claim("Wind farms kill birds, says a draft.")  # a desk claim: not for anonymous callers
    hits = selectors.candidates(POST, None, 10, "", None)
    found = [(hit.kind, hit.id) for hit in hits]
    assert found[0] == ("factcheck", factcheck.pk)
    assert ("claimreview", review.pk) in found
    assert {hit.kind for hit in hits} <= {"factcheck", "claimreview"}
    assert all(0 < hit.score < 1 for hit in hits)
    assert hits[0].text == "Wind farms kill millions of birds, a senator said."


def test_candidates_respect_kinds_language_and_visibility(filler, editor):
    make_review("Wind turbines kill birds", n=1, language="de")
    draft = make_claim("Wind farms kill birds, says a draft.")
    assert selectors.candidates(POST, ("claimreview",), 5, "en", None) == []
    assert [hit.kind for hit in selectors.candidates(POST, ("claimreview",), 5, "de", None)] == [
        "claimreview"
    ]
    assert [hit.id for hit in selectors.candidates(POST, ("claim",), 5, "", editor)] == [draft.pk]
    # A kind the user may not see is never searched, whatever is asked for.
    assert selectors.candidates(POST, ("claim",), 5, "", None) == []


def test_a_post_of_nothing_but_noise_finds_nothing(filler):
    assert selectors.candidates("https://t.co/x @someone 😱 #", None, 5, "", None) == []
