"""Who may do what: one table, read by the predicates, the API, the UI and the tests.

`PERMISSIONS[kind][action][role]` is a scope:
    ALL        every row
    OWN        rows the user created (OWNER_FIELDS names the column)
    PUBLISHED  rows of published or retracted claims only (the public record)
    BLIND      every row, except other reviewers' verdicts on an unpublished claim
               (draft or in review) until the user has given their own
               (independent review)
    NONE       nothing

Roles are Django groups (accounts.roles); a user takes the highest they hold.
Signed-in accounts without a role get the anonymous column. The README shows
the same table (tests/annotations/test_permission_table.py keeps them equal);
tests/workflow/test_permission_cells.py checks every cell through the API and
tests/workflow/test_desk_pages.py through the UI views.
"""

from rest_framework import permissions

from accounts.roles import ADMIN, EDITOR, REVIEWER, has_role

ALL, OWN, PUBLISHED, BLIND, NONE = "all", "own", "published", "blind", "none"
ANONYMOUS = "anonymous"
ROLE_ORDER = (ADMIN, EDITOR, REVIEWER)  # highest first

_DESK = {ANONYMOUS: NONE, REVIEWER: ALL, EDITOR: ALL, ADMIN: ALL}
_OWN_OR_EDITOR = {ANONYMOUS: NONE, REVIEWER: OWN, EDITOR: ALL, ADMIN: ALL}
_EDITORS = {ANONYMOUS: NONE, REVIEWER: NONE, EDITOR: ALL, ADMIN: ALL}
_PUBLIC_READ = {ANONYMOUS: PUBLISHED, REVIEWER: ALL, EDITOR: ALL, ADMIN: ALL}
_PUBLISHED_FOR_ALL = {
    ANONYMOUS: PUBLISHED,
    REVIEWER: PUBLISHED,
    EDITOR: PUBLISHED,
    ADMIN: PUBLISHED,
}

PERMISSIONS: dict[str, dict[str, dict[str, str]]] = {
    "article": {
        "read": _PUBLIC_READ,
        "create": _DESK,
        "edit": _OWN_OR_EDITOR,
        "delete": _OWN_OR_EDITOR,
        # Deleting along with rows of others (their claims, sources, verdicts; editors'
        # assignments): without this cell a delete that would is a 409 (services.deletion).
        "cascade": _EDITORS,
    },
    "claim": {
        "read": _PUBLIC_READ,
        "create": _DESK,
        "edit": _OWN_OR_EDITOR,
        "delete": _OWN_OR_EDITOR,
        "cascade": _EDITORS,
        "submit": _OWN_OR_EDITOR,
        # Editors only: were the author able to send a claim back to draft, they
        # could read the others' verdicts there and resubmit with their own.
        "reopen": _EDITORS,
        "assign": _EDITORS,
        "publish": _EDITORS,  # also correct and retract
    },
    "source": {
        "read": _PUBLIC_READ,
        "create": _DESK,
        "edit": _OWN_OR_EDITOR,
        "delete": _OWN_OR_EDITOR,
    },
    "verdict": {
        # A verdict is one reviewer's own judgement: nobody else edits it, editors included.
        "read": {ANONYMOUS: NONE, REVIEWER: BLIND, EDITOR: ALL, ADMIN: ALL},
        "create": _DESK,
        "edit": {ANONYMOUS: NONE, REVIEWER: OWN, EDITOR: OWN, ADMIN: OWN},
        "delete": {ANONYMOUS: NONE, REVIEWER: OWN, EDITOR: OWN, ADMIN: OWN},
    },
    "history": {"read": _DESK},
    # GET /api/v1/search/ (the search app): "published" is published fact-checks and
    # imported ClaimReviews; the desk also finds claims and articles. Verdicts are never
    # searched (blind review).
    "search": {"read": _PUBLIC_READ},
    # POST /api/v1/match/ (the matching app): published fact-checks and imported
    # ClaimReviews only, for everyone (desk claims are matched per claim, below).
    "match": {"read": _PUBLISHED_FOR_ALL},
    # GET /api/v1/claims/{id}/matches/: also other desk claims (never their verdicts).
    "matches": {"read": _DESK},
    # POST /api/v1/claims/{id}/matches/: confirm or dismiss a match (never a verdict).
    "match link": {"create": _DESK},
    # Other fact-checkers' published ClaimReviews (app claimreviews): public records.
    "claimreview": {
        "read": {ANONYMOUS: ALL, REVIEWER: ALL, EDITOR: ALL, ADMIN: ALL},
        "import": _EDITORS,
    },
}

OWNER_FIELDS = {
    "article": "created_by_id",
    "claim": "created_by_id",
    "source": "added_by_id",
    "verdict": "reviewer_id",
}


def role_of(user) -> str:
    """The highest role `user` holds, or ANONYMOUS."""
    return next((role for role in ROLE_ORDER if has_role(user, role)), ANONYMOUS)


def scope(user, kind: str, action: str) -> str:
    return PERMISSIONS[kind][action][role_of(user)]


def allowed(user, kind: str, action: str, obj=None) -> bool:
    """May `user` do `action` on a `kind` (on `obj`, when given)?

    Without `obj` the answer is "at least on some rows" (e.g. may they create,
    or see the list at all); with it, the row's owner or status decides.
    """
    granted = scope(user, kind, action)
    if granted == NONE:
        return False
    if granted in (ALL, BLIND) or obj is None:
        return True
    if granted == OWN:
        return getattr(obj, OWNER_FIELDS[kind]) == user.pk
    return _is_public(obj)  # PUBLISHED


def _is_public(obj) -> bool:
    claim = getattr(obj, "claim", obj)
    return getattr(claim, "status", None) in ("published", "retracted")


# --- named predicates, for readable call sites ---------------------------------------------


def can_write(user) -> bool:
    """Creating anything needs an active account holding the reviewer role."""
    return allowed(user, "claim", "create")


def can_edit_claim(user, claim) -> bool:
    return allowed(user, "claim", "edit", claim)


def can_edit_source(user, source) -> bool:
    return allowed(user, "source", "edit", source)


def can_edit_verdict(user, verdict) -> bool:
    return allowed(user, "verdict", "edit", verdict)


def can_publish(user) -> bool:
    return allowed(user, "claim", "publish")


def can_see_unpublished(user) -> bool:
    """Drafts and reviews in progress are for the desk only, never for the public."""
    return scope(user, "claim", "read") == ALL


def sees_all_verdicts(user) -> bool:
    """Editors are exempt from blind review: they must compare verdicts to publish."""
    return scope(user, "verdict", "read") == ALL


# --- DRF permission classes ----------------------------------------------------------------

_ACTIONS = {"PATCH": "edit", "PUT": "edit", "DELETE": "delete"}


class ReviewerCanWrite(permissions.BasePermission):
    """Reads for everyone the queryset lets through; writes for reviewers and editors."""

    message = "You need the reviewer role to change anything."

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS or can_write(request.user)


class OwnerOrEditorCanChange(permissions.BasePermission):
    """Object-level: the table's edit/delete scope for the row's kind decides."""

    message = "Only its author or an editor may change this."

    def has_object_permission(self, request, view, obj) -> bool:
        action = _ACTIONS.get(request.method)
        if action is None:
            return True
        kind = obj._meta.model_name
        if kind == "verdict":
            self.message = "Only the reviewer who gave a verdict may change it."
        return allowed(request.user, kind, action, obj)


class EditorOnly(permissions.BasePermission):
    message = "Only editors may do this."

    def has_permission(self, request, view) -> bool:
        return can_publish(request.user)


class DeskOnly(permissions.BasePermission):
    """Reviewers, editors and admins: the review desk's internal records."""

    message = "Only the review desk may see this."

    def has_permission(self, request, view) -> bool:
        return allowed(request.user, "history", "read")


_SCOPE_WORDS = {ALL: "all", OWN: "own", PUBLISHED: "published", BLIND: "all, blind", NONE: "no"}


def as_markdown() -> str:
    """The table as Markdown, as the README shows it (a test keeps the two equal)."""
    roles = (ANONYMOUS, REVIEWER, EDITOR, ADMIN)
    lines = ["| object | action | " + " | ".join(roles) + " |", "|---|---|" + "---|" * len(roles)]
    for kind, actions in PERMISSIONS.items():
        for action, scopes in actions.items():
            cells = " | ".join(_SCOPE_WORDS[scopes[role]] for role in roles)
            lines.append(f"| {kind} | {action} | {cells} |")
    return "\n".join(lines)
