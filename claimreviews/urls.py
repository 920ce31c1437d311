"""Reviewer pages of the claimreviews app, included by factcheck/urls.py."""

from django.urls import path

from claimreviews import views

app_name = "claimreviews"
urlpatterns = [
    path("claimreviews/", views.claimreview_list, name="list"),
    path("claimreviews/upload/", views.upload, name="upload"),
]
