"""API routes of the search app, included under /api/v1/ by factcheck/urls.py."""

from django.urls import path

from search.api import SearchView

urlpatterns = [path("search/", SearchView.as_view(), name="search")]
