"""Article endpoints: /api/v1/articles/ and /api/v1/articles/{id}/."""

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions
from rest_framework.decorators import action
from rest_framework.response import Response

from annotations.permissions import ReviewerCanWrite, allowed
from articles import revisions, services
from articles.filters import ArticleFilter
from articles.models import Article
from articles.selectors import articles_with_claim_count, visible_articles
from articles.serializers import (
    ArticleChangeSerializer,
    ArticleCreateSerializer,
    ArticleListSerializer,
    ArticleRevisionListSerializer,
    ArticleRevisionSerializer,
    ArticleSerializer,
    ArticleUpdateSerializer,
)
from factcheck.concurrency import etag_for
from factcheck.views_mixins import (
    ServiceViewSet,
    change_reason,
    error_responses,
    read_schema,
    write_schema,
)

_WRITES = write_schema(
    "an article (from text, or HTML reduced to text)",
    ArticleCreateSerializer,
    ArticleUpdateSerializer,
    ArticleSerializer,
)
_WRITES["partial_update"] = extend_schema(
    summary="Change an article; a new text adds a revision and re-anchors its claims "
    "(send If-Match to avoid lost updates)",
    request=ArticleUpdateSerializer,
    responses={
        200: ArticleChangeSerializer,
        **error_responses(400, 401, 403, 404, 409, 412, 413, 415),
    },
)
_NUMBER = OpenApiParameter("number", int, OpenApiParameter.PATH, description="Revision number.")


class ArticleOwnerOrEditor(permissions.BasePermission):
    message = "Only the reviewer who added this article, or an editor, may change it."

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        action = "delete" if request.method == "DELETE" else "edit"
        return allowed(request.user, "article", action, obj)


@extend_schema_view(
    **read_schema(
        ArticleSerializer,
        list_output=ArticleListSerializer,
        list_summary="List articles (without their text)",
        retrieve_summary="Read one article with its text",
    ),
    **_WRITES,
)
class ArticleViewSet(ServiceViewSet):
    """Articles; anonymous readers see only those with a published fact-check."""

    # Ids are numbers: no other route under /api/v1/articles/ or /claims/ is read as one.
    lookup_value_regex = "[0-9]+"
    queryset = Article.objects.none()  # names the model for the schema; see get_queryset
    serializer_class = ArticleSerializer
    create_serializer_class = ArticleCreateSerializer
    update_serializer_class = ArticleUpdateSerializer
    permission_classes = [
        permissions.IsAuthenticatedOrReadOnly,  # for the schema: anonymous reads are allowed
        ReviewerCanWrite,
        ArticleOwnerOrEditor,
    ]
    filterset_class = ArticleFilter

    def get_queryset(self) -> QuerySet[Article]:
        articles = articles_with_claim_count(self.request.user)
        # The list never shows text (see articles.serializers), so never load it.
        return articles.defer("text") if self.action == "list" else articles

    def get_serializer_class(self):
        return ArticleListSerializer if self.action == "list" else ArticleSerializer

    def create_object(self, data: dict) -> Article:
        return services.create_article(
            created_by=self.request.user, reason=change_reason(self.request), **data
        )

    def created(self, article: Article) -> Article:
        # A new article has no claims and create_article set its creator: no query.
        article.claim_count = 0
        return article

    def partial_update(self, request, *args, **kwargs):
        """The article, with each claim's re-anchoring outcome at the top level."""
        article = self.get_object()
        changes = self.validated_input(self.update_serializer_class, partial=True)
        change = services.change_article(
            article=article, changes=changes, expected_version=self.expected_version(article),
            **self.audit(),
        )  # fmt: skip
        reloaded = self.reload(change.article)
        data = {
            "anchoring": [result.as_dict() for result in change.anchoring],
            **ArticleSerializer(reloaded, context=self.get_serializer_context()).data,
        }
        return Response(data, headers={"ETag": etag_for(reloaded)})

    @extend_schema(
        summary="List an article's revisions, oldest first (without their text)",
        responses={200: ArticleRevisionListSerializer(many=True), **error_responses(401, 404)},
    )
    @action(detail=True, methods=["get"], url_path="revisions", pagination_class=None,
            filterset_class=None)  # fmt: skip
    def revisions(self, request, pk=None):
        article = self._article_for_revisions()
        rows = revisions.revisions_of(article)
        if not isinstance(rows, list):
            rows = rows.defer("text")
        context = self.get_serializer_context()
        return Response(ArticleRevisionListSerializer(rows, many=True, context=context).data)

    @extend_schema(
        summary="Read one revision of an article's text",
        parameters=[_NUMBER],
        responses={200: ArticleRevisionSerializer, **error_responses(401, 404)},
    )
    @action(detail=True, methods=["get"], url_path=r"revisions/(?P<number>[0-9]{1,9})",
            pagination_class=None, filterset_class=None)  # fmt: skip
    def revision(self, request, pk=None, number=None):
        revision = revisions.revision_of(self._article_for_revisions(), int(number))
        if revision is None:
            raise Http404
        context = self.get_serializer_context()
        return Response(ArticleRevisionSerializer(revision, context=context).data)

    def _article_for_revisions(self) -> Article:
        """The article, if visible to the user (404 otherwise); one query, no counts."""
        try:
            return (
                visible_articles(self.request.user)
                .select_related("created_by")
                .get(pk=self.kwargs["pk"])
            )
        except (Article.DoesNotExist, ValueError):
            raise Http404 from None

    def update_object(self, article, changes, expected_version) -> Article:
        return services.update_article(
            article=article, changes=changes, expected_version=expected_version, **self.audit()
        )

    def delete_object(self, article, expected_version) -> None:
        services.delete_article(article=article, expected_version=expected_version, **self.audit())
