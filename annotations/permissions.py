"""Who may do what to claims, sources, verdicts and publications.

Plain predicates first (shared by API, UI views and admin), then thin DRF
permission classes that call them. A write needs the reviewer role; an object
can be changed by whoever created it, or by an editor.
"""

from rest_framework import permissions

from accounts.roles import is_editor, is_reviewer
from annotations.models import Claim, Source, Verdict


def can_write(user) -> bool:
    """Creating anything needs an active account holding the reviewer role."""
    return is_reviewer(user)


def can_edit_claim(user, claim: Claim) -> bool:
    return is_editor(user) or (is_reviewer(user) and claim.created_by_id == user.pk)


def can_edit_source(user, source: Source) -> bool:
    return is_editor(user) or (is_reviewer(user) and source.added_by_id == user.pk)


def can_edit_verdict(user, verdict: Verdict) -> bool:
    return is_editor(user) or (is_reviewer(user) and verdict.reviewer_id == user.pk)


def can_publish(user) -> bool:
    return is_editor(user)


def can_see_unpublished(user) -> bool:
    """Drafts and reviews in progress are for the desk only, never for the public."""
    return is_reviewer(user)


_OBJECT_RULES = {Claim: can_edit_claim, Source: can_edit_source, Verdict: can_edit_verdict}


class ReviewerCanWrite(permissions.BasePermission):
    """Reads for everyone the queryset lets through; writes for reviewers and editors."""

    message = "You need the reviewer role to change anything."

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS or can_write(request.user)


class OwnerOrEditorCanChange(permissions.BasePermission):
    """Object-level: only the author of a row, or an editor, may change or delete it."""

    message = "Only its author or an editor may change this."

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        rule = _OBJECT_RULES.get(type(obj))
        return rule(request.user, obj) if rule else is_editor(request.user)


class EditorOnly(permissions.BasePermission):
    message = "Only editors may do this."

    def has_permission(self, request, view) -> bool:
        return can_publish(request.user)
