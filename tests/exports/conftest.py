"""Fixtures for the export tests: in-memory claims for the pure builders, saved ones for HTTP."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from annotations import services
from annotations.models import Claim, Publication, Source, Verdict
from articles.models import Article
from tests.factories import ArticleFactory, ClaimFactory

T0 = datetime(2024, 5, 1, 12, 0, 0, 250_000, tzinfo=UTC)
TEXT = "Officials said 12 bridges collapsed last year. The ministry counted two."


def in_memory_claim(*, article_url: str = "https://news.example/bridges") -> Claim:
    """A claim graph that never touches the database, with relations "prefetched".

    Filling `_prefetched_objects_cache` is exactly what Prefetch does, so the
    builders read it as they would after visible_claims(), proving they are pure.
    """
    user_model = get_user_model()
    rita = user_model(pk=1, username="rita", first_name="Rita", last_name="Reyes")
    article = Article(
        pk=7,
        title="Bridges",
        url=article_url,
        publisher="Daily Example",
        language="en",
        published_at=datetime(2024, 4, 30, 8, 0, tzinfo=UTC),
        text=TEXT,
    )
    claim = Claim(
        pk=5,
        article=article,
        start=15,
        end=45,
        quote=TEXT[15:45],
        prefix=TEXT[:15],
        suffix=TEXT[45:77],
        statement="",
        claimant="",
        status=Claim.Status.DRAFT,
        created_by=rita,
        created_at=T0,
        updated_at=T0.replace(hour=13),
    )
    claim._prefetched_objects_cache = {"sources": [], "verdicts": [], "publications": []}
    return claim


def all_verdicts(claim: Claim) -> list[Verdict]:
    """A `verdicts_for` policy that shows every verdict, as an editor sees them."""
    return list(claim.verdicts.all())


def add_in_memory_source(claim: Claim, url: str, *, hour: int = 14) -> Source:
    source = Source(
        pk=len(claim.sources.all()) + 1,
        claim=claim,
        url=url,
        added_by=claim.created_by,
        created_at=T0,
        updated_at=T0.replace(hour=hour),
    )
    claim._prefetched_objects_cache["sources"].append(source)
    return source


def add_in_memory_verdict(claim: Claim, *, username: str, rating: str, rationale: str) -> Verdict:
    reviewer = get_user_model()(pk=2, username=username)
    verdict = Verdict(
        pk=1,
        claim=claim,
        reviewer=reviewer,
        rating=rating,
        rationale=rationale,
        created_at=T0.replace(hour=15),
        updated_at=T0.replace(hour=16),
    )
    claim._prefetched_objects_cache["verdicts"].append(verdict)
    return verdict


def publish_in_memory(claim: Claim, *, rating: str, rationale: str, day: int) -> Publication:
    editor = get_user_model()(pk=3, username="edna")
    when = T0.replace(day=day)
    publication = Publication(
        pk=day, claim=claim, rating=rating, rationale=rationale, editor=editor, published_at=when
    )
    claim._prefetched_objects_cache["publications"].append(publication)
    claim.status, claim.rating, claim.published_at, claim.published_by = (
        Claim.Status.PUBLISHED,
        rating,
        when,
        editor,
    )
    return publication


def published_claim(*, editor, article=None, rating: str = "false", **claim_fields) -> Claim:
    """A saved claim published through the real services (a source first, as they require)."""
    claim_fields.setdefault("status", Claim.Status.IN_REVIEW)  # only reviewed claims publish
    claim = ClaimFactory(article=article or ArticleFactory(), **claim_fields)
    services.add_source(
        claim=claim, added_by=editor, url=f"https://example.org/evidence/{claim.pk}"
    )
    return services.publish_claim(
        claim=claim, editor=editor, rating=rating, rationale="Official records say otherwise."
    )


@pytest.fixture
def desk_client(reviewer):
    """A reviewer's client, separate from `api_client` so one test can compare both."""
    client = APIClient()
    client.force_authenticate(reviewer)
    return client
