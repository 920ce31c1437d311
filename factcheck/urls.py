"""Top-level routes: admin, the API under /api/v1/, its schema and docs."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularSwaggerSplitView,
)

from factcheck.i18n import javascript_catalog

# An error page that needs the database while it is down becomes a 503, not a 500.
handler500 = "factcheck.resilience.server_error"
# API clients get JSON for an address that matches no route, as for every other error.
handler404 = "factcheck.exceptions.not_found"

urlpatterns = [
    path("admin/", admin.site.urls),
    # The core API first: most requests are for it, and Django tries routes in order
    # (the others' patterns cost every core request about 0.1 ms). Its ids match digits
    # only, so /claims/export.csv or /articles/import-url/ cannot be read as one.
    path("api/v1/", include("factcheck.api")),
    path("api/v1/", include("annotations.export_urls")),
    path("api/v1/", include("suggestions.urls")),
    path("api/v1/", include("matching.urls")),
    path("api/v1/", include("fetching.api_urls")),
    path("api/v1/", include("search.urls")),
    path("api/v1/", include("claimreviews.api_urls")),
    # Public read API: Google Fact Check Tools-compatible search.
    path("api/v1/", include("public.api_urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's init code as a script file (/api/v1/docs/?script=)
    # instead of an inline <script>, which our CSP (script-src 'self' + nonce) would block.
    path(
        "api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"
    ),
    # The language switcher posts here (Django's set_language: CSRF-checked, sets a cookie).
    path("i18n/", include("django.conf.urls.i18n")),
    # JavaScript translations, one immutable address per catalog version and language.
    path("jsi18n/<str:version>/<str:language>.js", javascript_catalog, name="javascript-catalog"),
    # Reviewer UI and public fact-check pages.
    path("", include("accounts.urls")),
    path("", include("articles.urls")),
    path("", include("annotations.urls")),
    # Public side: index, feeds, embeds, oEmbed, IFCN pages, sitemap, robots.txt.
    path("", include("public.urls")),
    path("", include("fetching.urls")),
    # The reviewer UI's search page (the header's search box).
    path("", include("search.page_urls")),
    path("", include("claimreviews.urls")),
]
