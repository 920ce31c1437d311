"""POST /api/v1/claims/{id}/publish/ and GET /api/v1/ratings/."""

import pytest

from annotations.models import Claim, Publication
from annotations.ratings import Rating
from tests.api.helpers import iso
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _publish_url(claim: Claim) -> str:
    return f"/api/v1/claims/{claim.pk}/publish/"


def test_editor_publishes_claim(as_editor, editor):
    claim = SourceFactory(claim__status="in_review").claim

    response = as_editor.post(
        _publish_url(claim), {"rating": "false", "rationale": "Records show four."}
    )

    assert response.status_code == 200, response.json()
    claim.refresh_from_db()
    publication = Publication.objects.get()
    body = response.json()
    assert (body["status"], body["rating"]) == ("published", "false")
    assert (body["published_by"], body["published_at"]) == ("edna", iso(claim.published_at))
    assert body["publications"] == [
        {
            "kind": "publication",
            "rating": "false",
            "rationale": "Records show four.",
            "note": "",
            "editor": "edna",
            "published_at": iso(publication.published_at),
        }
    ]
    assert response["ETag"] == f'"claim-{claim.pk}-v2"'


def test_publishing_again_records_a_correction(as_editor):
    claim = SourceFactory(claim__status="in_review").claim
    as_editor.post(_publish_url(claim), {"rating": "false", "rationale": "First."})

    response = as_editor.post(
        _publish_url(claim),
        {"rating": "mostly-false", "rationale": "Second.", "note": "New records."},
    )

    assert response.status_code == 200
    assert response.json()["rating"] == "mostly-false"
    assert [(p["rating"], p["note"]) for p in response.json()["publications"]] == [
        ("false", ""),
        ("mostly-false", "New records."),
    ]


def test_only_editors_publish(anon, as_reviewer):
    claim = SourceFactory(claim__status="in_review").claim
    body = {"rating": "false", "rationale": "x"}

    assert anon.post(_publish_url(claim), body).status_code == 401
    assert as_reviewer.post(_publish_url(claim), body).status_code == 403
    claim.refresh_from_db()
    assert (claim.status, Publication.objects.count()) == ("in_review", 0)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"rating": "pants-on-fire", "rationale": "x"}, "rating"),
        ({"rating": "false", "rationale": ""}, "rationale"),
        ({"rating": "false"}, "rationale"),
        ({"rating": "false", "rationale": "x", "status": "draft"}, "status"),
        ({"rating": "false", "rationale": "x", "editor": "rita"}, "editor"),
    ],
)
def test_rejects_bad_publish_input(as_editor, body, field):
    claim = SourceFactory(claim__status="in_review").claim

    response = as_editor.post(_publish_url(claim), body)

    assert response.status_code == 400
    assert field in response.json()
    assert Publication.objects.count() == 0


def test_publishing_needs_a_source(as_editor):
    claim = ClaimFactory(status="in_review")

    response = as_editor.post(_publish_url(claim), {"rating": "false", "rationale": "x"})

    assert response.status_code == 400
    assert "sources" in response.json()
    claim.refresh_from_db()
    assert (claim.status, Publication.objects.count()) == ("in_review", 0)


def test_publishing_a_draft_is_409_naming_its_status(as_editor):
    claim = SourceFactory().claim

    response = as_editor.post(_publish_url(claim), {"rating": "false", "rationale": "x"})

    assert response.status_code == 409
    assert response.json()["current_status"] == "draft"
    assert "status" in response.json()
    claim.refresh_from_db()
    assert (claim.status, Publication.objects.count()) == ("draft", 0)


def test_publishing_unknown_claim_is_404(as_editor):
    response = as_editor.post(
        "/api/v1/claims/999999/publish/", {"rating": "false", "rationale": "x"}
    )

    assert response.status_code == 404


def test_rating_scale(anon):
    response = anon.get("/api/v1/ratings/")

    assert response.status_code == 200
    assert response.json()[:2] == [
        {
            "value": "true",
            "label": "True",
            "numeric_value": 5,
            "description": "The statement is accurate and nothing significant is missing.",
        },
        {
            "value": "mostly-true",
            "label": "Mostly true",
            "numeric_value": 4,
            "description": "Accurate, but needs clarification or additional information.",
        },
    ]
    assert [row["value"] for row in response.json()] == Rating.values
    assert response.json()[-1]["numeric_value"] is None
