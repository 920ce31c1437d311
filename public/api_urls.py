"""The public read API under /api/v1/."""

from django.urls import path

from public.api import FactcheckSearchView

urlpatterns = [
    path("factchecks/search/", FactcheckSearchView.as_view(), name="factcheck-search"),
]
