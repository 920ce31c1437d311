"""Issue 8, point 6: blind review, peek then edit.

A reviewer could post a throwaway verdict, read the others' (blind review lifts
once they have given theirs), then edit or delete theirs to agree. Now every
change is kept as a revision beside the verdict (with whether the others were
visible then), agreement figures count each reviewer's first rating, and
deleting one's verdict once the others' were visible to its author is a 409.
"""

import pytest

from annotations.models import Verdict
from history.models import HistoryEntry
from tests.factories import ClaimFactory, UserFactory, VerdictFactory
from tests.workflow.helpers import stored_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(other_reviewer):
    """In review, with Omar's verdict: "false"."""
    claim = ClaimFactory(status="in_review")
    VerdictFactory(claim=claim, reviewer=other_reviewer, rating="false", rationale="Records.")
    return claim


def _give(client, claim, rating="true", rationale="Looks right."):
    response = client.post(f"/api/v1/claims/{claim.pk}/verdicts/",
                           {"rating": rating, "rationale": rationale})  # fmt: skip
    assert response.status_code == 201, response.content
    return response.json()


def test_peek_then_edit_is_kept_as_a_revision(as_reviewer, as_editor, claim):
    mine = _give(as_reviewer, claim)  # the throwaway verdict; now Omar's is visible
    assert len(as_reviewer.get(f"/api/v1/claims/{claim.pk}/").json()["verdicts"]) == 2

    changed = as_reviewer.patch(f"/api/v1/verdicts/{mine['id']}/",
                                {"rating": "false", "rationale": "On reflection."})  # fmt: skip

    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert (body["rating"], body["first_rating"]) == ("false", "true")
    (revision,) = body["revisions"]
    assert revision["rating"] == "true"
    assert revision["rationale"] == "Looks right."
    assert revision["others_visible"] is True
    assert revision["replaced_at"].endswith("Z")
    # Editors see it beside the verdict, in the claim and in the verdict list.
    seen = {
        v["reviewer"]: v for v in as_editor.get(f"/api/v1/claims/{claim.pk}/").json()["verdicts"]
    }
    assert seen["rita"]["revisions"] == body["revisions"]
    assert seen["rita"]["first_rating"] == "true"
    listed = as_editor.get(f"/api/v1/claims/{claim.pk}/verdicts/").json()["results"]
    assert {v["reviewer"]: v["first_rating"] for v in listed} == {"rita": "true", "omar": "false"}


def test_agreement_counts_the_first_ratings(as_reviewer, as_editor, claim):
    mine = _give(as_reviewer, claim, rating="true")
    as_reviewer.patch(f"/api/v1/verdicts/{mine['id']}/", {"rating": "false"})

    assert as_editor.get(f"/api/v1/claims/{claim.pk}/").json()["agreement"] == "conflict"
    conflict = as_editor.get("/api/v1/claims/?agreement=conflict").json()["results"]
    assert [row["id"] for row in conflict] == [claim.pk]
    assert as_editor.get("/api/v1/claims/?agreement=agree").json()["results"] == []
    stats = as_editor.get("/api/v1/stats/agreement/").json()
    assert stats["percent_agreement"] == 0.0


def test_a_change_before_anyone_else_rated_is_kept_without_the_flag(as_reviewer):
    alone = ClaimFactory(status="in_review")
    mine = _give(as_reviewer, alone, rating="half-true")

    body = as_reviewer.patch(f"/api/v1/verdicts/{mine['id']}/", {"rationale": "Clearer."}).json()

    assert body["first_rating"] == "half-true"
    assert [r["others_visible"] for r in body["revisions"]] == [False]
    assert Verdict.objects.get().original_rating == ""  # the rating never changed


def test_a_no_op_change_keeps_no_revision(as_reviewer, claim):
    mine = _give(as_reviewer, claim)
    body = as_reviewer.patch(f"/api/v1/verdicts/{mine['id']}/", {"rating": "true"}).json()
    assert body["revisions"] == []


def test_deleting_after_the_others_were_visible_is_refused(as_reviewer, claim):
    mine = _give(as_reviewer, claim)
    before = stored_state()

    response = as_reviewer.delete(f"/api/v1/verdicts/{mine['id']}/")

    assert response.status_code == 409, response.content
    assert response.json()["code"] == "verdict_seen_others"
    assert "verdict" in response.json()
    assert stored_state() == before


def test_the_refusal_outlives_the_others_verdict(as_reviewer, reviewer, claim, other_reviewer):
    """Seen once is seen: after a change made while the others were visible, deleting stays
    refused even if the other verdict has gone meanwhile."""
    mine = _give(as_reviewer, claim)
    as_reviewer.patch(f"/api/v1/verdicts/{mine['id']}/", {"rationale": "Peeked."})
    Verdict.objects.filter(reviewer=other_reviewer).delete()

    assert as_reviewer.delete(f"/api/v1/verdicts/{mine['id']}/").status_code == 409


def test_deleting_before_anyone_else_rated_is_allowed(as_reviewer):
    alone = ClaimFactory(status="in_review")
    mine = _give(as_reviewer, alone)

    assert as_reviewer.delete(f"/api/v1/verdicts/{mine['id']}/").status_code == 204
    assert HistoryEntry.objects.filter(object_type="verdict", action="delete").exists()


def test_an_editor_who_sees_all_cannot_delete_theirs_either(as_editor, claim):
    mine = _give(as_editor, claim)
    assert as_editor.delete(f"/api/v1/verdicts/{mine['id']}/").status_code == 409


def test_admin_offers_no_delete_once_the_others_were_visible(client, reviewer, claim):
    from django.contrib.auth.models import Permission

    reviewer.is_staff = True
    reviewer.save()
    reviewer.user_permissions.add(*Permission.objects.filter(codename="delete_verdict"))
    client.force_login(reviewer)
    mine = VerdictFactory(claim=claim, reviewer=reviewer)

    url = f"/admin/annotations/verdict/{mine.pk}/delete/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Verdict.objects.filter(pk=mine.pk).exists()


def test_migration_rebuilds_revisions_from_history():
    """Existing verdicts changed before this release get their revisions from history."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "annotations.migrations.0006_verdict_original_rating_and_revisions"
    )
    verdict = VerdictFactory(rating="false", rationale="Third.")
    for old, new in ((("true", "First."), ("true", "Second.")),
                     (("true", "Second."), ("false", "Third."))):  # fmt: skip
        HistoryEntry.objects.create(
            object_type="verdict", object_id=verdict.pk, claim_id=verdict.claim_id,
            action="update", actor=UserFactory(),
            changes={k: [o, n] for k, o, n in zip(("rating", "rationale"), old, new, strict=True)
                     if o != n},
        )  # fmt: skip

    migration.from_history(apps, None)

    verdict.refresh_from_db()
    assert verdict.original_rating == "true"
    assert [(r["rating"], r["rationale"]) for r in verdict.revisions] == [
        ("true", "First."), ("true", "Second."),
    ]  # fmt: skip
    assert {r["others_visible"] for r in verdict.revisions} == {None}
