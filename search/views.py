"""The reviewer UI's search page: the header's search box lands here.

Same hits as `GET /api/v1/search/` (search.selectors.search), for the desk.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.decorators import reviewer_required
from annotations.models import ClaimStatus
from search import selectors
from search.forms import KIND_BADGES, SearchForm

PAGE_HITS = 50


@require_safe
@reviewer_required
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET, user=request.user)
    hits = []
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"]
        wanted = form.cleaned_data["type"]
        if query:
            hits = selectors.search(
                query, kinds=(wanted,) if wanted else None, limit=PAGE_HITS, user=request.user
            )
    for hit in hits:
        hit.badge = KIND_BADGES[hit.kind]
        hit.external = hit.kind == "claimreview"
        hit.status_label = ClaimStatus(hit.details["status"]).label if hit.kind == "claim" else ""
    context = {"form": form, "hits": hits, "query": query, "search_query": query}
    return render(request, "search/results.html", context, status=200 if form.is_valid() else 400)
