"""GET /api/v1/articles/{id}/suggestions/: every sentence, scored, with the covering claim."""

import pytest
from django.core.cache import cache

from annotations.models import Claim
from articles.services import create_article
from suggestions import checking, scoring
from tests.api.helpers import published_claim
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

TEXT = "I think it is sad. The senator voted against the bill 14 times in 2019. Thank you."
CLAIMED = "The senator voted against the bill 14 times in 2019."


def url(article) -> str:
    return f"/api/v1/articles/{article.pk}/suggestions/"


def test_returns_every_sentence_in_text_order_with_scores_and_reasons(api_client, reviewer):
    article = ArticleFactory(text=TEXT)
    api_client.force_authenticate(reviewer)

    response = api_client.get(url(article))

    assert response.status_code == 200
    body = response.json()
    expected = [
        (TEXT[a:b], scoring.score_sentence(TEXT[a:b])) for a, b in [(0, 18), (19, 71), (72, 82)]
    ]
    assert body == {
        "threshold": 0.5,
        "results": [
            {
                "start": TEXT.index(quote),
                "end": TEXT.index(quote) + len(quote),
                "quote": quote,
                "score": verdict.score,
                "worthy": verdict.worthy,
                "reasons": list(verdict.reasons),
                "claim": None,
            }
            for quote, verdict in expected
        ],
    }
    assert [row["worthy"] for row in body["results"]] == [False, True, False]
    assert all(TEXT[row["start"] : row["end"]] == row["quote"] for row in body["results"])


def test_worthy_and_ordering_filter_and_sort(api_client, reviewer):
    article = ArticleFactory(text=TEXT + " Congress passed the law in 2010 by 219 votes to 212.")
    api_client.force_authenticate(reviewer)

    worthy = api_client.get(url(article), {"worthy": "true", "ordering": "-score"}).json()
    others = api_client.get(url(article), {"worthy": "false"}).json()
    ascending = api_client.get(url(article), {"ordering": "score"}).json()

    scores = [row["score"] for row in worthy["results"]]
    assert len(scores) == 2
    assert all(row["worthy"] for row in worthy["results"])
    assert scores == sorted(scores, reverse=True)
    assert [row["worthy"] for row in others["results"]] == [False, False]
    assert [row["score"] for row in ascending["results"]] == sorted(
        row["score"] for row in ascending["results"]
    )


def test_blank_parameters_mean_not_given(api_client, reviewer):
    article = ArticleFactory(text=TEXT)
    api_client.force_authenticate(reviewer)
    response = api_client.get(url(article) + "?worthy=&ordering=")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


@pytest.mark.parametrize(
    ("query", "field"), [("worthy=maybe", "worthy"), ("ordering=-start", "ordering")]
)
def test_bad_parameters_are_a_400_naming_them(api_client, reviewer, query, field):
    article = ArticleFactory(text=TEXT)
    api_client.force_authenticate(reviewer)
    response = api_client.get(f"{url(article)}?{query}")
    assert response.status_code == 400
    assert field in response.json()


def test_claim_names_a_claim_covering_the_sentence(api_client, reviewer):
    article = ArticleFactory(text=TEXT)
    start = TEXT.index("voted against")
    phrase = ClaimFactory(article=article, start=start, end=start + len("voted against"))
    edge = ClaimFactory(article=article, start=TEXT.index("2019."), end=TEXT.index("Thank") + 5)
    api_client.force_authenticate(reviewer)

    rows = api_client.get(url(article)).json()["results"]

    # The phrase lies inside the second sentence; the edge claim is mostly the third.
    assert [row["claim"] for row in rows] == [None, phrase.pk, edge.pk]


def test_anonymous_readers_see_public_articles_and_published_claims_only(api_client, reviewer):
    article = ArticleFactory(text=TEXT)
    ClaimFactory(article=article, start=0, end=len("I think it is sad."))  # a draft
    assert api_client.get(url(article)).status_code == 404  # nothing published yet

    start = TEXT.index(CLAIMED)
    published = published_claim(article=article, start=start, end=start + len(CLAIMED))
    rows = api_client.get(url(article)).json()["results"]

    assert [row["claim"] for row in rows] == [None, published.pk, None]


def test_unknown_article_is_a_404(api_client, reviewer):
    api_client.force_authenticate(reviewer)
    assert api_client.get("/api/v1/articles/999999/suggestions/").status_code == 404


def test_unsupported_language_gets_sentences_without_scores(api_client, reviewer):
    article = create_article(
        title="Deutsch", text="Der Senator stimmte 2019 dagegen. Danke.", language="de"
    )
    api_client.force_authenticate(reviewer)
    rows = api_client.get(url(article)).json()["results"]
    assert [(row["quote"], row["score"], row["worthy"], row["reasons"]) for row in rows] == [
        ("Der Senator stimmte 2019 dagegen.", None, False, ["language not supported"]),
        ("Danke.", None, False, ["language not supported"]),
    ]


@pytest.mark.parametrize("claims", [1, 50])
def test_query_count_does_not_grow_with_claims(
    api_client, reviewer, django_assert_max_num_queries, claims
):
    article = ArticleFactory()
    ClaimFactory.create_batch(claims, article=article)
    api_client.force_authenticate(reviewer)

    # 1 the user's role groups, 2 the article, 3 the visible claims' ids and spans
    with django_assert_max_num_queries(3):
        response = api_client.get(url(article))

    assert response.status_code == 200
    assert sum(row["claim"] is not None for row in response.json()["results"]) >= 1


def test_results_are_cached_by_content_and_computed_on_demand(api_client, reviewer, monkeypatch):
    article = create_article(title="Cached", text=TEXT)
    assert cache.get(checking.cache_key(TEXT, "en")) is None  # creating computed nothing
    calls = []
    original = scoring.score_sentences
    monkeypatch.setattr(
        scoring, "score_sentences", lambda s, lang: calls.append(1) or original(s, lang)
    )
    api_client.force_authenticate(reviewer)

    first = api_client.get(url(article)).json()
    second = api_client.get(url(article)).json()
    same_text = ArticleFactory(text=TEXT)
    third = api_client.get(url(same_text)).json()

    assert first == second == third
    assert len(calls) == 1  # one computation for three requests and two articles
    other = ArticleFactory(text=TEXT + " Another sentence.")
    api_client.get(url(other))
    assert len(calls) == 2  # a different text is a different key


def test_a_signed_in_account_without_a_role_reads_like_the_public(api_client):
    article = ArticleFactory(text=TEXT)
    api_client.force_authenticate(UserFactory())
    assert api_client.get(url(article)).status_code == 404
    assert not Claim.objects.exists()


@pytest.mark.parametrize("claims", [1, 50])
def test_anonymous_query_count_does_not_grow_with_claims(
    api_client, django_assert_max_num_queries, claims
):
    article = ArticleFactory()
    for n in range(claims):
        published_claim(article=article, start=n, end=n + 20)

    # 1 the article (EXISTS a published claim), 2 the published claims' ids and spans
    with django_assert_max_num_queries(2):
        response = api_client.get(url(article))

    assert response.status_code == 200
