"""The label mapping table: normalisation, the seeded rows, editing and re-mapping."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from claimreviews.labels import normalise, rating_for
from claimreviews.models import ClaimReview, RatingLabel
from claimreviews.services import remap
from tests.claimreviews.helpers import jsonl, review


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Pants on Fire!", "pants on fire"),
        ("  MOSTLY   FALSE. ", "mostly false"),
        ("Half-True", "half true"),
        ("«Engañoso»", "enganoso"),
        ("Größtenteils falsch", "grosstenteils falsch"),
        ("Plutôt faux", "plutot faux"),
    ],
)
def test_normalise_folds_case_accents_spacing_and_edge_punctuation(label, key):
    assert normalise(label) == key


def test_an_unknown_label_is_never_guessed():
    table = {"false": "false", "mostly false": "mostly-false"}

    assert rating_for("False", table) == "false"
    assert rating_for("False-ish", table) is None
    assert rating_for("Not false", table) is None
    assert rating_for("", table) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("label", "rating"),
    [
        ("Pants on Fire", "false"),
        ("Mostly False", "mostly-false"),
        ("Missing context", "misleading"),
        ("Falso", "false"),
        ("Engañoso", "misleading"),
        ("Enganoso", "misleading"),
        ("Verdad a medias", "half-true"),
        ("Falsch", "false"),
        ("Unproven", "unverifiable"),
        ("Four Pinocchios", "false"),
    ],
)
def test_the_seeded_table_maps_the_common_labels(label, rating):
    assert RatingLabel.objects.get(key=normalise(label)).rating == rating


@pytest.mark.django_db
def test_satire_and_free_text_conclusions_are_not_seeded():
    for label in ("Satire", "Labeled Satire", "This is not what the report says."):
        assert not RatingLabel.objects.filter(key=normalise(label)).exists()


@pytest.mark.django_db
def test_the_key_is_computed_on_save_and_duplicates_are_refused():
    row = RatingLabel(label="  Totally Bogus!! ", rating="false")
    row.full_clean()
    row.save()
    assert row.key == "totally bogus"

    with pytest.raises(ValidationError) as refused:
        RatingLabel(label="TOTALLY bogus", rating="true").full_clean()
    assert "label" in refused.value.message_dict
    with pytest.raises(ValidationError):
        RatingLabel(label=" !! ", rating="true").full_clean()


@pytest.mark.django_db
def test_changing_the_table_remaps_stored_rows(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(jsonl(
        review(1, reviewRating={"alternateName": "Totally bogus"}),
        review(2, reviewRating={"alternateName": "TOTALLY BOGUS"}),
        review(3, reviewRating={"alternateName": "False"}),
    ))  # fmt: skip
    call_command("import_claimreviews", str(path), stdout=io.StringIO())
    assert list(ClaimReview.objects.order_by("url").values_list("rating", flat=True)) == [
        None, None, "false"
    ]  # fmt: skip

    RatingLabel.objects.create(label="Totally bogus", rating="false")
    RatingLabel.objects.filter(key="false").update(rating="mostly-false")
    out = io.StringIO()
    call_command("remap_claimreviews", stdout=out)

    assert out.getvalue().strip() == "3 ClaimReview(s) re-mapped"
    assert list(ClaimReview.objects.order_by("url").values_list("rating", flat=True)) == [
        "false", "false", "mostly-false"
    ]  # fmt: skip
    RatingLabel.objects.filter(key="totally bogus").delete()
    assert remap(keys={"totally bogus"}) == 2
    assert ClaimReview.objects.filter(rating__isnull=True).count() == 2
    assert remap() == 0
    assert json.dumps(ClaimReview.objects.get(url__endswith="/3/").raw)  # raw is untouched
