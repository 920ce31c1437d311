"""Building claims in each workflow state through the services, and reading what is stored."""

from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from annotations import services
from annotations.models import Assignment, Claim, Publication, Source, Verdict
from articles.models import Article
from claimreviews.models import ClaimReview
from history.models import HistoryEntry
from tests.factories import ClaimFactory, SourceFactory, UserFactory

API = "/api/v1"
PUBLISH = {"rating": "false", "rationale": "Official records list four."}
CORRECT = {"rating": "mostly-false", "rationale": "A fifth death came later.", "note": "Recount."}
RETRACT = {"note": "Quoted the wrong article."}


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def claim_in(status: str, *, editor=None, **claim_fields) -> Claim:
    """A claim with one source, moved to `status` by the services (history included)."""
    claim = ClaimFactory(**claim_fields)
    SourceFactory(claim=claim)
    if status == Claim.Status.DRAFT:
        return claim
    claim = services.submit_claim(claim=claim, actor=claim.created_by)
    if status == Claim.Status.IN_REVIEW:
        return claim
    editor = editor or UserFactory(role="editor")
    claim = services.publish_claim(claim=claim, editor=editor, **PUBLISH)
    if status == Claim.Status.PUBLISHED:
        return claim
    return services.retract_claim(claim=claim, editor=editor, **RETRACT)


def stored_state() -> tuple:
    """Everything a write could change, for "nothing stored" assertions."""
    return (
        list(Article.objects.values_list("id", "version").order_by("id")),
        list(Claim.objects.values_list("id", "version", "status").order_by("id")),
        list(Source.objects.values_list("id", "version").order_by("id")),
        list(Verdict.objects.values_list("id", "version").order_by("id")),
        list(Publication.objects.values_list("id", flat=True).order_by("id")),
        list(Assignment.objects.values_list("id", flat=True).order_by("id")),
        HistoryEntry.objects.count(),
        list(ClaimReview.objects.values_list("id", "updated_at").order_by("id")),
    )


def imported_claimreview() -> ClaimReview:
    """Another fact-checker's ClaimReview, as `import_claimreviews` stores it."""
    raw = {"@type": "ClaimReview", "url": "https://other.example/1", "claimReviewed": "A claim."}
    return ClaimReview.objects.create(url=raw["url"], claim_reviewed=raw["claimReviewed"], raw=raw)


def history_of(claim: Claim, action: str | None = None) -> list[HistoryEntry]:
    entries = HistoryEntry.objects.filter(claim_id=claim.pk).order_by("id")
    return list(entries.filter(action=action) if action else entries)


# The public side's pages: read-only, the same for everyone (tests/public checks each one
# anonymously and as a reviewer, and that it refuses POST).
PUBLIC_SITE_PAGES = {
    f"public:{name}"
    for name in (
        "index", "datafeed", "feed-atom", "feed-rss", "corrections", "corrections-feed-atom",
        "corrections-feed-rss", "embed", "oembed", "methodology", "ratings",
        "corrections-policy", "organisation", "sitemap", "sitemap-section", "robots",
    )
}  # fmt: skip


def ui_url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    """Names of every page outside the API and the admin, e.g. "articles:list"."""
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if str(entry.pattern).startswith(("admin/", "api/")):
            continue
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= ui_url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names
