"""Correcting and retracting published fact-checks: notes required, nothing ever lost."""

import pytest

from annotations.models import Publication
from tests.api.helpers import iso
from tests.workflow.helpers import API, CORRECT, PUBLISH, RETRACT, claim_in, stored_state

pytestmark = pytest.mark.django_db


def _post(client, claim, move: str, body: dict):
    return client.post(f"{API}/claims/{claim.pk}/{move}/", body)


def test_correction_keeps_the_earlier_publication_and_lists_itself(as_editor, editor, reviewer):
    claim = claim_in("published", editor=editor, created_by=reviewer)
    source = claim.sources.get()

    response = _post(as_editor, claim, "correct", CORRECT)

    assert response.status_code == 200, response.json()
    claim.refresh_from_db()
    first, correction = Publication.objects.filter(claim=claim).order_by("id")
    assert response.json() == {
        "id": claim.pk,
        "article": claim.article_id,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "prefix": claim.prefix,
        "suffix": claim.suffix,
        "revision": 1,
        "anchor_state": "anchored",
        "statement": "",
        "claimant": "",
        "status": "published",
        "rating": "mostly-false",
        "created_by": "rita",
        "created_at": iso(claim.created_at),
        "updated_at": iso(claim.updated_at),
        "published_at": iso(correction.published_at),
        "published_by": "edna",
        "publications": [
            {
                "kind": "publication",
                "rating": "false",
                "rationale": PUBLISH["rationale"],
                "note": "",
                "editor": "edna",
                "published_at": iso(first.published_at),
            },
            {
                "kind": "correction",
                "rating": "mostly-false",
                "rationale": CORRECT["rationale"],
                "note": "Recount.",
                "editor": "edna",
                "published_at": iso(correction.published_at),
            },
        ],
        "corrections": [
            {
                "date": iso(correction.published_at),
                "note": "Recount.",
                "previous_rating": "false",
                "rating": "mostly-false",
            }
        ],
        "agreement": "none",
        "assigned_to": [],
        "sources": [
            {
                "id": source.pk,
                "claim": claim.pk,
                "url": source.url,
                "title": "Official report",
                "publisher": "Example Agency",
                "published_at": None,
                "excerpt": "The report lists the officers who died.",
                "stance": "refutes",
                "added_by": source.added_by.username,
                "created_at": iso(source.created_at),
                "updated_at": iso(source.updated_at),
                "archive": None,
            }
        ],
        "verdicts": [],
    }
    assert response["ETag"] == f'"claim-{claim.pk}-v{claim.version}"'


def test_second_correction_names_the_rating_it_replaced(as_editor):
    claim = claim_in("published")
    _post(as_editor, claim, "correct", CORRECT)

    response = _post(
        as_editor, claim, "correct", {"rating": "half-true", "rationale": "More.", "note": "Again."}
    )

    assert [
        (c["previous_rating"], c["rating"], c["note"]) for c in response.json()["corrections"]
    ] == [
        ("false", "mostly-false", "Recount."),
        ("mostly-false", "half-true", "Again."),
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"rating": "false", "rationale": "x"}, "note"),
        ({"rating": "false", "rationale": "x", "note": ""}, "note"),
        ({"rating": "false", "rationale": "x", "note": "   "}, "note"),
        ({"rating": "nope", "rationale": "x", "note": "n"}, "rating"),
        ({"rating": "false", "rationale": "", "note": "n"}, "rationale"),
        ({"rating": "false", "rationale": "x", "note": "n", "status": "draft"}, "status"),
    ],
)
def test_rejects_bad_correction(as_editor, body, field):
    claim = claim_in("published")
    before = stored_state()

    response = _post(as_editor, claim, "correct", body)

    assert response.status_code == 400
    assert field in response.json()
    assert stored_state() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "note"), ({"note": ""}, "note"), ({"note": "  "}, "note"), ({"note": "n", "x": 1}, "x")],
)
def test_rejects_bad_retraction(as_editor, body, field):
    claim = claim_in("published")
    before = stored_state()

    response = _post(as_editor, claim, "retract", body)

    assert response.status_code == 400
    assert field in response.json()
    assert stored_state() == before


def test_retracted_claim_stays_readable_by_anyone_shown_as_retracted(anon, as_editor):
    claim = claim_in("published")

    response = _post(as_editor, claim, "retract", RETRACT)

    assert response.status_code == 200
    public = anon.get(f"{API}/claims/{claim.pk}/")
    assert public.status_code == 200
    assert (public.json()["status"], public.json()["rating"]) == ("retracted", "false")
    assert [(p["kind"], p["note"]) for p in public.json()["publications"]] == [
        ("publication", ""),
        ("retraction", "Quoted the wrong article."),
    ]
    assert claim.pk in [c["id"] for c in anon.get(f"{API}/claims/").json()["results"]]
    assert anon.get(f"{API}/articles/{claim.article_id}/").status_code == 200


def test_retracted_claim_takes_no_new_verdicts(as_reviewer):
    claim = claim_in("retracted")

    response = as_reviewer.post(
        f"{API}/claims/{claim.pk}/verdicts/", {"rating": "false", "rationale": "Late."}
    )

    assert response.status_code == 409
    assert response.json()["current_status"] == "retracted"
    assert not claim.verdicts.exists()


def test_corrected_rating_reaches_claimreview(anon, as_editor):
    claim = claim_in("published")
    _post(as_editor, claim, "correct", CORRECT)

    review = anon.get(f"{API}/claims/{claim.pk}/claimreview/")

    assert review.status_code == 200
    assert review.json()["reviewRating"]["alternateName"] == "Mostly false"
    assert review.json()["reviewRating"]["ratingValue"] == 2
