"""Routes for the standard exports (W3C Web Annotation, ClaimReview, CSV/JSONL).

Included under /api/v1/ before the router, so `claims/export.csv` is matched
here and never read as a claim id by the claim viewset.
"""

from django.urls import path

from annotations import export_views

urlpatterns = [
    path("claims/export.csv", export_views.ClaimCsvExportView.as_view(), name="claim-export-csv"),
    path(
        "claims/export.jsonl",
        export_views.ClaimJsonlExportView.as_view(),
        name="claim-export-jsonl",
    ),
    path(
        "claims/<int:pk>/annotation/",
        export_views.ClaimAnnotationView.as_view(),
        name="claim-annotation",
    ),
    path(
        "claims/<int:pk>/claimreview/",
        export_views.ClaimReviewView.as_view(),
        name="claim-claimreview",
    ),
    path(
        "articles/<int:pk>/annotations/",
        export_views.ArticleAnnotationsView.as_view(),
        name="article-annotations",
    ),
]
