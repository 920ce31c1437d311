"""Embeds: a compact fact-check card for iframes, and oEmbed so CMSs can embed it from a URL.

The embed route is the only page another site may frame (SECURITY-CASES #43):
its CSP says `frame-ancestors` FACTCHECK_EMBED_FRAME_ANCESTORS (any site by
default) and it is exempt from X-Frame-Options; every other page keeps
`frame-ancestors 'none'` and DENY. The card has no script and no form.

oEmbed (https://oembed.com/) answers only for our own fact-check pages
(SECURITY-CASES #44): the `url` must be on this site (the request's host or one
of ALLOWED_HOSTS), its path exactly /factchecks/<id>/ or its embed, and the
fact-check public. Anything else (another host, a draft, `..`, encoded
slashes, a query) gets the same plain 404, so the answer never tells a draft
from a missing id.
"""

import re
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.request import split_domain_port, validate_host
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from annotations.factchecks import public_claims
from annotations.models import PUBLIC_STATUSES, Claim, Publication
from annotations.ratings import label
from factcheck.caching import shared_cache
from public.sharing import claim_text

DEFAULT_WIDTH, DEFAULT_HEIGHT = 560, 360
CACHE_AGE = 3600
_FACTCHECK_PATH = re.compile(r"^/factchecks/(?P<pk>[1-9][0-9]{0,17})/(?:embed/)?$")


def allow_framing(view):
    """Let the origins in FACTCHECK_EMBED_FRAME_ANCESTORS frame this view's responses.

    factcheck.middleware builds the CSP from `response.csp_frame_ancestors`;
    Django's X-Frame-Options middleware skips responses marked exempt.
    """

    @wraps(view)
    def framed(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.csp_frame_ancestors = settings.FACTCHECK_EMBED_FRAME_ANCESTORS
        return response

    return xframe_options_exempt(framed)


@require_safe
@shared_cache
@allow_framing
def embed(request: HttpRequest, pk: int) -> HttpResponse:
    """The card: claim, rating, a line of the rationale, date, link to the full page."""
    claim = get_object_or_404(public_claims(), pk=pk)
    record = list(claim.publications.all())
    verdicts = [p for p in record if p.kind != Publication.Kind.RETRACTION]
    context = {
        "claim": claim,
        "text": claim_text(claim),
        "publication": verdicts[-1],
        "rating_label": label(verdicts[-1].rating),
        "first_published": verdicts[0].published_at,
        "corrected": len(verdicts) > 1,
        "retraction": record[-1] if record[-1].kind == Publication.Kind.RETRACTION else None,
        "page_url": request.build_absolute_uri(reverse("factchecks:detail", args=[pk])),
        "site_name": settings.FACTCHECK_ORGANIZATION_NAME,
    }
    return render(request, "public/embed.html", context)


def _not_found() -> JsonResponse:
    return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)


def _bad_request(field: str, message: str) -> JsonResponse:
    return JsonResponse({field: [message], "code": "invalid"}, status=400)


def factcheck_id_from_url(request: HttpRequest, url: str) -> int | None:
    """The fact-check id in one of our own page URLs, or None for anything else."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or parts.query or parts.username:
        return None
    if not _our_host(request, parts.netloc):
        return None
    match = _FACTCHECK_PATH.match(parts.path)
    return int(match["pk"]) if match else None


def _our_host(request: HttpRequest, netloc: str) -> bool:
    if netloc.lower() == request.get_host().lower():
        return True
    domain, _port = split_domain_port(netloc)
    return bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)


def _size(request: HttpRequest, name: str, default: int) -> int | JsonResponse:
    """Our size, shrunk to the consumer's maximum (oEmbed: never larger than asked)."""
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    if not raw.isdigit() or not 0 < int(raw) <= 10000:
        return _bad_request(name, _("Must be a whole number of pixels from 1 to 10000."))
    return min(default, int(raw))


@require_safe
def oembed(request: HttpRequest) -> HttpResponse:
    """GET /oembed?url=...&format=json[&maxwidth=&maxheight=]: a "rich" oEmbed response."""
    if request.GET.get("format", "json") != "json":
        return JsonResponse({"format": [_("Only json is served.")], "code": "unsupported_format"},
                            status=501)  # fmt: skip
    url = request.GET.get("url", "")
    if not url:
        return _bad_request("url", _("Give the address of one of our fact-check pages."))
    width = _size(request, "maxwidth", DEFAULT_WIDTH)
    height = _size(request, "maxheight", DEFAULT_HEIGHT)
    for size in (width, height):
        if isinstance(size, JsonResponse):
            return size
    pk = factcheck_id_from_url(request, url)
    claim = Claim.objects.filter(pk=pk, status__in=PUBLIC_STATUSES).first() if pk else None
    if claim is None:
        return _not_found()
    with override(settings.LANGUAGE_CODE):
        return JsonResponse(_oembed_body(request, claim, width, height))


def _oembed_body(request: HttpRequest, claim: Claim, width: int, height: int) -> dict:
    embed_url = request.build_absolute_uri(reverse("public:embed", args=[claim.pk]))
    title = claim_text(claim)
    frame_title = _("Fact-check: %(claim)s") % {"claim": title[:120]}
    html = format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy"></iframe>',
        embed_url, width, height, frame_title,
    )  # fmt: skip
    return {
        "version": "1.0",
        "type": "rich",
        "title": title,
        "provider_name": settings.FACTCHECK_ORGANIZATION_NAME,
        "provider_url": request.build_absolute_uri(reverse("public:index")),
        "cache_age": CACHE_AGE,
        "html": str(html),
        "width": width,
        "height": height,
    }
