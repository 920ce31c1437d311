"""Blind review: until a claim is published (draft or in review), a reviewer sees other
reviewers' verdicts only after giving their own; editors always see them all; after
publication everyone at the desk does. `agreement` and the `?agreement=` filter count only
the verdicts the reader may see.
"""

import pytest

from tests.factories import UserFactory, VerdictFactory
from tests.workflow.helpers import API, PUBLISH, claim_in, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(reviewer):
    """In review, with one verdict from rita (reviewer A); omar (B) has not given one."""
    claim = claim_in("in_review")
    VerdictFactory(claim=claim, reviewer=reviewer, rating="false")
    return claim


def _everything_seen_by(client, claim, status: str = "in_review") -> dict:
    """The verdicts on `claim` and its agreement, as each read endpoint shows them."""
    detail = client.get(f"{API}/claims/{claim.pk}/").json()
    (listed,) = client.get(f"{API}/claims/?status={status}").json()["results"]
    (in_article,) = client.get(f"{API}/articles/{claim.article_id}/claims/").json()["results"]
    own_list = client.get(f"{API}/claims/{claim.pk}/verdicts/").json()["results"]
    return {
        "detail": [v["reviewer"] for v in detail["verdicts"]],
        "list": [v["reviewer"] for v in listed["verdicts"]],
        "article claims": [v["reviewer"] for v in in_article["verdicts"]],
        "verdicts": [v["reviewer"] for v in own_list],
        "agreement": {detail["agreement"], listed["agreement"], in_article["agreement"]},
    }


def test_reviewer_does_not_see_others_verdicts_before_giving_their_own(as_other, claim):
    rita_verdict = claim.verdicts.get()

    assert _everything_seen_by(as_other, claim) == {
        "detail": [],
        "list": [],
        "article claims": [],
        "verdicts": [],
        "agreement": {"none"},
    }
    assert as_other.get(f"{API}/verdicts/{rita_verdict.pk}/").status_code == 404


def test_after_giving_their_own_the_reviewer_sees_all(as_other, claim):
    rita_verdict = claim.verdicts.get()
    posted = as_other.post(
        f"{API}/claims/{claim.pk}/verdicts/", {"rating": "true", "rationale": "Looks right."}
    )
    assert posted.status_code == 201

    assert _everything_seen_by(as_other, claim) == {
        "detail": ["rita", "omar"],
        "list": ["rita", "omar"],
        "article claims": ["rita", "omar"],
        "verdicts": ["rita", "omar"],
        "agreement": {"conflict"},  # false against true
    }
    assert as_other.get(f"{API}/verdicts/{rita_verdict.pk}/").status_code == 200


def test_agreement_counts_only_the_verdicts_the_reader_sees(as_reviewer, as_editor, claim):
    VerdictFactory(claim=claim, reviewer=UserFactory(role="reviewer"), rating="mostly-false")
    third = client_for(UserFactory(username="tess", role="reviewer"))

    # rita gave a verdict, so she sees both; tess gave none, so she sees none.
    assert _everything_seen_by(as_reviewer, claim)["agreement"] == {"adjacent"}
    assert _everything_seen_by(third, claim)["agreement"] == {"none"}
    assert _everything_seen_by(as_editor, claim)["agreement"] == {"adjacent"}


def test_editors_always_see_every_verdict(as_editor, claim):
    seen = _everything_seen_by(as_editor, claim)

    assert seen == {
        "detail": ["rita"],
        "list": ["rita"],
        "article claims": ["rita"],
        "verdicts": ["rita"],
        "agreement": {"none"},
    }
    assert as_editor.get(f"{API}/verdicts/{claim.verdicts.get().pk}/").status_code == 200


def test_after_publication_every_reviewer_sees_every_verdict(as_editor, claim):
    VerdictFactory(claim=claim, reviewer=UserFactory(username="paul", role="reviewer"))
    assert as_editor.post(f"{API}/claims/{claim.pk}/publish/", PUBLISH).status_code == 200
    latecomer = client_for(UserFactory(role="reviewer"))

    detail = latecomer.get(f"{API}/claims/{claim.pk}/").json()

    assert [v["reviewer"] for v in detail["verdicts"]] == ["rita", "paul"]
    assert detail["agreement"] == "adjacent"  # false and mostly-false
    assert latecomer.get(f"{API}/verdicts/{claim.verdicts.first().pk}/").status_code == 200


def test_blind_review_applies_to_drafts_too(reviewer):
    """The reader's "Add claim" dialog records a first verdict on the new draft."""
    draft = claim_in("draft")
    VerdictFactory(claim=draft, reviewer=reviewer)
    outsider = client_for(UserFactory(role="reviewer"))

    detail = outsider.get(f"{API}/claims/{draft.pk}/").json()

    assert (detail["verdicts"], detail["agreement"]) == ([], "none")


def test_author_cannot_step_out_of_review_to_read_the_verdicts(reviewer, as_reviewer, as_editor):
    """The bypass: reopen (-> draft), read the others' verdicts, resubmit, then give one's own."""
    claim = claim_in("in_review", created_by=reviewer)
    VerdictFactory(claim=claim, reviewer=UserFactory(username="paul", role="reviewer"))
    VerdictFactory(claim=claim, reviewer=UserFactory(username="tess", role="reviewer"))
    url = f"{API}/claims/{claim.pk}"

    assert as_reviewer.post(f"{url}/reopen/").status_code == 403
    # Even in draft (an editor sent it back), the author reads nothing of the others'.
    assert as_editor.post(f"{url}/reopen/").status_code == 200
    assert _everything_seen_by(as_reviewer, claim, status="draft") == {
        "detail": [], "list": [], "article claims": [], "verdicts": [], "agreement": {"none"},
    }  # fmt: skip
    history = as_reviewer.get(f"{url}/history/").json()
    assert [row for row in history if row["object_type"] == "verdict"] == []
    assert as_reviewer.post(f"{url}/submit/").status_code == 200
    mine = {"rating": "true", "rationale": "My own reading."}
    assert as_reviewer.post(f"{url}/verdicts/", mine).status_code == 201
    assert _everything_seen_by(as_reviewer, claim)["detail"] == ["paul", "tess", "rita"]


def test_agreement_filter_does_not_reveal_what_blind_review_hides(as_other, as_editor, claim):
    VerdictFactory(claim=claim, rating="true")  # conflicts with rita's "false"

    def conflicts(client) -> list[int]:
        return [c["id"] for c in client.get(f"{API}/claims/?agreement=conflict").json()["results"]]

    assert conflicts(as_editor) == [claim.pk]
    assert conflicts(as_other) == []
    as_other.post(f"{API}/claims/{claim.pk}/verdicts/", {"rating": "true", "rationale": "Yes."})
    assert conflicts(as_other) == [claim.pk]


def test_anonymous_readers_never_see_verdicts(anon, as_editor, claim):
    as_editor.post(f"{API}/claims/{claim.pk}/publish/", PUBLISH)

    detail = anon.get(f"{API}/claims/{claim.pk}/").json()

    assert (detail["verdicts"], detail["agreement"]) == ([], "none")
    assert anon.get(f"{API}/verdicts/{claim.verdicts.get().pk}/").status_code == 404
    assert anon.get(f"{API}/claims/{claim.pk}/verdicts/").json()["results"] == []
