"""The published record changes only through an editor's correction.

Once a claim is published or retracted, its statement, claimant and sources are
what the public page shows: nobody (its author and editors included) edits them
through the API; a 409 names the current status and, while published, points to
/correct/. Verdicts stay desk records that reviewers may revise after publication,
until the fact-check is retracted.
"""

import pytest

from annotations import services
from history.models import HistoryEntry
from tests.factories import ClaimFactory, SourceFactory, VerdictFactory
from tests.workflow.helpers import API, PUBLISH, RETRACT, client_for, stored_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(reviewer, editor):
    """rita's claim with her source and her verdict; moved to a status by `moved_to`."""
    claim = ClaimFactory(created_by=reviewer, statement="Twelve bridges collapsed.")
    return {
        "claim": claim,
        "source": SourceFactory(claim=claim, added_by=reviewer),
        "verdict": VerdictFactory(claim=claim, reviewer=reviewer, rating="false"),
        "editor": editor,
    }


def moved_to(made, status: str):
    claim = services.submit_claim(claim=made["claim"], actor=made["claim"].created_by)
    if status in ("published", "retracted"):
        claim = services.publish_claim(claim=claim, editor=made["editor"], **PUBLISH)
    if status == "retracted":
        claim = services.retract_claim(claim=claim, editor=made["editor"], **RETRACT)
    return claim


# (method, path, body) of each change to the public record, given what `made` built.
RECORD_CHANGES = {
    "edit claim": lambda m: ("patch", f"/claims/{m['claim'].pk}/", {"statement": "Changed."}),
    "add source": lambda m: (
        "post", f"/claims/{m['claim'].pk}/sources/", {"url": "https://example.org/new"}
    ),
    "edit source": lambda m: ("patch", f"/sources/{m['source'].pk}/", {"title": "Changed"}),
    "delete source": lambda m: ("delete", f"/sources/{m['source'].pk}/", None),
}  # fmt: skip
VERDICT_CHANGES = {
    "edit verdict": lambda m: ("patch", f"/verdicts/{m['verdict'].pk}/", {"rating": "true"}),
    "delete verdict": lambda m: ("delete", f"/verdicts/{m['verdict'].pk}/", None),
    "add verdict": lambda m: (
        "post", f"/claims/{m['claim'].pk}/verdicts/", {"rating": "true", "rationale": "Mine."}
    ),
}  # fmt: skip


def _send(user, change, made):
    method, path, body = change(made)
    return getattr(client_for(user), method)(API + path, body)


@pytest.mark.parametrize("who", ["author", "editor"])
@pytest.mark.parametrize("status", ["published", "retracted"])
@pytest.mark.parametrize("change", sorted(RECORD_CHANGES))
def test_public_record_is_frozen_after_publication(made, reviewer, editor, who, status, change):
    if (who, status, change) == ("editor", "published", "add source"):
        pytest.skip("editors may add new evidence to a published claim: tested below")
    claim = moved_to(made, status)
    before = stored_state()

    response = _send(reviewer if who == "author" else editor, RECORD_CHANGES[change], made)

    assert response.status_code == 409, response.content
    body = response.json()
    assert (body["code"], body["current_status"]) == ("published_record", status)
    if status == "published":
        assert f"/api/v1/claims/{claim.pk}/correct/" in body["status"][0]
    assert stored_state() == before


@pytest.mark.parametrize("change", sorted(RECORD_CHANGES))
def test_the_record_changes_freely_before_publication(made, reviewer, change):
    moved_to(made, "in_review")

    response = _send(reviewer, RECORD_CHANGES[change], made)

    assert 200 <= response.status_code < 300, response.content


def test_the_only_source_of_a_published_claim_stays(made, reviewer):
    claim = moved_to(made, "published")
    claim.sources.exclude(pk=made["source"].pk).delete()

    response = _send(reviewer, RECORD_CHANGES["delete source"], made)

    assert response.status_code == 409
    assert list(claim.sources.all()) == [made["source"]]


@pytest.mark.parametrize("change", sorted(VERDICT_CHANGES))
def test_verdicts_are_frozen_once_retracted(made, reviewer, change):
    if change == "add verdict":
        made["verdict"].delete()
    moved_to(made, "retracted")
    before = stored_state()

    response = _send(reviewer, VERDICT_CHANGES[change], made)

    assert response.status_code == 409, response.content
    body = response.json()
    assert (body["code"], body["current_status"]) == ("claim_retracted", "retracted")
    assert stored_state() == before


@pytest.mark.parametrize("change", ["edit verdict", "delete verdict"])
def test_reviewers_may_still_revise_their_verdict_after_publication(made, reviewer, change):
    moved_to(made, "published")

    response = _send(reviewer, VERDICT_CHANGES[change], made)

    assert 200 <= response.status_code < 300, response.content


def test_a_correction_is_how_the_published_verdict_changes(made, editor):
    claim = moved_to(made, "published")

    response = _send(editor, lambda m: (
        "post", f"/claims/{claim.pk}/correct/",
        {"rating": "mostly-false", "rationale": "Revised.", "note": "New count."},
    ), made)  # fmt: skip

    assert response.status_code == 200, response.content
    assert response.json()["statement"] == "Twelve bridges collapsed."


def test_only_an_editor_adds_evidence_to_a_published_claim(made, reviewer, editor):
    moved_to(made, "published")

    refused = _send(reviewer, RECORD_CHANGES["add source"], made)
    added = _send(editor, RECORD_CHANGES["add source"], made)

    assert (refused.status_code, refused.json()["code"]) == (409, "published_record")
    assert added.status_code == 201
    assert HistoryEntry.objects.filter(object_type="source", action="create",
                                       actor=editor).exists()  # fmt: skip
