"""`GET /api/v1/articles/{id}/claims/`: one article's claims, in text order.

The desk's and the reader's most repeated request. Numbered pages come from SQL
compiled once (selectors.article_claims); on PostgreSQL each page carries an
ETag and the latest rendering is kept in memory until what it shows changes
(annotations.claim_list_cache), so a repeated request costs the fingerprint's
one statement and no rendering, and `If-None-Match` gets a 304.
"""

from collections.abc import Sequence

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.http import parse_etags
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from annotations import claim_list_cache, selectors
from annotations.filters import MAX_ID
from annotations.models import Claim
from annotations.permissions import can_see_unpublished
from annotations.serializers import ClaimSerializer
from articles.selectors import visible_articles
from factcheck.pagination import CURSOR_PARAM
from factcheck.views_mixins import BoundedBodyMixin, error_responses


class RenderedResponse(Response):
    """A response whose JSON is already bytes: a kept rendering, or one just made."""

    def __init__(self, body: bytes, tag: str | None) -> None:
        super().__init__(headers={"ETag": tag} if tag else None)
        self.body_bytes = body

    @property
    def rendered_content(self) -> bytes:
        self["Content-Type"] = self.accepted_renderer.media_type
        return self.body_bytes


_IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match", str, OpenApiParameter.HEADER, required=False,
    description="The ETag of a page you hold: 304 Not Modified, no body, while it is current.",
)  # fmt: skip


@extend_schema(
    summary="List an article's claims, in text order",
    description=(
        "Numbered pages (`page`, `page_size` up to 200) or keyset pages (`cursor`). On "
        "PostgreSQL each numbered page has an `ETag` that changes with anything the page "
        "shows (claims, sources, archives, verdicts, publications, assignments, names); "
        "send it back in `If-None-Match` to get a 304 while it is current."
    ),
    parameters=[
        OpenApiParameter("article_pk", int, OpenApiParameter.PATH, description="Article id."),
        _IF_NONE_MATCH,
    ],
    responses={
        200: ClaimSerializer(many=True),
        304: OpenApiResponse(description="Not modified: the page you hold is current."),
        **error_responses(400, 401, 404),
    },
)
class ArticleClaimListView(BoundedBodyMixin, generics.ListAPIView):
    queryset = Claim.objects.none()  # tells the schema generator the model; see get_queryset
    serializer_class = ClaimSerializer

    def article_pk(self) -> int:
        article_pk = self.kwargs["article_pk"]
        if article_pk > MAX_ID:  # no such row; SQLite would overflow on the comparison
            raise Http404
        return article_pk

    def get_queryset(self):
        return selectors.article_claims_queryset(self.request.user, self.article_pk())

    def list(self, request, *args, **kwargs):
        # Kept only for the addresses clients send (`page`, `page_size`): other
        # parameters are echoed in the page's links, so each would be an entry of its own.
        cacheable = (
            claim_list_cache.supported()
            and isinstance(request.accepted_renderer, JSONRenderer)
            and set(request.query_params) <= {"page", "page_size"}
        )
        if CURSOR_PARAM in request.query_params:  # keyset pages need the queryset
            return super().list(request, *args, **kwargs)
        article_id = self.article_pk()
        if not cacheable:
            return self._page(article_id)[1]
        key = (
            article_id, claim_list_cache.viewer_key(request.user), request.build_absolute_uri(),
            request.accepted_media_type,
        )  # fmt: skip
        answer = self._unchanged(key, article_id)
        if answer is not None:
            return answer
        page, response = self._page(article_id)
        body = request.accepted_renderer.render(
            response.data, request.accepted_media_type, self.get_renderer_context()
        )
        fingerprint = getattr(page[0], "list_fingerprint", None) if page else None
        if fingerprint is None:
            return RenderedResponse(body, None)
        tag = claim_list_cache.etag(key, fingerprint)
        claim_list_cache.rendered.put(key, tag, body)
        return RenderedResponse(body, tag)

    def _unchanged(self, key: tuple, article_id: int) -> Response | None:
        """A 304 or the kept rendering if the fingerprint still matches; None otherwise.
        Asks for the fingerprint only when there is something to compare it with."""
        kept = claim_list_cache.rendered.get(key)
        sent = self.request.headers.get("If-None-Match")
        if kept is None and not sent:
            return None
        desk = can_see_unpublished(self.request.user)
        fingerprint = claim_list_cache.fingerprint(article_id, desk=desk)
        if fingerprint is None:  # nothing visible: the article's own check decides
            return None
        tag = claim_list_cache.etag(key, fingerprint)
        # If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" matches "x". `*` is not
        # answered: this page may not even exist (`?page=999`), which only rendering tells.
        sent_tags = {sent_tag.removeprefix("W/") for sent_tag in parse_etags(sent or "")}
        if tag in sent_tags:
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": tag})
        if kept is not None and kept[0] == tag:
            return RenderedResponse(kept[1], tag)
        return None

    def _page(self, article_id: int) -> tuple[Sequence[Claim], Response]:
        """A numbered page from the compiled query, and its response (the uncached path)."""
        rows = _ArticleClaimRows(self.request.user, article_id, self.get_queryset)
        page = self.paginate_queryset(rows)
        return page, self.get_paginated_response(self.get_serializer(page, many=True).data)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        # Claims the user may see mean an article they may see; only an empty list
        # needs the article itself, to tell "no claims yet" from a 404 (one query
        # saved on every list that has claims).
        if not page:
            get_object_or_404(
                visible_articles(self.request.user).only("id"), pk=self.kwargs["article_pk"]
            )
        return page


class _ArticleClaimRows:
    """An article's claims as the paginator reads them: slices from the compiled query
    (selectors.article_claims), and the queryset's COUNT only when a page is full."""

    ordered = True  # in text order; tells Django's paginator not to warn

    def __init__(self, user, article_id: int, queryset) -> None:
        self.user, self.article_id, self.queryset = user, article_id, queryset

    def __getitem__(self, bounds: slice) -> list[Claim]:
        return selectors.article_claims(
            self.user, self.article_id, limit=bounds.stop - bounds.start, offset=bounds.start
        )

    def count(self) -> int:
        return self.queryset().count()
