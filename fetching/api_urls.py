"""API routes of the fetching app, included under /api/v1/ by factcheck/urls.py.

Included before the main router, whose articles/{pk}/ would otherwise be asked
about "import-url" first (it answers 404 for a non-number, which is harmless, but
keeping the specific route first says what is meant).
"""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from fetching.api import ImportUrlView, JobViewSet

router = SimpleRouter()
router.register("jobs", JobViewSet, basename="job")

urlpatterns = [
    path("articles/import-url/", ImportUrlView.as_view(), name="article-import-url"),
    path("", include(router.urls)),
]
