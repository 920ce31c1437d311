"""No code path writes without a history row: walk every write endpoint.

The API's write operations come from the OpenAPI schema (drf_spectacular's
SchemaGenerator reads the URLconf), so a new POST/PATCH/PUT/DELETE endpoint
without a case in tests.workflow.changes fails here until someone decides
whether it records history. The reviewer UI's pages are walked by URL name.
"""

import re

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from api_support.models import IdempotencyKey
from history.models import HistoryEntry
from tests.workflow.changes import CHANGES, build_scene
from tests.workflow.helpers import API, PUBLIC_SITE_PAGES, client_for, ui_url_names

pytestmark = pytest.mark.django_db

WRITE_METHODS = ("post", "put", "patch", "delete")

# Writes that change no fact-check data, and so record nothing, with the reason.
NOT_RECORDED = {
    ("post", "/api/v1/auth/token/"): "issues an API token for the caller; no content changes",
    ("delete", "/api/v1/auth/token/"): "revokes the caller's API token; no content changes",
    ("post", "/api/v1/checkworthiness/"): "scores the text it is sent; nothing is stored",
    ("post", "/api/v1/articles/import-url/"): "queues a job; the task stores the article through "
    "create_article, which records it (tests/fetching/test_url_import.py checks the row)",
    ("post", "/api/v1/claimreviews/import/"): "stores other fact-checkers' public ClaimReviews, "
    "not our fact-check data; each row keeps its raw JSON as published, imported_at and updated_at",
}


def _write_operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return sorted(
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in WRITE_METHODS
    )


def _matches(operation: tuple[str, str], method: str, path: str) -> bool:
    """Does a concrete request (e.g. POST /api/v1/claims/7/submit/) hit this schema operation?"""
    op_method, template = operation
    pattern = "[^/]+".join(re.escape(part) for part in re.split(r"\{[^}]+\}", template))
    return op_method == method and re.fullmatch(pattern, path) is not None


def _case_for(operation, scene):
    for make in CHANGES:
        case = make(scene)
        if _matches(operation, case.method, API + case.path):
            return case
    return None


WRITES = _write_operations()


def test_the_schema_lists_the_api_writes():
    # Guards the walk itself: a schema that lost its paths would make the tests vacuous.
    assert len(WRITES) >= 18
    assert set(NOT_RECORDED) <= set(WRITES)


@pytest.mark.parametrize(
    "operation",
    [op for op in WRITES if op not in NOT_RECORDED],
    ids=lambda op: f"{op[0].upper()} {op[1]}",
)
def test_every_successful_write_adds_a_history_row(operation, reviewer, other_reviewer, editor):
    scene = build_scene(reviewer=reviewer, other_reviewer=other_reviewer, editor=editor)
    case = _case_for(operation, scene)
    assert case is not None, f"No case in tests.workflow.changes performs {operation}"
    last = HistoryEntry.objects.order_by("-id").values_list("id", flat=True).first()
    client = client_for(scene[case.who])

    response = getattr(client, case.method)(
        API + case.path, case.body, HTTP_X_CHANGE_REASON="Walked."
    )

    assert 200 <= response.status_code < 300, response.content
    added = HistoryEntry.objects.filter(id__gt=last)
    assert added.exists()
    assert set(added.values_list("actor", "reason")) == {(scene[case.who].pk, "Walked.")}


def test_token_endpoint_records_nothing(reviewer, api_client):
    before = HistoryEntry.objects.count()

    response = api_client.post(
        f"{API}/auth/token/", {"username": "rita", "password": "correct horse battery staple"}
    )

    assert response.status_code == 200
    assert HistoryEntry.objects.count() == before


def test_idempotent_replay_writes_nothing_and_records_nothing(reviewer):
    # A replay answers from the stored response; it changes no data, so no history row.
    client = client_for(reviewer)
    body = {"title": "Once", "text": "Only once."}
    first = client.post(f"{API}/articles/", body, HTTP_IDEMPOTENCY_KEY="k-1")
    after_first = HistoryEntry.objects.count()

    replay = client.post(f"{API}/articles/", body, HTTP_IDEMPOTENCY_KEY="k-1")

    assert (first.status_code, replay.status_code, replay["Idempotent-Replayed"]) == (
        201,
        201,
        "true",
    )
    assert HistoryEntry.objects.count() == after_first
    assert IdempotencyKey.objects.count() == 1


# --- the reviewer UI ---------------------------------------------------------------------------

# URL name -> whether the page writes (POST), for every page outside the API and the admin.
UI_PAGES = {
    "articles:home": "read",
    "articles:list": "read",
    "articles:import": "write",
    "articles:reader": "read",
    "articles:revisions": "read",
    "claims:queue": "read",
    "factchecks:detail": "read",
    "fetching:url_import": "write",  # queues a job; the task's article is recorded (see above)
    "claimreviews:list": "read",
    "search:results": "read",
    "claimreviews:upload": "write",  # imports others' ClaimReviews, as the API (not recorded)
    "login": "auth",  # signs in; session only
    "logout": "auth",  # signs out; session only
}


def test_every_ui_page_is_classified():
    # The public side only reads (tests/public/test_access.py: every page refuses POST).
    assert ui_url_names() == set(UI_PAGES) | PUBLIC_SITE_PAGES


def test_ui_import_records_history(reviewer):
    browser = Client()
    browser.force_login(reviewer)

    response = browser.post(
        "/articles/new/", {"pasted": "A pasted title\n\nThe pasted body.", "format": "text"}
    )

    assert response.status_code == 200
    row = HistoryEntry.objects.get()
    assert (row.object_type, row.action, row.actor) == ("article", "create", reviewer)
