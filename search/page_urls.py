"""Reviewer UI routes of the search app, included at the site root by factcheck/urls.py."""

from django.urls import path

from search.views import search_page

app_name = "search"
urlpatterns = [path("search/", search_page, name="results")]
