"""/api/v1/claims/{id}/verdicts/ and /api/v1/verdicts/{id}/."""

import pytest

from annotations.models import Verdict
from annotations.ratings import Rating
from tests.api.helpers import iso, published_claim
from tests.factories import ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def _collection(claim) -> str:
    return f"/api/v1/claims/{claim.pk}/verdicts/"


def _detail(verdict: Verdict) -> str:
    return f"/api/v1/verdicts/{verdict.pk}/"


def test_records_verdict(as_reviewer):
    claim = ClaimFactory()

    response = as_reviewer.post(
        _collection(claim), {"rating": "false", "rationale": "Four officers died, not five."}
    )

    assert response.status_code == 201, response.json()
    verdict = Verdict.objects.get()
    assert response.json() == {
        "id": verdict.pk,
        "claim": claim.pk,
        "reviewer": "rita",
        "rating": "false",
        "first_rating": "false",
        "rationale": "Four officers died, not five.",
        "revisions": [],
        "created_at": iso(verdict.created_at),
        "updated_at": iso(verdict.updated_at),
    }
    assert response["ETag"] == f'"verdict-{verdict.pk}-v1"'


def test_second_verdict_by_same_reviewer_is_a_conflict(as_reviewer, reviewer):
    first = VerdictFactory(reviewer=reviewer)

    response = as_reviewer.post(_collection(first.claim), {"rating": "true", "rationale": "x"})

    assert response.status_code == 409
    assert response.json()["existing_id"] == first.pk
    assert Verdict.objects.count() == 1


def test_unknown_rating_lists_the_allowed_values(as_reviewer):
    claim = ClaimFactory()

    response = as_reviewer.post(_collection(claim), {"rating": "pants-on-fire", "rationale": "x"})

    assert response.status_code == 400
    message = response.json()["rating"][0]
    assert all(value in message for value in Rating.values)
    assert Verdict.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"rating": "false", "rationale": ""}, "rationale"),
        ({"rating": "false", "rationale": "   "}, "rationale"),
        ({"rating": "false"}, "rationale"),
        ({"rationale": "x"}, "rating"),
        ({"rating": None, "rationale": "x"}, "rating"),
        ({"rating": "false", "rationale": "x", "reviewer": "edna"}, "reviewer"),
        ({"rating": "false", "rationale": "a\x00b"}, "rationale"),
    ],
)
def test_rejects_bad_verdict_input(as_reviewer, body, field):
    claim = ClaimFactory()

    response = as_reviewer.post(_collection(claim), body)

    assert response.status_code == 400
    assert field in response.json()
    assert Verdict.objects.count() == 0


def test_create_needs_reviewer_role(anon, as_reviewer, django_user_model):
    claim = ClaimFactory()
    body = {"rating": "false", "rationale": "x"}

    assert anon.post(_collection(claim), body).status_code == 401
    as_reviewer.force_authenticate(django_user_model.objects.create_user("nobody"))
    assert as_reviewer.post(_collection(claim), body).status_code == 403
    assert Verdict.objects.count() == 0


def test_lists_verdicts_for_the_desk_only(as_reviewer, anon):
    claim = published_claim()
    verdicts = VerdictFactory.create_batch(2, claim=claim)

    desk = as_reviewer.get(_collection(claim))
    public = anon.get(_collection(claim))

    assert [row["id"] for row in desk.json()["results"]] == [v.pk for v in verdicts]
    assert public.status_code == 200
    assert public.json()["results"] == []
    assert anon.get(_detail(verdicts[0])).status_code == 404


def test_only_its_own_reviewer_may_patch_a_verdict_editors_included(
    reviewer, other_reviewer, as_reviewer, as_other, as_editor, anon
):
    verdict = VerdictFactory(reviewer=reviewer, rating="false")
    # Omar gave his own, so blind review shows him rita's: the refusal is about ownership.
    VerdictFactory(claim=verdict.claim, reviewer=other_reviewer)

    assert anon.patch(_detail(verdict), {"rating": "true"}).status_code == 401
    assert as_other.patch(_detail(verdict), {"rating": "true"}).status_code == 403
    refused = as_editor.patch(_detail(verdict), {"rationale": "Edited."})
    assert refused.status_code == 403
    assert "detail" in refused.json()
    verdict.refresh_from_db()
    assert (verdict.rating, verdict.version) == ("false", 1)

    owner = as_reviewer.patch(_detail(verdict), {"rating": "half-true"})

    assert owner.status_code == 200
    assert owner.json()["rating"] == "half-true"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"rating": "maybe"}, "rating"),
        ({"rationale": ""}, "rationale"),
        ({"claim": 3}, "claim"),
        ({"reviewer": "edna"}, "reviewer"),
    ],
)
def test_rejects_bad_verdict_patch(as_reviewer, reviewer, body, field):
    verdict = VerdictFactory(reviewer=reviewer)
    before = Verdict.objects.values().get(pk=verdict.pk)

    response = as_reviewer.patch(_detail(verdict), body)

    assert response.status_code == 400
    assert field in response.json()
    assert Verdict.objects.values().get(pk=verdict.pk) == before


def test_delete_by_its_own_reviewer_only(
    reviewer, other_reviewer, as_reviewer, as_other, as_editor, anon
):
    mine = VerdictFactory(reviewer=reviewer)
    # Omar gave his own, so blind review shows him rita's: the refusal is about ownership.
    VerdictFactory(claim=mine.claim, reviewer=other_reviewer)

    assert anon.delete(_detail(mine)).status_code == 401
    assert as_other.delete(_detail(mine)).status_code == 403
    assert as_editor.delete(_detail(mine)).status_code == 403
    assert Verdict.objects.count() == 2
    # Omar's verdict is visible to rita since she gave hers: hers stays (issue 8,
    # tests/api/test_verdict_revisions.py); alone on a claim, she may delete it.
    assert as_reviewer.delete(_detail(mine)).status_code == 409
    alone = VerdictFactory(reviewer=reviewer)
    assert as_reviewer.delete(_detail(alone)).status_code == 204
    assert Verdict.objects.count() == 2
