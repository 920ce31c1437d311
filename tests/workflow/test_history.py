"""The change history: one row per change, with who, what (old and new values) and why;
readable by the desk at /claims/{id}/history/, never writable through the API.
"""

import pytest

from annotations.models import Claim
from history.models import HistoryEntry
from tests.api.helpers import iso
from tests.factories import ArticleFactory, UserFactory, VerdictFactory
from tests.workflow.changes import CHANGES, build_scene
from tests.workflow.helpers import API, CORRECT, claim_in, client_for

pytestmark = pytest.mark.django_db

REASON = "Checked against the police report."


@pytest.fixture
def made(reviewer, other_reviewer, editor) -> dict:
    return build_scene(reviewer=reviewer, other_reviewer=other_reviewer, editor=editor)


@pytest.mark.parametrize("change", CHANGES, ids=lambda case: case.__name__.lstrip("_"))
def test_every_kind_of_change_leaves_a_history_row(made, change):
    case = change(made)
    last = HistoryEntry.objects.order_by("-id").values_list("id", flat=True).first()
    client = client_for(made[case.who])

    response = getattr(client, case.method)(API + case.path, case.body, HTTP_X_CHANGE_REASON=REASON)

    assert 200 <= response.status_code < 300, response.content
    rows = HistoryEntry.objects.filter(id__gt=last).order_by("id")
    assert [(r.object_type, r.action, r.changes) for r in rows] == case.rows()
    assert {(r.actor, r.reason) for r in rows} == {(made[case.who], REASON)}


def test_rows_of_claim_parts_carry_the_claim_and_article(made, as_reviewer):
    claim = made["claim"]

    as_reviewer.post(f"{API}/claims/{claim.pk}/sources/", {"url": "https://a.example/"})

    row = HistoryEntry.objects.latest("id")
    assert (row.claim_id, row.article_id) == (claim.pk, claim.article_id)


def test_without_a_reason_header_publication_notes_are_the_reason(made, as_editor):
    claim = made["published"]

    as_editor.post(f"{API}/claims/{claim.pk}/correct/", CORRECT)

    assert HistoryEntry.objects.latest("id").reason == "Recount."


def test_history_of_a_deleted_draft_outlives_it(made, as_editor):
    claim = made["claim"]

    assert as_editor.delete(f"{API}/claims/{claim.pk}/").status_code == 204

    assert not Claim.objects.filter(pk=claim.pk).exists()
    actions = list(HistoryEntry.objects.filter(claim_id=claim.pk).values_list("action", flat=True))
    assert actions[-1] == "delete"


# --- GET /api/v1/claims/{id}/history/ -------------------------------------------------------


def test_claim_history_lists_every_change_oldest_first(as_reviewer, as_editor, reviewer, editor):
    article = ArticleFactory()
    created = as_reviewer.post(
        f"{API}/claims/", {"article": article.pk, "start": 0, "end": 5},
        HTTP_X_CHANGE_REASON="Spotted it.",
    ).json()  # fmt: skip
    as_reviewer.patch(f"{API}/claims/{created['id']}/", {"claimant": "Parler"})
    claim = Claim.objects.get(pk=created["id"])

    response = as_reviewer.get(f"{API}/claims/{claim.pk}/history/")

    assert response.status_code == 200
    first, second = HistoryEntry.objects.filter(claim_id=claim.pk).order_by("id")
    assert response.json() == [
        {
            "id": first.pk,
            "at": iso(first.at),
            "actor": "rita",
            "action": "create",
            "object_type": "claim",
            "object_id": claim.pk,
            "changes": {
                "article": [None, article.pk],
                "start": [None, 0],
                "end": [None, 5],
                "quote": [None, article.text[:5]],
                "statement": [None, ""],
                "claimant": [None, ""],
                "status": [None, "draft"],
            },
            "reason": "Spotted it.",
        },
        {
            "id": second.pk,
            "at": iso(second.at),
            "actor": "rita",
            "action": "update",
            "object_type": "claim",
            "object_id": claim.pk,
            "changes": {"claimant": ["", "Parler"]},
            "reason": "",
        },
    ]


def test_claim_history_is_for_the_desk_only(anon, reviewer):
    claim = claim_in("published")
    plain = client_for(UserFactory())

    assert anon.get(f"{API}/claims/{claim.pk}/history/").status_code == 401
    assert plain.get(f"{API}/claims/{claim.pk}/history/").status_code == 403
    assert client_for(reviewer).get(f"{API}/claims/{claim.pk}/history/").status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_claim_history_cannot_be_written(as_editor, method):
    claim = claim_in("published")
    before = list(HistoryEntry.objects.values_list("id", "changes", "reason"))

    response = getattr(as_editor, method)(
        f"{API}/claims/{claim.pk}/history/", {"action": "delete", "reason": "Oops."}
    )

    assert response.status_code == 405
    assert list(HistoryEntry.objects.values_list("id", "changes", "reason")) == before


def test_claim_history_hides_other_reviewers_verdicts_under_blind_review(
    as_other, reviewer, other_reviewer
):
    claim = claim_in("in_review")
    VerdictFactory(claim=claim, reviewer=reviewer)  # factories write no history rows
    client_for(reviewer).patch(f"{API}/verdicts/{claim.verdicts.get().pk}/", {"rating": "true"})

    def verdict_rows() -> list[str]:
        rows = as_other.get(f"{API}/claims/{claim.pk}/history/").json()
        return [row["actor"] for row in rows if row["object_type"] == "verdict"]

    assert verdict_rows() == []
    as_other.post(f"{API}/claims/{claim.pk}/verdicts/", {"rating": "false", "rationale": "No."})
    assert verdict_rows() == ["rita", "omar"]
