"""Reviewer UI pages for claims and the public fact-check pages."""

from django.urls import include, path

from annotations import factchecks, views

claim_patterns = ([path("claims/", views.claim_queue, name="queue")], "claims")
factcheck_patterns = (
    [path("factchecks/<int:pk>/", factchecks.factcheck_page, name="detail")],
    "factchecks",
)

urlpatterns = [
    path("", include(claim_patterns)),
    path("", include(factcheck_patterns)),
]
