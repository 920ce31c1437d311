"""The label mapping table in the admin: editors edit it, and the stored rows follow."""

import pytest

from claimreviews.models import ClaimReview, RatingLabel
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LABELS = "/admin/claimreviews/ratinglabel/"


def signed_in(client, role: str):
    user = UserFactory(role=role)
    user.is_staff = True
    user.save()
    client.force_login(user)
    return client


def imported(n: int, label: str) -> ClaimReview:
    raw = {"@type": "ClaimReview", "url": f"https://c.example/{n}", "claimReviewed": "C."}
    return ClaimReview.objects.create(
        url=raw["url"], claim_reviewed="C.", textual_rating=label, raw=raw
    )


def test_an_editor_adds_a_label_and_the_rows_carrying_it_are_mapped(client):
    row = imported(1, "Totally Bogus")
    other = imported(2, "Something else")
    admin = signed_in(client, "editor")

    response = admin.post(f"{LABELS}add/", {"label": "totally bogus!", "rating": "false"})

    assert response.status_code == 302, response.content
    row.refresh_from_db()
    other.refresh_from_db()
    assert (row.rating, other.rating) == ("false", None)


def test_renaming_a_label_unmaps_the_old_one(client):
    label = RatingLabel.objects.create(label="Bogus", rating="false")
    row = imported(1, "Bogus")
    ClaimReview.objects.filter(pk=row.pk).update(rating="false")
    admin = signed_in(client, "editor")

    admin.post(f"{LABELS}{label.pk}/change/", {"label": "Very bogus", "rating": "false"})

    row.refresh_from_db()
    assert row.rating is None


def test_a_duplicate_label_is_a_form_error_not_a_500(client):
    admin = signed_in(client, "editor")

    response = admin.post(f"{LABELS}add/", {"label": "PANTS ON FIRE", "rating": "true"})

    assert response.status_code == 200
    assert "already in the table" in response.content.decode()


def test_deleting_a_label_unmaps_its_rows(client):
    row = imported(1, "Pants on Fire")
    ClaimReview.objects.filter(pk=row.pk).update(rating="false")
    label = RatingLabel.objects.get(key="pants on fire")
    admin = signed_in(client, "editor")

    admin.post(f"{LABELS}{label.pk}/delete/", {"post": "yes"})

    row.refresh_from_db()
    assert row.rating is None


def test_the_remap_action(client):
    row = imported(1, "False")
    admin = signed_in(client, "editor")

    response = admin.post(
        LABELS, {"action": "remap_all", "_selected_action": [RatingLabel.objects.first().pk]}
    )

    assert response.status_code == 302
    row.refresh_from_db()
    assert row.rating == "false"


def test_reviewers_do_not_edit_the_table_and_nobody_edits_imported_rows(client):
    assert signed_in(client, "reviewer").get(LABELS).status_code == 403
    editor = signed_in(client, "editor")
    row = imported(1, "False")
    assert editor.get("/admin/claimreviews/claimreview/").status_code == 200
    page = editor.get(f"/admin/claimreviews/claimreview/{row.pk}/change/")
    assert page.status_code == 200
    assert b'name="claim_reviewed"' not in page.content  # read-only
