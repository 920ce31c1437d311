"""The reviewer page of imported ClaimReviews, and the editors' upload form on it.

/claimreviews/ lists what other fact-checkers published, newest first, with a
search box and filters (publisher, our rating or "not mapped"); each entry links
to the review itself. Editors also get a form to upload a file, imported as by
the API (one transaction; each refused record listed with its position).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import reviewer_required
from annotations.permissions import allowed
from claimreviews import selectors
from claimreviews.forms import SearchForm, UploadForm
from claimreviews.parsing import InputTooLarge
from claimreviews.services import import_claimreviews

PAGE_SIZE = 25
SHOWN_PROBLEMS = 50


def import_page_section(request: HttpRequest) -> tuple[str, dict]:
    """A pointer from the reviewer import page (registered in articles.extensions)."""
    return "claimreviews/import_section.html", {}


@reviewer_required
@require_GET
def claimreview_list(request: HttpRequest) -> HttpResponse:
    return _page(request, SearchForm(request.GET))


@reviewer_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    if not allowed(request.user, "claimreview", "import"):
        raise PermissionDenied(_("Only editors may import ClaimReviews."))
    limit = settings.FACTCHECK_MAX_IMPORT_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    form = (
        UploadForm(None, None)
        if length > limit + 64 * 1024
        else UploadForm(request.POST, request.FILES)
    )
    context: dict = {"upload_form": form}
    if length > limit + 64 * 1024:
        form.add_error(None, _("The file is larger than %(max)d bytes.") % {"max": limit})
    elif form.is_valid():
        try:
            with transaction.atomic():
                report = import_claimreviews(
                    form.cleaned_data["file"],
                    limit=limit,
                    max_failed=settings.FACTCHECK_IMPORT_MAX_REFUSED,
                )
        except InputTooLarge:
            form.add_error("file", _("The data is larger than %(max)d bytes.") % {"max": limit})
        else:
            context["report"] = report
            context["problems"] = report.problems[:SHOWN_PROBLEMS]
    report = context.get("report")
    worked = report and (report.created + report.updated + report.unchanged + report.ours)
    status = 200 if worked else 400
    return _page(request, SearchForm({}), context, status=status)


def _page(request: HttpRequest, form: SearchForm, extra: dict | None = None, status=200):
    rows = selectors.filtered(**form.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    may_import = allowed(request.user, "claimreview", "import")
    context = {
        "form": form,
        "page": page,
        "rows": list(page),
        "publishers": selectors.publishers(),
        "query_string": query.urlencode(),
        "may_import": may_import,
        "upload_form": UploadForm() if may_import else None,
        "nav": "claimreviews",
        **(extra or {}),
    }
    return render(request, "claimreviews/list.html", context, status=status)
