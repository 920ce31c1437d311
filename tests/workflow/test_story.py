"""Issue 5's "done when", as one story through the API on the demo data.

Two reviewers and an editor take "five officers that died" from draft through two
independent (blind) verdicts, a disagreement the queue shows, publication and a
correction; the claim, its ClaimReview and its history then tell the whole story.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article
from tests.factories import UserFactory
from tests.workflow.helpers import API, client_for

pytestmark = pytest.mark.django_db

QUOTE = "five officers that died"


def _ok(response) -> dict:
    assert 200 <= response.status_code < 300, response.content
    return response.json()


def _ids(response) -> list[int]:
    return [claim["id"] for claim in _ok(response)["results"]]


def test_five_officers_from_draft_to_corrected_fact_check(api_client):
    call_command("load_demo", stdout=StringIO())
    users = get_user_model().objects
    ravi, editor = users.get(username="reviewer"), users.get(username="editor")
    rosa = UserFactory(username="rosa", role="reviewer")
    as_ravi, as_rosa, as_editor = client_for(ravi), client_for(rosa), client_for(editor)
    article = Article.objects.get(text__contains=QUOTE)

    # Ravi marks the claim, adds evidence and submits it for review.
    claim = _ok(as_ravi.post(f"{API}/claims/", {"article": article.pk, "quote": QUOTE}))
    url = f"{API}/claims/{claim['id']}"
    _ok(
        as_ravi.post(
            f"{url}/sources/", {"url": "https://police.example/capitol", "stance": "refutes"}
        )
    )
    assert _ok(as_ravi.post(f"{url}/submit/"))["status"] == "in_review"
    assert api_client.get(f"{url}/").status_code == 404  # not public yet

    # The editor assigns both reviewers; it is in each one's queue.
    assigned = _ok(as_editor.post(f"{url}/assign/", {"reviewers": ["reviewer", "rosa"]}))
    assert assigned["assigned_to"] == ["reviewer", "rosa"]
    assert claim["id"] in _ids(as_rosa.get(f"{API}/claims/?assigned_to=rosa"))

    # Independent verdicts: Rosa cannot see Ravi's until she has given her own.
    _ok(as_ravi.post(f"{url}/verdicts/", {"rating": "false", "rationale": "Four died that day."}))
    blind = _ok(as_rosa.get(f"{url}/"))
    assert (blind["verdicts"], blind["agreement"]) == ([], "none")
    assert claim["id"] not in _ids(as_rosa.get(f"{API}/claims/?agreement=conflict"))
    _ok(as_rosa.post(f"{url}/verdicts/", {"rating": "half-true", "rationale": "Later deaths."}))
    seen = _ok(as_rosa.get(f"{url}/"))
    assert [(v["reviewer"], v["rating"]) for v in seen["verdicts"]] == [
        ("reviewer", "false"),
        ("rosa", "half-true"),
    ]
    assert seen["agreement"] == "conflict"  # false (1) and half-true (3): two steps apart

    # The queue shows the disagreement to the editor, who publishes and then corrects.
    assert claim["id"] in _ids(as_editor.get(f"{API}/claims/?agreement=conflict"))
    _ok(as_editor.post(f"{url}/publish/", {"rating": "false", "rationale": "Four died."}))
    correction = {
        "rating": "mostly-false",
        "rationale": "Four died on the day; officers' later deaths are disputed.",
        "note": "We now count the later deaths as disputed, not false.",
    }
    _ok(as_editor.post(f"{url}/correct/", correction, HTTP_X_CHANGE_REASON="Reader email."))

    # Anyone can read it: the current verdict and the dated correction.
    public = _ok(api_client.get(f"{url}/"))
    assert (public["status"], public["rating"], public["verdicts"]) == (
        "published",
        "mostly-false",
        [],
    )
    assert [(c["previous_rating"], c["rating"], c["note"]) for c in public["corrections"]] == [
        ("false", "mostly-false", correction["note"])
    ]
    review = _ok(api_client.get(f"{url}/claimreview/"))
    assert review["reviewRating"]["ratingValue"] == 2
    assert review["reviewRating"]["alternateName"] == "Mostly false"

    # The history tells who did what, in order, and why.
    history = _ok(as_rosa.get(f"{url}/history/"))
    assert [(row["actor"], row["object_type"], row["action"]) for row in history] == [
        ("reviewer", "claim", "create"),
        ("reviewer", "source", "create"),
        ("reviewer", "claim", "transition"),
        ("editor", "assignment", "assign"),
        ("editor", "assignment", "assign"),
        ("reviewer", "verdict", "create"),
        ("rosa", "verdict", "create"),
        ("editor", "claim", "publish"),
        ("editor", "claim", "correct"),
    ]
    assert history[-1]["changes"]["rating"] == ["false", "mostly-false"]
    assert history[-1]["reason"] == "Reader email."
