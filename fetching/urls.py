"""Reviewer pages of the fetching app."""

from django.urls import path

from fetching import views

app_name = "fetching"

urlpatterns = [
    path("imports/url/", views.url_import, name="url_import"),
]
