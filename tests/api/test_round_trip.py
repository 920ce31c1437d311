"""The whole desk workflow through the API, with real tokens, read back field by field."""

import pytest
from rest_framework.test import APIClient

from annotations.models import Claim, Publication, Source, Verdict
from tests.api.helpers import iso
from tests.factories import ARTICLE_TEXT

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
QUOTE = "five officers that died"


def _signed_in(username: str) -> APIClient:
    client = APIClient()
    token = client.post("/api/v1/auth/token/", {"username": username, "password": PASSWORD})
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")
    return client


def _created(response) -> dict:
    assert response.status_code in (200, 201), response.json()
    return response.json()


def test_article_to_published_fact_check(reviewer, other_reviewer, editor):
    rita, omar, edna = _signed_in("rita"), _signed_in("omar"), _signed_in("edna")
    article = _created(
        rita.post("/api/v1/articles/", {"title": "Parler and the Capitol", "text": ARTICLE_TEXT})
    )
    claim = _created(
        rita.post(
            "/api/v1/claims/",
            {
                "article": article["id"],
                "quote": QUOTE,
                "claimant": "Parler",
                "statement": "Five died",
            },
        )
    )
    sources = [
        _created(rita.post(f"/api/v1/claims/{claim['id']}/sources/", source))
        for source in (
            {"url": "https://police.example/report", "stance": "refutes", "title": "Report"},
            {"url": "https://news.example/count", "stance": "context", "excerpt": "Counts."},
        )
    ]
    assert _created(rita.post(f"/api/v1/claims/{claim['id']}/submit/"))["status"] == "in_review"
    verdicts = [
        _created(client.post(f"/api/v1/claims/{claim['id']}/verdicts/", body))
        for client, body in (
            (rita, {"rating": "mostly-false", "rationale": "One death was later."}),
            (omar, {"rating": "false", "rationale": "Records list fewer deaths."}),
        )
    ]
    _created(
        edna.post(
            f"/api/v1/claims/{claim['id']}/publish/",
            {"rating": "false", "rationale": "Official records contradict it."},
        )
    )

    body = rita.get(f"/api/v1/claims/{claim['id']}/").json()

    stored = Claim.objects.get()
    start = ARTICLE_TEXT.index(QUOTE)
    publication = Publication.objects.get()
    assert body == {
        "id": stored.pk,
        "article": article["id"],
        "start": start,
        "end": start + len(QUOTE),
        "quote": QUOTE,
        "prefix": ARTICLE_TEXT[start - 32 : start],
        "suffix": ARTICLE_TEXT[start + len(QUOTE) : start + len(QUOTE) + 32],
        "revision": 1,
        "anchor_state": "anchored",
        "statement": "Five died",
        "claimant": "Parler",
        "status": "published",
        "rating": "false",
        "created_by": "rita",
        "created_at": iso(stored.created_at),
        "updated_at": iso(stored.updated_at),
        "published_at": iso(publication.published_at),
        "published_by": "edna",
        "publications": [
            {
                "kind": "publication",
                "rating": "false",
                "rationale": "Official records contradict it.",
                "note": "",
                "editor": "edna",
                "published_at": iso(publication.published_at),
            }
        ],
        "corrections": [],
        "agreement": "adjacent",  # mostly-false and false are one step apart
        "assigned_to": [],
        "sources": sources,
        "verdicts": verdicts,
    }
    assert [s["url"] for s in body["sources"]] == [
        "https://police.example/report",
        "https://news.example/count",
    ]
    assert [(v["reviewer"], v["rating"]) for v in body["verdicts"]] == [
        ("rita", "mostly-false"),
        ("omar", "false"),
    ]
    assert (Source.objects.count(), Verdict.objects.count()) == (2, 2)
    public = APIClient().get(f"/api/v1/claims/{claim['id']}/").json()
    # The public sees the fact-check, not who on the desk did what.
    assert public == {
        **body,
        "verdicts": [],
        "agreement": "none",
        "created_by": None,
        "published_by": None,
        "publications": [{**p, "editor": None} for p in body["publications"]],
        "sources": [{**s, "added_by": None} for s in body["sources"]],
    }
