"""ClaimSerializer's hand-written output equals DRF's generic one, for every role and part."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from rest_framework.test import APIRequestFactory

from annotations.api import claims_for
from annotations.models import SourceArchive
from annotations.serializers import ClaimSerializer
from annotations.services import update_verdict
from annotations.services.workflow import correct_claim
from tests.api.helpers import published_claim
from tests.factories import (
    ArticleFactory,
    AssignmentFactory,
    ClaimFactory,
    SourceFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(editor, reviewer, other_reviewer):
    """A bare draft, a draft under blind review with an archived source, an orphan in an
    older revision, and a published then corrected claim with a failed and a queued archive."""
    bare = ClaimFactory()
    blind = ClaimFactory(status="in_review")
    _archive(SourceFactory(claim=blind), status="done", text="Archived page text. " * 30,
             sha256="ab" * 32, fetched_at=timezone.now(), http_status=200)  # fmt: skip
    orphan = ClaimFactory(article=ArticleFactory(revision=2), anchor_state="orphaned")
    VerdictFactory(claim=blind, reviewer=other_reviewer, rating="false")
    AssignmentFactory(claim=blind, reviewer=reviewer)
    public = published_claim()
    failed, queued = SourceFactory.create_batch(2, claim=public)
    _archive(failed, status="failed", reason="The server answered 404.", attempts=4)
    _archive(queued, status="queued", next_attempt_at=timezone.now())
    revised = VerdictFactory(claim=public, reviewer=reviewer, rating="true")
    VerdictFactory(claim=public, reviewer=other_reviewer, rating="mostly-true")
    correct_claim(
        claim=public, editor=editor, rating="mostly-false", rationale="Less so.", note="Fixed."
    )
    # A verdict changed after the others were visible: first_rating and revisions (issue 8).
    update_verdict(verdict=revised, changes={"rating": "false"}, actor=reviewer)
    return [bare.pk, blind.pk, orphan.pk, public.pk]


def _archive(source, **fields):
    return SourceArchive.objects.create(source=source, url=source.url, **fields)


@pytest.mark.parametrize("who", ["anonymous", "reviewer", "other_reviewer", "editor", "no_role"])
def test_fast_output_equals_drf_output(request, claims, who):
    if who == "anonymous":
        user = AnonymousUser()
    elif who == "no_role":
        user = UserFactory()
    else:
        user = request.getfixturevalue(who)
    http = APIRequestFactory().get("/")
    http.user = user
    serializer = ClaimSerializer(context={"request": http})

    rows = list(claims_for(user).filter(pk__in=claims))

    assert rows, "every role sees at least the published claim"
    for claim in rows:
        assert serializer.to_representation(claim) == serializer.generic_representation(claim)
    # The parts main's features added are really compared, not absent on both sides.
    shown = {row.pk: serializer.to_representation(row) for row in rows}
    public = shown[claims[-1]]
    assert public["revision"] == 1
    archives = [source["archive"] for source in public["sources"]]
    assert sorted(a["status"] if a else "none" for a in archives) == ["failed", "none", "queued"]
    if who in ("reviewer", "other_reviewer", "editor"):
        assert shown[claims[2]]["anchor_state"] == "orphaned"
        [blind_source] = shown[claims[1]]["sources"]
        assert blind_source["archive"]["text"].startswith("Archived page text.")


@pytest.mark.parametrize("who", ["anonymous", "reviewer", "other_reviewer", "editor"])
def test_an_articles_claims_from_compiled_sql_equal_the_querysets(request, who):
    """selectors.article_claims (compiled once, LIMIT/OFFSET as parameters, parts only where
    the flags say so) renders exactly what the queryset path renders, page by page."""
    from annotations import claim_list_cache, selectors
    from annotations.permissions import can_see_unpublished

    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    article = ArticleFactory()
    reviewer = request.getfixturevalue("other_reviewer")
    ClaimFactory(article=article)
    blind = ClaimFactory(article=article, status="in_review")
    SourceFactory(claim=blind)
    VerdictFactory(claim=blind, reviewer=reviewer, rating="false")
    AssignmentFactory(claim=blind, reviewer=reviewer)
    public = published_claim(article=article)
    VerdictFactory(claim=public, reviewer=reviewer, rating="true")
    published_claim(article=article)
    ClaimFactory()  # another article's claim
    http = APIRequestFactory().get("/")
    http.user = user
    serializer = ClaimSerializer(context={"request": http})

    expected = [
        serializer.generic_representation(claim)
        for claim in selectors.article_claims_queryset(user, article.pk)
    ]
    selectors.article_claims(user, article.pk, limit=1)  # compiles for this role
    kept = claim_list_cache.supported()  # the rows carry the list's fingerprint then
    compiled = selectors._ARTICLE_CLAIMS[can_see_unpublished(user), kept]._compiled["default"]
    whole = selectors.article_claims(user, article.pk, limit=200)
    pages = [selectors.article_claims(user, article.pk, limit=2, offset=o) for o in (0, 2, 4)]

    assert len(expected) == (4 if who != "anonymous" else 2)
    assert [serializer.to_representation(claim) for claim in whole] == expected
    assert [serializer.to_representation(c) for page in pages for c in page] == expected
    again = selectors._ARTICLE_CLAIMS[can_see_unpublished(user), kept]._compiled["default"]
    assert again is compiled
