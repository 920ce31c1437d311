"""Reviewer pages: import from a URL, and the status of your imports.

The form posts here; a refused URL is shown with its reason (400) and nothing is
queued. An accepted one becomes a job; the page lists your recent imports and
fetching/static/fetching/jobs.js polls the API until each one has finished.
"""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import reviewer_required
from annotations.permissions import can_write
from fetching.guard import RefusedURL
from fetching.models import Job
from fetching.scheduling import start_url_import

RECENT_JOBS = 20


class UrlImportForm(forms.Form):
    url = forms.CharField(
        label=_("Import from a web address"), max_length=2000,
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url",
                                     "autocomplete": "url"}),
        help_text=_("The page is fetched in the background; its main text and metadata are "
                    "extracted. Importing a known address again records a new revision."),
    )  # fmt: skip


def recent_jobs(user) -> list[Job]:
    """The user's latest URL imports with their articles (one query)."""
    jobs = Job.objects.filter(requested_by=user, kind=Job.Kind.URL_IMPORT)
    return list(jobs.select_related("article").defer("article__text")[:RECENT_JOBS])


def import_page_section(request: HttpRequest) -> tuple[str, dict]:
    """The URL form on the reviewer import page (registered in articles.extensions)."""
    return "fetching/import_section.html", {"url_form": UrlImportForm()}


@reviewer_required
@require_http_methods(["GET", "POST"])
def url_import(request: HttpRequest) -> HttpResponse:
    form = UrlImportForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and can_write(request.user):
        try:
            job = start_url_import(url=form.cleaned_data["url"], user=request.user)
        except RefusedURL as refused:
            form.add_error("url", refused.message)
        else:
            return redirect(f"{reverse('fetching:url_import')}?job={job.pk}#job-{job.pk}")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "jobs": recent_jobs(request.user),
               "highlight": request.GET.get("job", ""), "nav": "import"}  # fmt: skip
    return render(request, "fetching/url_import.html", context, status=status)
