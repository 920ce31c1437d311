"""Reviewer pages for claims: the review queue. (The public page is in factchecks.py.)"""

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from accounts.decorators import reviewer_required
from annotations import agreement
from annotations.models import Claim
from annotations.queue import Reason, reason_for, review_queue
from annotations.ratings import Rating
from annotations.selectors import agreement_seen_by, verdicts_visible_on

PAGE_SIZE = 30
_AGREEMENT_FILTERS = (agreement.CONFLICT, agreement.ADJACENT, agreement.AGREE)


class QueueFilterForm(forms.Form):
    """GET parameters of /claims/; an unknown value is ignored, not an error page."""

    review = forms.ChoiceField(
        label=_("Needs"), required=False, choices=[("", _("Any review step")), *Reason.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Not yet published")), *Claim.Status.choices],
    )
    rating = forms.ChoiceField(
        label=_("Rating"), required=False, choices=[("", _("Any rating")), *Rating.choices]
    )
    agreement = forms.ChoiceField(
        label=_("Agreement"),
        required=False,
        choices=[("", _("Any agreement")), *((v, agreement.LABELS[v]) for v in _AGREEMENT_FILTERS)],
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "reason": data["review"],
            "status": data["status"],
            "rating": data["rating"],
            "agreement": data["agreement"],
        }


@reviewer_required
def claim_queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET)
    claims = review_queue(user=request.user, **form.filters())
    page = Paginator(claims, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": [_row(claim, request.user) for claim in page],
        "query_string": query.urlencode(),
        "nav": "claims",
    }
    return render(request, "annotations/queue.html", context)


def _row(claim: Claim, user) -> dict:
    """What one queue row shows; verdicts and agreement only as far as `user` may see them."""
    seen = agreement_seen_by(claim, user)
    return {
        "claim": claim,
        "reason": reason_for(claim),
        "verdicts": verdicts_visible_on(claim, user),
        "agreement": {"value": seen, "label": agreement.LABELS[seen]},
    }
