"""Seed the label mapping table with the common labels of large fact-checkers."""

from django.db import migrations

from claimreviews.labels import normalise
from claimreviews.seed_labels import SEED_LABELS


def seed(apps, schema_editor):
    RatingLabel = apps.get_model("claimreviews", "RatingLabel")
    RatingLabel.objects.bulk_create(
        [RatingLabel(label=label, key=normalise(label), rating=rating) for label, rating in SEED_LABELS],
        ignore_conflicts=True,
    )


def unseed(apps, schema_editor):
    RatingLabel = apps.get_model("claimreviews", "RatingLabel")
    RatingLabel.objects.filter(key__in=[normalise(label) for label, _ in SEED_LABELS]).delete()


class Migration(migrations.Migration):
    dependencies = [("claimreviews", "0002_rating_labels")]

    operations = [migrations.RunPython(seed, unseed)]
