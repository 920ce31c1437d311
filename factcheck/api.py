"""The API's routes: every viewset is wired here, in one place.

Sources and verdicts have two homes, so they are wired by hand: listed and
created under their claim, read and changed at their own address.
"""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from accounts.api import ReviewerListView, TokenView
from annotations.api import (
    ClaimViewSet,
    RatingViewSet,
    SourceViewSet,
    VerdictViewSet,
)
from annotations.article_claims_api import ArticleClaimListView
from annotations.workflow_api import AgreementStatsView
from articles.api import ArticleViewSet

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")
router.register("ratings", RatingViewSet, basename="rating")

_COLLECTION = {"get": "list", "post": "create"}
_MEMBER = {"get": "retrieve", "patch": "partial_update", "delete": "destroy"}

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("reviewers/", ReviewerListView.as_view(), name="reviewers"),
    path("stats/agreement/", AgreementStatsView.as_view(), name="stats-agreement"),
    path(
        "articles/<int:article_pk>/claims/",
        ArticleClaimListView.as_view(),
        name="article-claims",
    ),
    path(
        "claims/<int:claim_pk>/sources/",
        SourceViewSet.as_view(_COLLECTION),
        name="claim-sources",
    ),
    path("sources/<int:pk>/", SourceViewSet.as_view(_MEMBER), name="source-detail"),
    path(
        "claims/<int:claim_pk>/verdicts/",
        VerdictViewSet.as_view(_COLLECTION),
        name="claim-verdicts",
    ),
    path("verdicts/<int:pk>/", VerdictViewSet.as_view(_MEMBER), name="verdict-detail"),
    path("", include(router.urls)),
]
