"""Public pages: the fact-check index, the IFCN pages and the corrections log, robots.txt.

Readable without signing in and the same for everyone: only published and
retracted fact-checks appear (public.selectors), whoever asks. So each is
`@shared_cache`: a CDN may keep an anonymous reader's copy (factcheck.caching).
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from annotations.ratings import scale
from factcheck import pagination
from factcheck.caching import shared_cache
from public import index, search, selectors
from public.markdown import render_markdown
from public.models import Page, PageSlug

PAGE_SIZE = 20
LOG_PAGE_SIZE = 50


@require_safe
@shared_cache
def factcheck_index(request: HttpRequest) -> HttpResponse:
    form = index.IndexFilterForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "page": None, "rows": [], "facets": {}, "filtered": True}
        return render(request, "public/index.html", context, status=400)
    query, conditions = form.cleaned_data["q"], form.conditions()
    claims = selectors.public_factchecks()
    # The conditions first: the text search keeps at most 500 matches, chosen among them.
    found = search.matching(index.apply(claims, conditions), query)
    ordered = search.by_relevance(found, query, "-first_published_at", "-id")
    page = Paginator(selectors.with_list_details(ordered), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "rows": list(page),
        "facets": index.facets(claims, conditions, lambda rows: search.matching(rows, query)),
        "filtered": bool(query or conditions),
        # A text search keeps at most SEARCH_CAP matches (search/filtering.py): say so.
        "capped": bool(query) and page.paginator.count >= pagination.SEARCH_CAP,
        "query_string": _without_page(request),
        "canonical": _canonical_index_url(request, page.number),
    }
    return render(request, "public/index.html", context)


def _without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _canonical_index_url(request: HttpRequest, number: int) -> str:
    path = reverse("public:index") + (f"?page={number}" if number > 1 else "")
    return request.build_absolute_uri(path)


def _page(slug: str) -> Page:
    """The stored page, or an empty one titled by its slug if an admin's database lost it."""
    return Page.objects.filter(slug=slug).first() or Page(slug=slug, title=PageSlug(slug).label)


def _render_page(request: HttpRequest, slug: str, template: str, **extra) -> HttpResponse:
    page = _page(slug)
    context = {"page_record": page, "body": render_markdown(page.body), "nav_slug": slug, **extra}
    return render(request, template, context)


@require_safe
@shared_cache
def methodology(request: HttpRequest) -> HttpResponse:
    return _render_page(request, PageSlug.METHODOLOGY, "public/page.html")


@require_safe
@shared_cache
def corrections_policy(request: HttpRequest) -> HttpResponse:
    return _render_page(request, PageSlug.CORRECTIONS_POLICY, "public/page.html")


@require_safe
@shared_cache
def organisation(request: HttpRequest) -> HttpResponse:
    return _render_page(request, PageSlug.ORGANISATION, "public/page.html")


@require_safe
@shared_cache
def rating_definitions(request: HttpRequest) -> HttpResponse:
    """The editable introduction, then the scale as annotations/ratings.py defines it."""
    return _render_page(request, PageSlug.RATINGS, "public/ratings.html", scale=scale())


@require_safe
@shared_cache
def corrections_log(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.changes_log(), LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return _render_page(
        request, PageSlug.CORRECTIONS_LOG, "public/corrections.html", log_page=page,
        rows=list(page), query_string=_without_page(request),
    )  # fmt: skip


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawl the public side; keep out of the desk, the admin and the API."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /articles/",
        "Disallow: /claims/",
        "Disallow: /login/",
        "Disallow: /api/",
        "Allow: /factchecks/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('public:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
