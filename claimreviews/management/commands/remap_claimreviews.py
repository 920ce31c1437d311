"""`manage.py remap_claimreviews`: re-read every imported rating from the label table."""

from django.core.management.base import BaseCommand

from claimreviews.services import remap


class Command(BaseCommand):
    help = "Map the textual rating of every imported ClaimReview again, from the label table."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{remap()} ClaimReview(s) re-mapped")
