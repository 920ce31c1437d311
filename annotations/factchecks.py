"""The public fact-check page: one published claim, readable without signing in.

Only the public record appears: the claim in its sentence, the current
published verdict and rationale, the dated corrections (each with its note and
the rating it replaced), a retraction with its note, the sources and the
article. Reviewers' individual verdicts and names
never do. A claim that was never published is a 404, indistinguishable from one
that does not exist; a retracted one stays readable, marked as retracted and
without ClaimReview data (search engines must not show a withdrawn verdict).
The page is the same for every reader, so a shared cache may keep it for a few
minutes (`@shared_cache`, factcheck.caching).
"""

import re
from collections.abc import Callable

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from annotations.exports.claimreview import claimreview_for, organization_from_settings
from annotations.fast_render import archive_excerpt
from annotations.models import PUBLIC_STATUSES, Claim, Publication, Source
from annotations.ratings import label
from annotations.selectors import corrections_of
from articles import revisions
from factcheck.caching import shared_cache

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket)
# and whitespace, or at a line break.
_SENTENCE_END = re.compile("[.!?][\"'\u201d\u2019)\\]]*\\s|\n")
MAX_CONTEXT = 300

# Upper apps (public/) add to the page's <head>: share meta tags, feed and oEmbed
# links. Each hook takes the request and the claim (its article and publications
# loaded, see public_claims) and returns HTML, without a query of its own.
# They register in their AppConfig.ready(), so this module never imports them.
HeadHook = Callable[[HttpRequest, Claim], str]
_HEAD_HOOKS: list[HeadHook] = []


def register_head_hook(hook: HeadHook) -> None:
    if hook not in _HEAD_HOOKS:
        _HEAD_HOOKS.append(hook)


def sentence_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(before, quote, after): the quote with the rest of its sentence(s) around it.

    Offsets are code points, like Claim.start/end. At most MAX_CONTEXT characters
    are shown on either side, cut with an ellipsis.
    """
    head = text[:start]
    boundaries = [match.end() for match in _SENTENCE_END.finditer(head)]
    sentence_start = boundaries[-1] if boundaries else 0
    following = _SENTENCE_END.search(text, end)
    sentence_end = following.start() + 1 if following else len(text)
    before = text[max(sentence_start, start - MAX_CONTEXT) : start].lstrip()
    after = text[end : min(sentence_end, end + MAX_CONTEXT)].rstrip()
    if start - sentence_start > MAX_CONTEXT:
        before = "…" + before
    if sentence_end - end > MAX_CONTEXT:
        after += "…"
    return before, text[start:end], after


def public_claims() -> QuerySet[Claim]:
    """Published and retracted claims, with what their page shows (three queries)."""
    return (
        Claim.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("article")
        .prefetch_related(
            Prefetch(
                "sources",
                queryset=Source.objects.select_related("archive").order_by("created_at", "id"),
            ),
            Prefetch("publications", queryset=Publication.objects.order_by("published_at", "id")),
        )
    )


@require_safe
@shared_cache
def factcheck_page(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(public_claims(), pk=pk)
    record = list(claim.publications.all())
    verdicts = [p for p in record if p.kind != Publication.Kind.RETRACTION]
    retraction = record[-1] if record[-1].kind == Publication.Kind.RETRACTION else None
    shown = verdicts[-1]
    for source in claim.sources.all():
        source.public_archive = _public_archive(source)
    before, quote, after = _as_published(claim, shown)
    page_url = request.build_absolute_uri(reverse("factchecks:detail", args=[claim.pk]))
    context = {
        "claim": claim,
        "article": claim.article,
        "sentence": {"before": before, "quote": quote, "after": after},
        "publication": verdicts[-1],
        "first_published": verdicts[0].published_at,
        "corrections": [_labelled(row) for row in corrections_of(claim)],
        "retraction": retraction,
        "rating_label": label(verdicts[-1].rating),
        "sources": claim.sources.all(),
        "claimreview": None if retraction else _claimreview(claim, page_url),
        "page_url": page_url,
        "extra_head": [hook(request, claim) for hook in _HEAD_HOOKS],
        "changed_since": _changed_since(claim, shown),
    }
    return render(request, "annotations/factcheck.html", context)


def _as_published(claim: Claim, publication: Publication) -> tuple[str, str, str]:
    """The quote in its sentence as the fact-check was published, even if the article changed."""
    article = claim.article
    if publication.start is None or not publication.quote:
        return sentence_around(article.text, claim.start, claim.end)
    text = article.text
    if publication.article_revision != article.revision:
        revision = revisions.revision_of(article, publication.article_revision)
        text = revision.text if revision else text
    if text[publication.start : publication.end] != publication.quote:
        return "", publication.quote, ""  # never show a quote out of place
    return sentence_around(text, publication.start, publication.end)


def _changed_since(claim: Claim, publication: Publication) -> dict | None:
    """How the article changed after publication, for the page's notice; None if it did not."""
    article = claim.article
    if article.revision <= publication.article_revision:
        return None
    passage_changed = (
        claim.anchor_state != Claim.AnchorState.ANCHORED
        or claim.revision != article.revision
        or claim.quote != publication.quote
    )
    return {"revision": article.revision, "published_revision": publication.article_revision,
            "date": revisions.revised_at(article), "passage_changed": passage_changed}  # fmt: skip


def _public_archive(source: Source) -> dict | None:
    """Date, hash and a short excerpt: the archived text itself is someone else's work."""
    archive = getattr(source, "archive", None)
    if archive is None or archive.status != archive.Status.DONE:
        return None
    excerpt = archive_excerpt(archive.text)
    return {"fetched_at": archive.fetched_at, "sha256": archive.sha256, "excerpt": excerpt}


def _labelled(correction: dict) -> dict:
    """A row of selectors.corrections_of with the ratings' labels, for the page."""
    return {
        **correction,
        "previous_label": label(correction["previous_rating"]),
        "label": label(correction["rating"]),
    }


def _claimreview(claim: Claim, page_url: str) -> dict:
    return claimreview_for(claim, page_url=page_url, organization=organization_from_settings())
