"""An article's claims list from memory, with ETags, only while nothing it shows changed.

annotations.claim_list_cache fingerprints the rows the list shows (PostgreSQL row
versions); these tests change each of them in turn, through the API and behind
its back (ORM updates, raw deletes), and check that the next request shows the
change, that every viewer keeps their own rendering (blind review), and that a
matching If-None-Match is a 304.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import assign_role
from annotations import claim_list_cache
from annotations.models import Assignment, Claim, Publication, Source, SourceArchive, Verdict
from tests.api.helpers import published_claim
from tests.factories import (
    ArticleFactory,
    AssignmentFactory,
    ClaimFactory,
    SourceFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("the claims list keeps renderings on PostgreSQL only (row versions)")
    claim_list_cache.rendered.clear()
    yield
    claim_list_cache.rendered.clear()


def _url(article) -> str:
    return f"/api/v1/articles/{article.pk}/claims/"


def _get(client, article, **headers):
    response = client.get(_url(article), headers=headers)
    assert response.status_code in (200, 304), response.content
    return response


@pytest.fixture
def article(reviewer):
    article = ArticleFactory()
    ClaimFactory(article=article, created_by=reviewer, statement="Five officers died.")
    ClaimFactory(article=article, start=300, end=320)  # the list stays non-empty
    return article


def test_a_repeated_list_is_the_same_bytes_with_an_etag_for_two_queries(as_reviewer, article):
    first = _get(as_reviewer, article)
    with CaptureQueriesContext(connection) as queries:
        second = _get(as_reviewer, article)

    assert first["ETag"]
    assert second["ETag"] == first["ETag"]
    assert second.content == first.content
    # The fingerprint alone (the forced user's roles were read by the first request; a
    # token request reads them with its token): no claims query, no rendering.
    assert len(queries) == 1
    assert "bit_xor(hashtextextended" in queries[-1]["sql"]
    for header in ("Content-Type", "Vary", "Cache-Control", "Allow"):
        assert second.get(header) == first.get(header), header


def test_if_none_match_is_a_304_without_a_body(as_reviewer, article):
    tag = _get(as_reviewer, article)["ETag"]

    response = _get(as_reviewer, article, if_none_match=tag)

    assert response.status_code == 304
    assert response["ETag"] == tag
    assert response.content == b""
    assert _get(as_reviewer, article, if_none_match='"something else"').status_code == 200
    assert _get(as_reviewer, article, if_none_match=f'W/{tag}, "x"').status_code == 304
    # `*` is not answered from the fingerprint: the page asked for may not exist.
    assert _get(as_reviewer, article, if_none_match="*").status_code == 200
    assert (
        as_reviewer.get(_url(article) + "?page=99", headers={"if_none_match": "*"}).status_code
        == 404
    )


def _claim(article) -> Claim:
    return Claim.objects.filter(article=article).order_by("start").first()


def _changes(client, article, change) -> None:
    """`change` shows in the next response, with a new ETag, and a stale ETag gets a 200."""
    before = _get(client, article)
    _get(client, article)  # kept
    change(_claim(article))
    after = _get(client, article, if_none_match=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert after.content != before.content
    claim_list_cache.rendered.clear()
    assert after.content == _get(client, article).content  # as rendered from scratch


WRITES = {
    "claim edited (ORM update)": lambda c: Claim.objects.filter(pk=c.pk).update(statement="Six."),
    "claim added": lambda c: ClaimFactory(article=c.article, start=c.end + 5, end=c.end + 9),
    "claim deleted (raw SQL)": lambda c: _raw_delete(Claim, c.pk),
    "source added": lambda c: SourceFactory(claim=c),
    "verdict added": lambda c: VerdictFactory(claim=c, reviewer=c.created_by),
    "assignment added": lambda c: AssignmentFactory(claim=c),
    "author renamed": lambda c: (
        get_user_model().objects.filter(pk=c.created_by_id).update(username="renamed")
    ),
}


def _raw_delete(model, pk) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE id = %s", [pk])  # noqa: S608


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_write_to_what_the_list_shows_is_seen(as_reviewer, article, write):
    _changes(as_reviewer, article, write)


def test_parts_edited_and_removed_are_seen(as_editor, article):
    claim = _claim(article)
    source = SourceFactory(claim=claim)
    verdict = VerdictFactory(claim=claim)
    assignment = AssignmentFactory(claim=claim)
    archive = SourceArchive.objects.create(source=source, url=source.url)

    _changes(as_editor, article, lambda c: SourceArchive.objects.filter(pk=archive.pk).update(
        status=SourceArchive.Status.FAILED, reason="timeout", attempts=4))  # fmt: skip
    _changes(as_editor, article, lambda c: Verdict.objects.filter(pk=verdict.pk).update(
        rationale="Changed my mind."))  # fmt: skip
    _changes(as_editor, article, lambda c: get_user_model().objects.filter(
        pk=verdict.reviewer_id).update(username="renamed-reviewer"))  # fmt: skip
    _changes(as_editor, article, lambda c: Assignment.objects.filter(pk=assignment.pk).delete())
    _changes(as_editor, article, lambda c: SourceArchive.objects.filter(pk=archive.pk).delete())
    _changes(as_editor, article, lambda c: Verdict.objects.filter(pk=verdict.pk).delete())
    _changes(as_editor, article, lambda c: Source.objects.filter(pk=source.pk).delete())


def test_publishing_is_seen_by_the_public_and_the_desk(anon, as_editor, editor):
    claim = published_claim()
    article = claim.article
    draft = ClaimFactory(article=article, start=claim.end + 3, end=claim.end + 9)
    public_before = _get(anon, article)
    desk_before = _get(as_editor, article)
    assert [c["id"] for c in public_before.json()["results"]] == [claim.pk]

    publication = Publication.objects.create(
        claim=draft, rating="false", rationale="R", editor=editor, published_at=timezone.now()
    )
    Claim.objects.filter(pk=draft.pk).update(
        status=Claim.Status.PUBLISHED, rating="false", published_by=editor,
        published_at=publication.published_at,
    )  # fmt: skip

    public_after = _get(anon, article, if_none_match=public_before["ETag"])
    desk_after = _get(as_editor, article, if_none_match=desk_before["ETag"])
    assert public_after.status_code == desk_after.status_code == 200
    assert {c["id"] for c in public_after.json()["results"]} == {claim.pk, draft.pk}


def test_each_desk_viewer_has_their_own_rendering(as_reviewer, as_other, reviewer):
    """Blind review: a reviewer who has not rated the claim must not be served the
    rendering kept for one who has (it shows the other verdicts)."""
    article = ArticleFactory()
    claim = ClaimFactory(article=article)
    VerdictFactory(claim=claim, reviewer=reviewer)
    VerdictFactory(claim=claim)

    mine = _get(as_reviewer, article)
    theirs = _get(as_other, article)
    _get(as_reviewer, article)

    assert len(mine.json()["results"][0]["verdicts"]) == 2
    assert theirs.json()["results"][0]["verdicts"] == []
    assert theirs["ETag"] != mine["ETag"]
    assert _get(as_other, article, if_none_match=mine["ETag"]).status_code == 200


def test_the_public_never_gets_the_desks_rendering(anon, as_reviewer):
    claim = published_claim()
    ClaimFactory(article=claim.article, start=claim.end + 2, end=claim.end + 8)
    desk = _get(as_reviewer, claim.article)
    _get(as_reviewer, claim.article)

    public = _get(anon, claim.article, if_none_match=desk["ETag"])

    assert public.status_code == 200
    assert len(public.json()["results"]) == 1 < len(desk.json()["results"])
    assert public.json()["results"][0]["created_by"] is None


def test_a_role_change_is_a_new_rendering(article):
    from rest_framework.test import APIClient

    user = UserFactory(role="reviewer")
    client = APIClient()
    client.force_authenticate(user)
    before = _get(client, article)
    assign_role(user, "editor")
    user.refresh_from_db()
    client.force_authenticate(get_user_model().objects.get(pk=user.pk))

    assert _get(client, article, if_none_match=before["ETag"]).status_code == 200


def test_pages_and_page_sizes_are_kept_apart(as_reviewer):
    article = ArticleFactory()
    for k in range(3):
        ClaimFactory(article=article, start=k * 30, end=k * 30 + 10)

    one = as_reviewer.get(_url(article) + "?page_size=1").json()
    two = as_reviewer.get(_url(article) + "?page_size=1&page=2").json()
    everything = as_reviewer.get(_url(article)).json()
    again = as_reviewer.get(_url(article) + "?page_size=1&page=2").json()

    assert one["results"] != two["results"] == again["results"]
    assert len(everything["results"]) == 3


def test_an_empty_list_and_a_missing_article_are_not_kept(as_reviewer):
    article = ArticleFactory()
    assert as_reviewer.get(_url(article)).json()["results"] == []
    assert "ETag" not in as_reviewer.get(_url(article))
    assert as_reviewer.get("/api/v1/articles/987654321/claims/").status_code == 404


def test_switched_off_nothing_is_kept(as_reviewer, article, settings):
    settings.FACTCHECK_CLAIM_LIST_CACHE_BYTES = 0

    response = _get(as_reviewer, article)

    assert "ETag" not in response
    assert response.json()["results"]


def test_public_tags_do_not_show_desk_activity(anon, editor):
    """Verdicts, assignments and sign-ins are the desk's: none may move a public ETag."""
    claim = published_claim()
    tag = _get(anon, claim.article)["ETag"]

    VerdictFactory(claim=claim)
    AssignmentFactory(claim=claim)
    get_user_model().objects.filter(pk=claim.created_by_id).update(last_login=timezone.now())

    assert _get(anon, claim.article, if_none_match=tag).status_code == 304


def test_a_sign_in_does_not_move_the_desks_tag_but_a_rename_does(as_reviewer, article):
    tag = _get(as_reviewer, article)["ETag"]
    author = get_user_model().objects.filter(pk=_claim(article).created_by_id)

    author.update(last_login=timezone.now())
    assert _get(as_reviewer, article, if_none_match=tag).status_code == 304
    author.update(username="renamed-author")
    assert _get(as_reviewer, article, if_none_match=tag).status_code == 200


def test_only_plain_page_addresses_are_kept(as_reviewer, article):
    """Other parameters are echoed in the page's links: each would be an entry of its own."""
    assert "ETag" in _get(as_reviewer, article)
    response = as_reviewer.get(_url(article) + "?page_size=1&utm_source=" + "x" * 2000)
    assert response.status_code == 200
    assert "ETag" not in response


def test_kept_renderings_stay_within_their_bytes():
    lists = claim_list_cache.RenderedLists(max_bytes=10_000)
    for n in range(100):
        lists.put((n, "public", "https://example.org/" + "p" * 100, "application/json"),
                  f'"{n}"', b"x" * 500)  # fmt: skip

    assert lists._bytes <= 10_000
    assert lists.get((99, "public", "https://example.org/" + "p" * 100, "application/json"))
    assert lists.get((0, "public", "https://example.org/" + "p" * 100, "application/json")) is None
    lists.put(("huge",), '"h"', b"x" * 5_000)  # over a quarter of the budget: not kept
    assert lists.get(("huge",)) is None
