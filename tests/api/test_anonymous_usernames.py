"""Issue 8, point 9: staff usernames never reach anonymous readers.

Public article and claim bodies carry `created_by: null` (lists, details and an
article's revisions), and filtering by a username (`?created_by=`, `?assigned_to=`)
is refused to anyone outside the desk with a 400 naming the parameter, since even
an empty answer would confirm that the account exists.
"""

import pytest
from rest_framework.test import APIClient

from tests.api.helpers import published_claim
from tests.factories import AssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def public(reviewer, other_reviewer):
    claim = published_claim(created_by=reviewer)
    claim.article.created_by = reviewer
    claim.article.save()
    AssignmentFactory(claim=claim, reviewer=other_reviewer)
    return claim


def _no_role() -> APIClient:
    client = APIClient()
    client.force_authenticate(UserFactory())
    return client


@pytest.mark.parametrize("who", ["anonymous", "no_role"])
def test_public_bodies_carry_no_username(anon, public, who):
    client = anon if who == "anonymous" else _no_role()
    article = f"/api/v1/articles/{public.article_id}/"
    bodies = {
        "article list": client.get("/api/v1/articles/").json()["results"][0],
        "article": client.get(article).json(),
        "claim list": client.get("/api/v1/claims/").json()["results"][0],
        "claim": client.get(f"/api/v1/claims/{public.pk}/").json(),
        "article claims": client.get(f"/api/v1/articles/{public.article_id}/claims/").json()[
            "results"
        ][0],
    }
    for where, body in bodies.items():
        assert "created_by" in body, where
        assert body["created_by"] is None, where
    revisions = client.get(article + "revisions/").json()
    assert [row["created_by"] for row in revisions] == [None]
    assert client.get(article + "revisions/1/").json()["created_by"] is None


def test_the_desk_still_sees_usernames(as_editor, public, reviewer):
    article = f"/api/v1/articles/{public.article_id}/"
    assert as_editor.get(article).json()["created_by"] == reviewer.username
    assert as_editor.get("/api/v1/articles/").json()["results"][0]["created_by"] == "rita"
    assert as_editor.get(f"/api/v1/claims/{public.pk}/").json()["created_by"] == "rita"
    assert as_editor.get(article + "revisions/").json()[0]["created_by"] == "rita"


@pytest.mark.parametrize("who", ["anonymous", "no_role"])
@pytest.mark.parametrize(
    "query", ["created_by=rita", "created_by=nobody", "created_by=", "assigned_to=omar",
              "assigned_to=", "status=published&created_by=rita"],
)  # fmt: skip
def test_username_filters_are_a_400_outside_the_desk(anon, public, who, query):
    client = anon if who == "anonymous" else _no_role()
    name = "assigned_to" if "assigned_to" in query else "created_by"
    paths = ("/api/v1/claims/", "/api/v1/claims/export.csv", "/api/v1/claims/export.jsonl",
             "/api/v1/articles/")  # fmt: skip
    for path in paths:
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, (path, response.content[:200])
        assert name in response.json(), path


def test_desk_filters_by_username(as_reviewer, public, reviewer, other_reviewer):
    def ids(query):
        return [row["id"] for row in as_reviewer.get(f"/api/v1/claims/?{query}").json()["results"]]

    assert ids(f"created_by={reviewer.username}") == [public.pk]
    assert ids(f"assigned_to={other_reviewer.username}") == [public.pk]
    assert ids("created_by=nobody") == []
    assert as_reviewer.get("/api/v1/claims/export.csv?created_by=rita").status_code == 200
    # The article list has no such filter: the desk's parameter is ignored, as before.
    assert as_reviewer.get("/api/v1/articles/?created_by=rita").status_code == 200
