from django.apps import AppConfig


class ClaimreviewsConfig(AppConfig):
    """ClaimReviews published by other fact-checkers, imported so a desk can see what has
    already been checked elsewhere. They are never our claims or verdicts."""

    name = "claimreviews"
    verbose_name = "Imported ClaimReviews"
