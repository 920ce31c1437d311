"""/api/v1/claims/{id}/sources/ and /api/v1/sources/{id}/."""

import pytest

from annotations.models import Source
from tests.api.helpers import iso, published_claim
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _collection(claim) -> str:
    return f"/api/v1/claims/{claim.pk}/sources/"


def _detail(source: Source) -> str:
    return f"/api/v1/sources/{source.pk}/"


def test_adds_source_to_claim(as_other):
    claim = ClaimFactory()  # reviewers may add evidence to anyone's claim

    response = as_other.post(
        _collection(claim),
        {
            "url": "https://stats.example/report",
            "title": "Annual report",
            "publisher": "Statistics Office",
            "published_at": "2021-01-05T00:00:00Z",
            "excerpt": "Four officers died.",
            "stance": "refutes",
        },
    )

    assert response.status_code == 201, response.json()
    source = Source.objects.get()
    assert response.json() == {
        "id": source.pk,
        "claim": claim.pk,
        "url": "https://stats.example/report",
        "title": "Annual report",
        "publisher": "Statistics Office",
        "published_at": "2021-01-05T00:00:00Z",
        "excerpt": "Four officers died.",
        "stance": "refutes",
        "added_by": "omar",
        "created_at": iso(source.created_at),
        "updated_at": iso(source.updated_at),
        "archive": None,
    }
    assert response["ETag"] == f'"source-{source.pk}-v1"'


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "data:text/html,<script>alert(1)</script>"}, "url"),
        ({"url": "\x08javascript:alert(1)"}, "url"),
        ({"url": "//evil.example/x"}, "url"),
        ({"url": "https://example.org/" + "a" * 5000}, "url"),
        ({"url": "https://"}, "url"),
        ({"url": "https://exa mple.org/"}, "url"),
        ({"url": "file:///etc/passwd"}, "url"),
        ({"url": ""}, "url"),
        ({}, "url"),
        ({"url": "https://example.org/", "stance": "maybe"}, "stance"),
        ({"url": "https://example.org/", "added_by": "edna"}, "added_by"),
        ({"url": "https://example.org/", "claim": 1}, "claim"),
        ({"url": "https://example.org/", "excerpt": "a\x00b"}, "excerpt"),
    ],
)
def test_rejects_bad_source_input(as_reviewer, body, field):
    claim = ClaimFactory()

    response = as_reviewer.post(_collection(claim), body)

    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert Source.objects.count() == 0


def test_rejects_same_url_twice_on_one_claim(as_reviewer):
    source = SourceFactory()

    response = as_reviewer.post(_collection(source.claim), {"url": source.url})

    assert response.status_code == 409
    assert "url" in response.json()
    assert Source.objects.count() == 1


def test_create_needs_reviewer_role_and_a_visible_claim(anon, as_reviewer, django_user_model):
    claim = ClaimFactory()
    body = {"url": "https://example.org/"}

    assert anon.post(_collection(claim), body).status_code == 401
    assert as_reviewer.post("/api/v1/claims/999999/sources/", body).status_code == 404
    as_reviewer.force_authenticate(django_user_model.objects.create_user("nobody"))
    assert as_reviewer.post(_collection(claim), body).status_code == 403
    assert Source.objects.count() == 0


def test_lists_sources_of_one_claim(as_reviewer):
    first = SourceFactory()
    second = SourceFactory(claim=first.claim)
    SourceFactory()  # another claim's

    response = as_reviewer.get(_collection(first.claim))

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [first.pk, second.pk]


def test_anonymous_reads_sources_of_published_claims_only(anon):
    public = published_claim()
    draft_source = SourceFactory()

    listed = anon.get(_collection(public))

    assert [row["id"] for row in listed.json()["results"]] == [public.sources.get().pk]
    assert anon.get(_collection(draft_source.claim)).status_code == 404
    assert anon.get(_detail(draft_source)).status_code == 404
    assert anon.get(_detail(public.sources.get())).status_code == 200


def test_owner_and_editor_may_patch_others_may_not(
    reviewer, as_reviewer, as_other, as_editor, anon
):
    source = SourceFactory(added_by=reviewer, title="Old")

    assert anon.patch(_detail(source), {"title": "Anon"}).status_code == 401
    assert as_other.patch(_detail(source), {"title": "Other"}).status_code == 403
    source.refresh_from_db()
    assert (source.title, source.version) == ("Old", 1)

    owner = as_reviewer.patch(_detail(source), {"title": "By owner"})
    editor = as_editor.patch(_detail(source), {"stance": "supports"})

    assert (owner.status_code, editor.status_code) == (200, 200)
    assert (editor.json()["title"], editor.json()["stance"]) == ("By owner", "supports")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "javascript:alert(1)"}, "url"),
        ({"claim": 5}, "claim"),
        ({"added_by": "edna"}, "added_by"),
        ({"stance": "nope"}, "stance"),
    ],
)
def test_rejects_bad_source_patch(as_reviewer, reviewer, body, field):
    source = SourceFactory(added_by=reviewer)
    before = Source.objects.values().get(pk=source.pk)

    response = as_reviewer.patch(_detail(source), body)

    assert response.status_code == 400
    assert field in response.json()
    assert Source.objects.values().get(pk=source.pk) == before


def test_delete_by_owner_or_editor_only(reviewer, as_reviewer, as_other, as_editor, anon):
    mine, other = SourceFactory.create_batch(2, added_by=reviewer)

    assert anon.delete(_detail(mine)).status_code == 401
    assert as_other.delete(_detail(mine)).status_code == 403
    assert as_reviewer.delete(_detail(mine)).status_code == 204
    assert as_editor.delete(_detail(other)).status_code == 204
    assert Source.objects.count() == 0
