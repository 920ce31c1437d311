"""Top-level routes: admin, the API under /api/v1/, its schema and docs."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

urlpatterns = [
    path("admin/", admin.site.urls),
    # Exports first: /claims/export.csv must not be read as a claim id.
    path("api/v1/", include("annotations.export_urls")),
    path("api/v1/", include("factcheck.api")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    # Reviewer UI and public fact-check pages.
    path("", include("accounts.urls")),
    path("", include("articles.urls")),
    path("", include("annotations.urls")),
]
