"""Routes for the standard exports (W3C Web Annotation, ClaimReview, CSV/JSONL)."""

urlpatterns = []
