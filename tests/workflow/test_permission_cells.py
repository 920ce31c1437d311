"""annotations.permissions.PERMISSIONS, cell by cell, through the API.

The cases are generated from the table itself: for every kind, action and role
the test builds a user of that role, objects that the cell's scope grants and
objects it refuses (their own, someone else's, published or not), performs the
action through the endpoint that does it, and expects 2xx when granted and
401/403/404 with nothing stored when refused ("cascade", deleting with rows of
others, may also be refused with the 409 that counts them). Changing a cell changes the
expectation; adding a (kind, action) without an endpoint below fails
test_every_cell_has_an_endpoint.
"""

import pytest

from accounts.roles import ADMIN, EDITOR, REVIEWER
from annotations.permissions import (
    ALL,
    ANONYMOUS,
    BLIND,
    NONE,
    OWN,
    PERMISSIONS,
    PUBLISHED,
    allowed,
)
from claimreviews.models import ClaimReview
from tests.factories import ArticleFactory, SourceFactory, UserFactory, VerdictFactory
from tests.workflow.helpers import (
    API,
    CORRECT,
    PUBLISH,
    RETRACT,
    claim_in,
    client_for,
    imported_claimreview,
    stored_state,
)

pytestmark = pytest.mark.django_db

# A signed-in account without a role reads the anonymous column (annotations.permissions).
ROLELESS = "roleless"
COLUMN = {ANONYMOUS: ANONYMOUS, ROLELESS: ANONYMOUS, REVIEWER: REVIEWER, EDITOR: EDITOR,
          ADMIN: ADMIN}  # fmt: skip

# Which objects each scope is checked on, and whether it grants the action on them.
OWN_ROW, OTHERS_ROW = "own", "others"
PUBLIC_ROW, UNPUBLISHED_ROW = "published", "unpublished"
BLIND_ROW = "others-in-review-before-own-verdict"
CASES = {
    ALL: [(OWN_ROW, True), (OTHERS_ROW, True)],
    OWN: [(OWN_ROW, True), (OTHERS_ROW, False)],
    NONE: [(OWN_ROW, False), (OTHERS_ROW, False)],
    PUBLISHED: [(PUBLIC_ROW, True), (UNPUBLISHED_ROW, False)],
    BLIND: [(OWN_ROW, True), (PUBLIC_ROW, True), (BLIND_ROW, False)],
}

# The claim status an action needs to succeed when it is allowed.
NEEDS_STATUS = {
    ("claim", "publish"): "in_review",
    ("claim", "reopen"): "in_review",
    ("verdict", "read"): "in_review",
}


def _cells():
    for kind, actions in PERMISSIONS.items():
        for action in actions:
            for role, column in COLUMN.items():
                scope = PERMISSIONS[kind][action][column]
                for row, granted in CASES[scope]:
                    if role == ANONYMOUS and row == OWN_ROW:
                        continue  # nobody can own a row without an account
                    yield pytest.param(kind, action, role, row, granted,
                                       id=f"{kind}-{action}-{role}-{row}")  # fmt: skip


# --- the objects ----------------------------------------------------------------------------


def _status(kind: str, action: str, row: str) -> str:
    by_row = {PUBLIC_ROW: "published", UNPUBLISHED_ROW: "draft", BLIND_ROW: "in_review"}
    return by_row.get(row) or NEEDS_STATUS.get((kind, action), "draft")


def _build(kind: str, action: str, owner, status: str):
    """The row the action works on; for "create", the parent the new row goes under.

    A row to delete holds only its owner's parts (claim_in's source is someone else's);
    one to delete with "cascade" holds a third reviewer's claim or verdict.
    """
    if action == "cascade":
        third = UserFactory(role=REVIEWER)
        if kind == "article":
            article = ArticleFactory(created_by=owner)
            claim_in(status, article=article, created_by=third)
            return article
        claim = claim_in(status, created_by=owner)
        VerdictFactory(claim=claim, reviewer=third)
        return claim
    if action == "delete" and kind == "claim":
        claim = claim_in(status, created_by=owner)
        claim.sources.update(added_by=owner)
        return claim
    if action == "create":
        if kind == "article":
            return None
        if kind == "match link":
            ClaimReview.objects.create(url=MATCHED_REVIEW_URL, claim_reviewed="Flamingos.", raw={})
        if kind == "claim":
            return ArticleFactory(created_by=owner)
        return claim_in(status, created_by=owner)
    if kind == "article":
        article = ArticleFactory(created_by=owner)
        if status != "draft":
            claim_in(status, article=article)
        return article
    if kind == "claimreview":
        return imported_claimreview()
    if kind in ("claim", "history"):
        return claim_in(status, created_by=owner)
    if kind == "search":
        return claim_in(status, created_by=owner, statement=SEARCHED_STATEMENT)
    if kind in ("match", "matches"):
        return claim_in(status, created_by=owner, statement=MATCHED_STATEMENT)
    if kind == "source":
        return SourceFactory(claim=claim_in(status), added_by=owner)
    return VerdictFactory(claim=claim_in(status), reviewer=owner)


# --- the endpoints: one HTTP call per (kind, action) -------------------------------------------
# (method, path with {pk} of the row or parent, body given the row and another reviewer)

REQUESTS = {
    ("article", "read"): ("get", "/articles/{pk}/", None),
    ("article", "create"): ("post", "/articles/", lambda _, __: {"title": "New", "text": "New."}),
    ("article", "edit"): ("patch", "/articles/{pk}/", lambda _, __: {"title": "A new title"}),
    ("article", "delete"): ("delete", "/articles/{pk}/", None),
    ("article", "cascade"): ("delete", "/articles/{pk}/", None),
    ("claim", "read"): ("get", "/claims/{pk}/", None),
    ("claim", "create"): (
        "post", "/claims/", lambda article, _: {"article": article.pk, "start": 600, "end": 620}
    ),
    ("claim", "edit"): ("patch", "/claims/{pk}/", lambda _, __: {"statement": "Restated."}),
    ("claim", "delete"): ("delete", "/claims/{pk}/", None),
    ("claim", "cascade"): ("delete", "/claims/{pk}/", None),
    ("claim", "submit"): ("post", "/claims/{pk}/submit/", None),
    ("claim", "reopen"): ("post", "/claims/{pk}/reopen/", None),
    ("claim", "assign"): (
        "post", "/claims/{pk}/assign/", lambda _, someone: {"reviewers": [someone.username]}
    ),
    ("claim", "publish"): ("post", "/claims/{pk}/publish/", lambda _, __: PUBLISH),
    ("source", "read"): ("get", "/sources/{pk}/", None),
    ("source", "create"): (
        "post", "/claims/{pk}/sources/", lambda _, __: {"url": "https://example.org/new"}
    ),
    ("source", "edit"): ("patch", "/sources/{pk}/", lambda _, __: {"title": "A new title"}),
    ("source", "delete"): ("delete", "/sources/{pk}/", None),
    ("verdict", "read"): ("get", "/verdicts/{pk}/", None),
    ("verdict", "create"): (
        "post", "/claims/{pk}/verdicts/", lambda _, __: {"rating": "false", "rationale": "Records."}
    ),
    ("verdict", "edit"): ("patch", "/verdicts/{pk}/", lambda _, __: {"rationale": "Reconsidered."}),
    ("verdict", "delete"): ("delete", "/verdicts/{pk}/", None),
    ("history", "read"): ("get", "/claims/{pk}/history/", None),
    # A search answers 200 either way: the cell decides whether the row is among the hits.
    ("search", "read"): ("get", "/search/?q=pelicans", None),
    # Like search: 200 either way, the cell decides whether the row is among the matches.
    ("match", "read"): ("post", "/match/", lambda _, __: {"text": MATCHED_STATEMENT}),
    ("matches", "read"): ("get", "/claims/{pk}/matches/", None),
    ("match link", "create"): ("post", "/claims/{pk}/matches/", lambda _, __: {
        "kind": "claimreview", "status": "confirmed",
        "target_id": ClaimReview.objects.get(url=MATCHED_REVIEW_URL).pk,
    }),
    ("claimreview", "read"): ("get", "/claimreviews/{pk}/", None),
    ("claimreview", "import"): (
        "post", "/claimreviews/import/", lambda _, __: {
            "@type": "ClaimReview", "url": "https://other.example/new", "claimReviewed": "New."
        }
    ),
}  # fmt: skip
SEARCHED_STATEMENT = "Pelicans nest on the old pier."
MATCHED_STATEMENT = "Flamingos migrate south every winter along the coast."
MATCHED_REVIEW_URL = "https://checker.example/r/1"

# Moves the table files under "publish" ("also correct and retract").
SAME_CELL_AS_PUBLISH = {"correct": CORRECT, "retract": RETRACT}


def _perform(client, kind: str, action: str, obj, someone):
    method, path, body = REQUESTS[(kind, action)]
    url = API + path.format(pk=getattr(obj, "pk", None))
    return getattr(client, method)(url, body(obj, someone) if body else None)


def _user(role: str):
    if role == ANONYMOUS:
        return None
    return UserFactory(role=None if role == ROLELESS else role)


def test_every_cell_has_an_endpoint():
    cells = {(kind, action) for kind, actions in PERMISSIONS.items() for action in actions}

    assert set(REQUESTS) == cells
    assert {scope for actions in PERMISSIONS.values() for row in actions.values()
            for scope in row.values()} <= set(CASES)  # fmt: skip


@pytest.mark.parametrize(("kind", "action", "role", "row", "granted"), list(_cells()))
def test_permission_cell(kind, action, role, row, granted):
    user = _user(role)
    someone = UserFactory(role=REVIEWER)
    owner = user if row == OWN_ROW else someone
    obj = _build(kind, action, owner, _status(kind, action, row))
    if action != "read" and user is not None:
        # The predicate the API calls agrees with the cell (reads are decided by selectors).
        assert allowed(user, kind, action, obj) is granted
    before = stored_state()

    response = _perform(client_for(user), kind, action, obj, someone)

    if kind == "search":
        assert response.status_code == 200, response.content
        found = [hit["id"] for hit in response.json()["results"]]
        assert (found == [obj.pk]) is granted, found
        return
    if kind == "match":
        assert response.status_code == 200, response.content
        found = [hit["id"] for hit in response.json()["results"] if hit["kind"] == "factcheck"]
        assert (obj.pk in found) is granted, found
        return
    if granted:
        assert 200 <= response.status_code < 300, (response.status_code, response.content)
        if action != "read":
            assert stored_state() != before
    else:
        refusals = (401, 403, 404, 409) if action == "cascade" else (401, 403, 404)
        assert response.status_code in refusals, (response.status_code, response.content)
        if role == ANONYMOUS and action != "read":
            assert response.status_code == 401
        assert stored_state() == before


@pytest.mark.parametrize("move", sorted(SAME_CELL_AS_PUBLISH))
@pytest.mark.parametrize("role", list(COLUMN))
def test_correct_and_retract_follow_the_publish_cell(move, role):
    user = _user(role)
    claim = claim_in("published")
    before = stored_state()

    response = client_for(user).post(f"{API}/claims/{claim.pk}/{move}/", SAME_CELL_AS_PUBLISH[move])

    if PERMISSIONS["claim"]["publish"][COLUMN[role]] == ALL:
        assert response.status_code == 200, response.content
    else:
        assert response.status_code in (401, 403), response.content
        assert stored_state() == before
