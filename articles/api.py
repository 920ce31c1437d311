"""Article endpoints: /api/v1/articles/ and /api/v1/articles/{id}/."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions

from accounts.roles import is_editor, is_reviewer
from annotations.models import Claim
from annotations.permissions import ReviewerCanWrite, can_see_unpublished
from articles import services
from articles.filters import ArticleFilter
from articles.models import Article
from articles.serializers import (
    ArticleCreateSerializer,
    ArticleListSerializer,
    ArticleSerializer,
    ArticleUpdateSerializer,
)
from factcheck.views_mixins import ServiceViewSet, write_schema


def visible_articles(user) -> QuerySet[Article]:
    """Articles `user` may read: all for the desk, those with a published claim for others."""
    articles = Article.objects.all()
    if can_see_unpublished(user):
        return articles
    published = Claim.objects.filter(article=OuterRef("pk"), status=Claim.Status.PUBLISHED)
    return articles.filter(Exists(published))


def articles_with_claim_count(user) -> QuerySet[Article]:
    """visible_articles plus `claim_count`: the claims on each that `user` may see."""
    counted = Q() if can_see_unpublished(user) else Q(claims__status=Claim.Status.PUBLISHED)
    return (
        visible_articles(user)
        .select_related("created_by")
        .annotate(claim_count=Count("claims", filter=counted))
        # Meta.ordering is not applied to a GROUP BY query; pagination needs an order.
        .order_by("-created_at", "-id")
    )


def can_edit_article(user, article: Article) -> bool:
    return is_editor(user) or (is_reviewer(user) and article.created_by_id == user.pk)


class ArticleOwnerOrEditor(permissions.BasePermission):
    message = "Only the reviewer who added this article, or an editor, may change it."

    def has_object_permission(self, request, view, obj) -> bool:
        return request.method in permissions.SAFE_METHODS or can_edit_article(request.user, obj)


@extend_schema_view(
    list=extend_schema(summary="List articles (without their text)"),
    retrieve=extend_schema(summary="Read one article with its text"),
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
        return services.create_article(created_by=self.request.user, **data)

    def update_object(self, article, changes, expected_version) -> Article:
        return services.update_article(
            article=article, changes=changes, expected_version=expected_version
        )

    def delete_object(self, article, expected_version) -> None:
        services.delete_article(article=article, expected_version=expected_version)
