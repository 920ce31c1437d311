"""API routes of claim matching, included under /api/v1/ by factcheck/urls.py."""

from django.urls import path

from matching.api import ClaimMatchesView, MatchView

urlpatterns = [
    path("match/", MatchView.as_view(), name="match"),
    path("claims/<int:claim_pk>/matches/", ClaimMatchesView.as_view(), name="claim-matches"),
]
