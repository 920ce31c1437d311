"""What a fact-check page tells link previews, feed readers and CMSs in its <head>.

Open Graph and Twitter card tags (title: the claim; description: our rating
and the start of the rationale), the feeds, and the oEmbed discovery link that
lets WordPress and other CMSs embed the fact-check from its URL. Registered as
a head hook of annotations.factchecks (see PublicConfig.ready); it reads the
claim's prefetched publications and runs no query.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from annotations.models import Claim, Publication
from annotations.ratings import label

DESCRIPTION_CHARS = 200


def claim_text(claim: Claim) -> str:
    """The claim as the public reads it: the restated statement, else the quote."""
    return claim.statement or claim.quote


def oembed_url(request: HttpRequest, page_url: str) -> str:
    query = urlencode({"url": page_url, "format": "json"})
    return request.build_absolute_uri(f"{reverse('public:oembed')}?{query}")


def factcheck_head(request: HttpRequest, claim: Claim) -> SafeString:
    record = list(claim.publications.all())
    verdicts = [p for p in record if p.kind != Publication.Kind.RETRACTION]
    retracted = record[-1].kind == Publication.Kind.RETRACTION
    page_url = request.build_absolute_uri(reverse("factchecks:detail", args=[claim.pk]))
    rationale = Truncator(" ".join(verdicts[-1].rationale.split())).chars(DESCRIPTION_CHARS)
    context = {
        "request": request,
        "title": claim_text(claim),
        "rating_label": label(verdicts[-1].rating),
        "rationale": rationale,
        "retracted": retracted,
        "page_url": page_url,
        "published": verdicts[0].published_at,
        "modified": record[-1].published_at,
        "site_name": settings.FACTCHECK_ORGANIZATION_NAME,
        "oembed": oembed_url(request, page_url),
    }
    return render_to_string("public/includes/factcheck_head.html", context)
