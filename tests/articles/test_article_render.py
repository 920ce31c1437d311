"""ArticleSerializer's hand-written output equals DRF's generic one, for every role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from rest_framework.test import APIRequestFactory

from articles.selectors import articles_with_claim_count
from articles.serializers import ArticleChangeSerializer, ArticleListSerializer, ArticleSerializer
from tests.api.helpers import published_claim
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(editor):
    plain = ArticleFactory(created_by=None)
    dated = ArticleFactory(
        created_by=editor, published_at=timezone.now(), revised_at=timezone.now(),
        url="https://example.org/a", byline="A. Writer", language="de-CH",
    )  # fmt: skip
    ClaimFactory.create_batch(2, article=dated)
    published_claim(article=dated)
    return [plain.pk, dated.pk]


@pytest.mark.parametrize("who", ["anonymous", "reviewer", "editor", "no_role", "no_request"])
def test_fast_output_equals_drf_output(request, articles, who):
    if who in ("anonymous", "no_request"):
        user = AnonymousUser()
    elif who == "no_role":
        user = UserFactory()
    else:
        user = request.getfixturevalue(who)
    context = {}
    if who != "no_request":
        http = APIRequestFactory().get("/")
        http.user = user
        context["request"] = http

    rows = list(articles_with_claim_count(user).filter(pk__in=articles).order_by("pk"))

    desk = who in ("reviewer", "editor")
    assert len(rows) == (2 if desk else 1)  # the public sees articles with published claims
    for serializer_class in (ArticleListSerializer, ArticleSerializer):
        serializer = serializer_class(context=context)
        for article in rows:
            fast = serializer.to_representation(article)
            generic = serializer.generic_representation(article)
            assert fast == generic
            assert list(fast) == list(generic)  # the same key order in the JSON
    dated = rows[-1]
    shown = ArticleSerializer(dated, context=context).data
    assert shown["created_by"] == ("edna" if desk else None)
    assert shown["claim_count"] == (3 if desk else 1)
    assert shown["revised_at"].endswith("Z")
    assert "text" in shown
    assert "text" not in ArticleListSerializer(dated, context=context).data


def test_the_change_answer_keeps_drfs_rendering(editor, articles):
    article = articles_with_claim_count(editor).get(pk=articles[1])
    article.anchoring = []
    http = APIRequestFactory().get("/")
    http.user = editor

    shown = ArticleChangeSerializer(article, context={"request": http}).data

    assert shown["anchoring"] == []
    assert shown["created_by"] == "edna"
