"""ETag on every object response; If-Match turns lost updates into 412 (SECURITY-CASES #27)."""

import pytest
from rest_framework.test import APIClient

from annotations.models import Claim, Source, Verdict
from articles.models import Article
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def _own_verdict(user) -> Verdict:
    # Only its own reviewer may change a verdict, editors included (annotations.permissions).
    return VerdictFactory(reviewer=user)


def _make(factory, user):
    return factory(user) if factory is _own_verdict else factory()


def _two_clients(user) -> tuple[APIClient, APIClient]:
    first, second = APIClient(), APIClient()
    first.force_authenticate(user)
    second.force_authenticate(user)
    return first, second


@pytest.mark.parametrize(
    ("factory", "url", "change"),
    [
        (ArticleFactory, "/api/v1/articles/{}/", {"title": "T{}"}),
        (ClaimFactory, "/api/v1/claims/{}/", {"statement": "S{}"}),
        (SourceFactory, "/api/v1/sources/{}/", {"title": "T{}"}),
        (_own_verdict, "/api/v1/verdicts/{}/", {"rationale": "R{}"}),
    ],
)
def test_two_tabs_with_one_etag_get_200_then_412(editor, factory, url, change):
    obj = _make(factory, editor)
    url = url.format(obj.pk)
    first, second = _two_clients(editor)
    etag = first.get(url)["ETag"]
    ((field, template),) = change.items()

    won = first.patch(url, {field: template.format(1)}, HTTP_IF_MATCH=etag)
    lost = second.patch(url, {field: template.format(2)}, HTTP_IF_MATCH=etag)

    assert (won.status_code, lost.status_code) == (200, 412)
    assert won["ETag"] != etag
    assert lost["ETag"] == won["ETag"]  # the 412 tells the client what is current
    assert "If-Match" in lost.json()
    obj.refresh_from_db()
    assert (getattr(obj, field), obj.version) == (template.format(1), 2)


def test_write_without_if_match_is_accepted(as_editor):
    claim = ClaimFactory()

    response = as_editor.patch(f"/api/v1/claims/{claim.pk}/", {"statement": "No header"})

    assert response.status_code == 200


def test_etag_of_another_object_never_matches(as_editor):
    claim, other = ClaimFactory.create_batch(2)

    response = as_editor.patch(
        f"/api/v1/claims/{claim.pk}/",
        {"statement": "x"},
        HTTP_IF_MATCH=f'"claim-{other.pk}-v1"',
    )

    assert response.status_code == 412
    claim.refresh_from_db()
    assert claim.version == 1


@pytest.mark.parametrize(
    ("factory", "url", "model"),
    [
        (ArticleFactory, "/api/v1/articles/{}/", Article),
        (ClaimFactory, "/api/v1/claims/{}/", Claim),
        (SourceFactory, "/api/v1/sources/{}/", Source),
        (_own_verdict, "/api/v1/verdicts/{}/", Verdict),
    ],
)
def test_delete_with_stale_etag_is_412_and_keeps_the_row(editor, as_editor, factory, url, model):
    obj = _make(factory, editor)
    url = url.format(obj.pk)
    stale = as_editor.get(url)["ETag"]
    model.objects.filter(pk=obj.pk).update(version=2)  # someone else changed it meanwhile

    response = as_editor.delete(url, HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    assert model.objects.filter(pk=obj.pk).exists()
    assert as_editor.delete(url, HTTP_IF_MATCH=response["ETag"]).status_code == 204
