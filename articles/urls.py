"""Reviewer pages for articles; `/` opens the article list."""

from django.urls import path
from django.views.generic import RedirectView

from articles import views

app_name = "articles"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="articles:list"), name="home"),
    path("articles/", views.article_list, name="list"),
    path("articles/new/", views.article_import, name="import"),
    path("articles/<int:pk>/", views.article_reader, name="reader"),
    path("articles/<int:pk>/revisions/", views.article_revisions, name="revisions"),
]
