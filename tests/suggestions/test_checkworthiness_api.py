"""POST /api/v1/checkworthiness/: score text or sentences; desk only; bad input is a 400."""

import pytest
from rest_framework.throttling import SimpleRateThrottle

from articles.models import Article
from suggestions import scoring
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/checkworthiness/"
TEXT = "We won 🎉. The senator voted against the bill 14 times in 2019.\nThank you."


@pytest.fixture
def desk(api_client, reviewer):
    api_client.force_authenticate(reviewer)
    return api_client


def row(quote, start=None, end=None):
    verdict = scoring.score_sentence(quote)
    return {
        "start": start,
        "end": end,
        "quote": quote,
        "score": verdict.score,
        "worthy": verdict.worthy,
        "reasons": list(verdict.reasons),
    }


def test_text_is_split_and_offsets_index_it_in_code_points(desk):
    response = desk.post(URL, {"text": TEXT}, format="json")

    assert response.status_code == 200
    quotes = ["We won 🎉.", "The senator voted against the bill 14 times in 2019.", "Thank you."]
    starts = [0, 10, 63]
    assert response.json() == {
        "threshold": 0.5,
        "results": [row(q, s, s + len(q)) for q, s in zip(quotes, starts, strict=True)],
    }
    for result in response.json()["results"]:
        assert TEXT[result["start"] : result["end"]] == result["quote"]


def test_sentences_are_scored_as_given_in_the_input_order(desk):
    sentences = ["Thank you.", "  He cut 2,000 jobs in 2015. ", "Thank you."]
    response = desk.post(URL, {"sentences": sentences}, format="json")
    assert response.status_code == 200
    assert response.json()["results"] == [row(s) for s in sentences]


def test_an_unsupported_language_gets_null_scores(desk):
    body = {"sentences": ["Er hat 2015 verloren."], "language": "de"}
    response = desk.post(URL, body, format="json")
    [result] = response.json()["results"]
    assert (result["score"], result["worthy"], result["reasons"]) == (
        None,
        False,
        ["language not supported"],
    )


def test_editors_may_score_too(api_client, editor):
    api_client.force_authenticate(editor)
    assert api_client.post(URL, {"text": TEXT}, format="json").status_code == 200


def test_anonymous_callers_get_401(api_client):
    assert api_client.post(URL, {"text": TEXT}, format="json").status_code == 401


def test_accounts_without_a_desk_role_get_403(api_client):
    api_client.force_authenticate(UserFactory())
    response = api_client.post(URL, {"text": TEXT}, format="json")
    assert response.status_code == 403
    assert "review desk" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"language": "en"}, "text"),
        ({"text": ""}, "text"),
        ({"text": " \n\t "}, "text"),
        ({"text": 42}, "text"),
        ({"text": "a\x00b"}, "text"),
        ({"text": "x" * 200_001}, "text"),
        ({"text": "One.", "sentences": ["Two."]}, "sentences"),
        ({"sentences": []}, "sentences"),
        ({"sentences": "One sentence."}, "sentences"),
        ({"sentences": ["Fine.", ""]}, "sentences"),
        ({"sentences": ["Fine.", "   "]}, "sentences"),
        ({"sentences": ["Fine.", None]}, "sentences"),
        ({"sentences": [["nested"]]}, "sentences"),
        ({"sentences": ["x" * 5001]}, "sentences"),
        ({"sentences": ["One."] * 1001}, "sentences"),
        ({"text": "One.", "language": "english!"}, "language"),
        ({"text": "One.", "language": "x" * 36}, "language"),
    ],
    ids=lambda value: repr(value)[:40] if isinstance(value, dict) else value,
)
def test_bad_input_is_a_400_naming_the_field(desk, body, field):
    articles_before = Article.objects.count()
    response = desk.post(URL, body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert Article.objects.count() == articles_before  # nothing is ever stored


def test_the_error_names_the_bad_sentence(desk):
    response = desk.post(URL, {"sentences": ["Fine.", "", "Fine."]}, format="json")
    assert response.json() == {"sentences": {"1": ["This field may not be blank."]}}


def test_a_body_that_is_not_json_is_refused(desk):
    response = desk.post(URL, "text=hello", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415


def test_a_thousand_sentences_are_accepted(desk):
    sentences = [f"The deficit grew by {n} billion dollars in 2019." for n in range(1000)]
    response = desk.post(URL, {"sentences": sentences}, format="json")
    assert response.status_code == 200
    assert [r["quote"] for r in response.json()["results"]] == sentences


def test_scoring_has_its_own_throttle_scope(desk, monkeypatch):
    rates = {**SimpleRateThrottle.THROTTLE_RATES, "checkworthiness": "2/min"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    for _ in range(2):
        assert desk.post(URL, {"text": "One."}, format="json").status_code == 200
    response = desk.post(URL, {"text": "One."}, format="json")
    assert response.status_code == 429
    assert "Retry-After" in response
    # Reading an article's suggestions is not counted against it.
    assert desk.get("/api/v1/articles/999999/suggestions/").status_code == 404
