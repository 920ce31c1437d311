"""Article endpoints: /api/v1/articles/ and /api/v1/articles/{id}/."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_view
from rest_framework import permissions

from annotations.permissions import ReviewerCanWrite, allowed
from articles import services
from articles.filters import ArticleFilter
from articles.models import Article
from articles.selectors import articles_with_claim_count
from articles.serializers import (
    ArticleCreateSerializer,
    ArticleListSerializer,
    ArticleSerializer,
    ArticleUpdateSerializer,
)
from factcheck.views_mixins import ServiceViewSet, change_reason, read_schema, write_schema


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
    **write_schema(
        "an article (from text, or HTML reduced to text)",
        ArticleCreateSerializer,
        ArticleUpdateSerializer,
        ArticleSerializer,
    ),
)
class ArticleViewSet(ServiceViewSet):
    """Articles; anonymous readers see only those with a published fact-check."""

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

    def update_object(self, article, changes, expected_version) -> Article:
        return services.update_article(
            article=article, changes=changes, expected_version=expected_version, **self.audit()
        )

    def delete_object(self, article, expected_version) -> None:
        services.delete_article(article=article, expected_version=expected_version, **self.audit())
