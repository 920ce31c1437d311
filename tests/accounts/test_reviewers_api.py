"""GET /api/v1/reviewers/: whom an editor can assign, for the review desk only."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/reviewers/"


def test_lists_accounts_holding_the_reviewer_role_with_their_highest_role(
    api_client, reviewer, other_reviewer, editor
):
    UserFactory(username="ada", role="admin")
    UserFactory(username="gone", role="reviewer", is_active=False)
    get_user_model().objects.create_user("guest", password="x")  # no role
    get_user_model().objects.create_superuser("root", password="x")  # holds every role
    api_client.force_authenticate(reviewer)

    response = api_client.get(URL)

    assert response.status_code == 200
    assert response.json() == [
        {"username": "ada", "role": "admin"},
        {"username": "edna", "role": "editor"},
        {"username": "omar", "role": "reviewer"},
        {"username": "rita", "role": "reviewer"},
        {"username": "root", "role": "admin"},
    ]


def test_refuses_visitors_and_accounts_without_a_role(api_client):
    assert api_client.get(URL).status_code == 401
    api_client.force_authenticate(get_user_model().objects.create_user("guest", password="x"))
    response = api_client.get(URL)
    assert response.status_code == 403
    assert "review desk" in response.json()["detail"]


@pytest.mark.parametrize("n_reviewers", [1, 30])
def test_query_count_does_not_grow(api_client, editor, django_assert_max_num_queries, n_reviewers):
    UserFactory.create_batch(n_reviewers, role="reviewer")
    api_client.force_authenticate(editor)
    # the requesting editor's groups (DeskOnly), the reviewers, their groups (prefetched)
    with django_assert_max_num_queries(3):
        response = api_client.get(URL)
    assert len(response.json()) == n_reviewers + 1  # and the editor, who reviews too
