"""View decorators for the reviewer UI: who may open the desk pages."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from annotations.permissions import can_see_unpublished


def reviewer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors go to the login page; signed-in users without a role get 403.

    The desk shows drafts and reviewers' verdicts: its pages are for whoever the
    permission table lets read unpublished claims, the rule the API applies too.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_see_unpublished(request.user):
            raise PermissionDenied("The review desk is for reviewers and editors.")
        return view(request, *args, **kwargs)

    return login_required(wrapped)
