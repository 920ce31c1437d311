"""API routes of the suggestions app, included under /api/v1/ by factcheck/urls.py."""

from django.urls import path

from suggestions.api import ArticleSuggestionsView, CheckworthinessView

urlpatterns = [
    path(
        "articles/<int:article_pk>/suggestions/",
        ArticleSuggestionsView.as_view(),
        name="article-suggestions",
    ),
    path("checkworthiness/", CheckworthinessView.as_view(), name="checkworthiness"),
]
