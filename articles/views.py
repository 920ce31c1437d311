"""Reviewer pages for articles: the list, the import form and the reader.

Views stay thin: filters and counts come from articles.selectors, importing from
articles.uploads (the command's parser and service). The reader's claims come
with the page, as much of each as the marks and the list show
(selectors.reader_marks, two queries whatever their number), so every mark is
drawn as soon as the script runs (issue 9: a 1,000-claim article took five
sequential requests and 1.4 s). A card loads its claim in full from the API when
opened, and after a write the script fetches just the claim that changed.
"""

from dataclasses import asdict

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from accounts.decorators import reviewer_required
from annotations import agreement
from annotations.card_permissions import reader_permissions
from annotations.models import ClaimStatus, Source
from annotations.ratings import scale
from annotations.selectors import reader_marks
from articles import extensions, reader_extensions, revisions, selectors
from articles.forms import MAX_REQUEST_BYTES, ArticleFilterForm, ImportForm
from articles.models import Article
from articles.uploads import import_pasted, import_upload
from factcheck import pagination
from history.models import HistoryEntry

PAGE_SIZE = 25

# Every module reader.js imports, directly or not (preloaded by the reader page).
READER_MODULES = (
    "api.js", "claim-card.js", "claim-dialog.js", "claim-history.js", "claim-list.js",
    "claim-state.js", "claim-workflow.js", "dom.js", "forms.js", "marks.js", "offsets.js",
    "orphans.js", "permissions.js", "reader-hooks.js", "selection.js",
)  # fmt: skip

# How the reader labels claims that have no single rating to show; the legend and
# reader.js both read these, so the page and the script use the same words.
CLAIM_STATES = {
    "unrated": {"label": _("No verdict yet"), "badge": _("No verdict")},
    "disputed": {"label": _("Reviewers' ratings differ"), "badge": _("Disputed")},
    "retracted": {"label": _("Retracted fact-check"), "badge": _("Retracted")},
}


@reviewer_required
def article_list(request: HttpRequest) -> HttpResponse:
    form = ArticleFilterForm(request.GET, publishers=selectors.publishers())
    filters = form.filters()
    articles = selectors.article_list(**filters)
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # A search keeps at most SEARCH_CAP matches (factcheck.pagination): say "500+".
    capped = bool(filters.get("query")) and page.paginator.count >= pagination.SEARCH_CAP
    context = {"form": form, "page": page, "query_string": query.urlencode(), "nav": "articles"}
    return render(request, "articles/list.html", {**context, "capped": capped})


@reviewer_required
@csrf_exempt  # checked by _import_checked, once the body is known to be small enough
@require_http_methods(["GET", "POST"])
def article_import(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and _content_length(request) > MAX_REQUEST_BYTES:
        # Refused before anything reads the body: the CSRF check would parse the
        # whole multipart upload into temporary files first (SECURITY-CASES #8).
        message = gettext("The upload is too large; import fewer or smaller files at once.")
        return _import_page(request, ImportForm(), error=message, status=413)
    return _import_checked(request)


@csrf_protect
def _import_checked(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _import_page(request, ImportForm())
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, form, status=400)
    outcomes = []
    if form.cleaned_data["pasted"].strip():
        outcomes += import_pasted(
            form.cleaned_data["pasted"], fmt=form.cleaned_data["format"], user=request.user
        )
    for upload in form.cleaned_data["files"]:
        outcomes += import_upload(upload, user=request.user)
    return _import_page(request, ImportForm(), outcomes=outcomes)


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _import_page(request, form, *, outcomes=None, error="", status: int = 200) -> HttpResponse:
    context = {"form": form, "outcomes": outcomes, "error": error, "nav": "import",
               "sections": extensions.import_sections(request)}  # fmt: skip
    return render(request, "articles/import.html", context, status=status)


@reviewer_required
def article_reader(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    reader = {
        "articleId": article.pk,
        "revision": article.revision,
        "user": {"username": request.user.get_username()},
        # The user's cells of the permission table and the workflow's moves:
        # the card shows a button only where these allow it (permissions.js).
        "permissions": reader_permissions(request.user),
        "ratings": [asdict(info) for info in scale()],
        "states": CLAIM_STATES,
        "statuses": dict(ClaimStatus.choices),
        "agreement": agreement.LABELS,
        "historyActions": dict(HistoryEntry.Action.choices),
        "stances": dict(Source.Stance.choices),
        # Apps that extend the reader (see articles.reader_extensions) get their data here.
        "extensions": reader_extensions.extension_data(request, article),
    }
    context = {
        "article": article,
        "claims": reader_marks(request.user, article_id=article.pk),
        "reader_modules": READER_MODULES,
        "scale": scale(),
        "stances": Source.Stance.choices,
        "stance_default": Source._meta.get_field("stance").default,
        "claim_states": CLAIM_STATES,
        "reader": reader,
        "reader_extensions": reader_extensions.extensions(),
        "revisions": revisions.revisions_of(article),
        "nav": "articles",
    }
    return render(request, "articles/reader.html", context)


@reviewer_required
def article_revisions(request: HttpRequest, pk: int) -> HttpResponse:
    """The revision history with a word-level diff between two revisions (?from=&to=)."""
    article = get_object_or_404(Article, pk=pk)
    history = list(revisions.revisions_of(article))
    numbers = [revision.number for revision in history]
    newer = _pick(request.GET.get("to"), numbers, default=numbers[-1])
    older = _pick(request.GET.get("from"), numbers, default=max(1, newer - 1))
    by_number = {revision.number: revision for revision in history}
    parts = revisions.compare(by_number[older].text, by_number[newer].text)
    context = {"article": article, "revisions": history, "older": by_number[older],
               "newer": by_number[newer], "parts": collapse(parts), "nav": "articles"}  # fmt: skip
    return render(request, "articles/revisions.html", context)


def _pick(raw: str | None, numbers: list[int], *, default: int) -> int:
    """A revision number from the query string; anything unknown falls back to `default`."""
    try:
        value = int(raw or "")
    except ValueError:
        return default
    return value if value in numbers else default


def collapse(parts: list, keep: int = 240) -> list:
    """Long unchanged runs shortened to their ends, so the changes stand out."""
    shown = []
    for part in parts:
        if part.kind == "equal" and len(part.text) > 3 * keep:
            shown.append(revisions.DiffPart("equal", part.text[:keep]))
            shown.append(revisions.DiffPart("skip", f"{len(part.text) - 2 * keep}"))
            shown.append(revisions.DiffPart("equal", part.text[-keep:]))
        else:
            shown.append(part)
    return shown
