"""API routes of the claimreviews app, included under /api/v1/ by factcheck/urls.py."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from claimreviews.api import ClaimReviewViewSet, ImportView

router = SimpleRouter()
router.register("claimreviews", ClaimReviewViewSet, basename="claimreview")

urlpatterns = [
    path("claimreviews/import/", ImportView.as_view(), name="claimreview-import"),
    path("", include(router.urls)),
]
