"""What a delete would take with it that the caller may not delete (issue 8).

A claim takes its sources, verdicts and assignments with it; an article its draft
claims and theirs. The permission table (annotations.permissions) decides who
may delete each of those rows on its own; a delete never removes, as a side
effect, a row the caller could not delete directly. Only the table's "cascade"
cell (editors and admins) deletes other people's rows along with the parent,
each recorded in the history as it goes. Everyone else gets a 409 that counts
what blocks the delete, and deletes nothing.

Both delete_claim and articles.services.delete_article call `require_deletable`,
so the API, the admin and the commands share the rule.
"""

from django.db.models import QuerySet

from annotations.models import Assignment, Claim, Source, Verdict
from annotations.permissions import allowed
from factcheck.errors import Conflict


def delete_blockers(kind: str, claims: QuerySet[Claim], actor) -> dict[str, int]:
    """{"claims": n, "sources": n, "verdicts": n, "assignments": n} of the rows that deleting
    a `kind` ("article" or "claim") with `claims` would take along and `actor` may not
    delete; only the non-zero counts.

    Empty for an actor the table lets cascade, and for `actor` None (an operator's
    command or a system job). Assignments are editors' records: a reviewer never
    removes one. Four counts, no rows loaded.
    """
    if actor is None or allowed(actor, kind, "cascade"):
        return {}
    owned_parts = {
        "claims": claims.exclude(created_by=actor),
        "sources": Source.objects.filter(claim__in=claims).exclude(added_by=actor),
        "verdicts": Verdict.objects.filter(claim__in=claims).exclude(reviewer=actor),
        "assignments": Assignment.objects.filter(claim__in=claims),
    }
    counts = {name: rows.count() for name, rows in owned_parts.items()}
    return {name: count for name, count in counts.items() if count}


def require_deletable(kind: str, pk: int, claims: QuerySet[Claim], actor) -> None:
    """Refuse (409, nothing deleted) a delete of the `kind` row `pk` that would remove
    rows of others `actor` may not delete; the body counts them under `blocked_by`."""
    blocked_by = delete_blockers(kind, claims, actor)
    if not blocked_by:
        return
    listed = ", ".join(f"{count} {name}" for name, count in blocked_by.items())
    message = (
        f"This {kind} holds rows other people added ({listed}); deleting it would delete "
        "them too. Only an editor may do that; remove your own rows instead, or ask an editor."
    )
    raise Conflict(
        kind, message, code="delete_blocked", detail=message, blocked_by=blocked_by, id=pk
    )
