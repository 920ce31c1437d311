"""Issue 8, point 2: a delete never takes rows the caller could not delete themselves.

A reviewer who added an article cannot delete it while it holds other people's
claims, sources or verdicts; a claim's author cannot delete it in review with
another reviewer's verdict on it. The answer is a 409 counting what blocks it,
with nothing deleted; an editor's delete (the table's "cascade" cell) takes
them along, each recorded. The history of a deleted claim stays readable to the
desk. The admin follows the same rule (services.deletion).
"""

import pytest
from django.contrib.auth.models import Permission

from annotations.models import Claim, Source, Verdict
from articles.models import Article
from history.models import HistoryEntry
from tests.factories import (
    ArticleFactory,
    AssignmentFactory,
    ClaimFactory,
    SourceFactory,
    UserFactory,
    VerdictFactory,
)
from tests.workflow.helpers import stored_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_article(reviewer, other_reviewer):
    """Rita's article: her claim (with Omar's source and verdict) and Omar's claim."""
    article = ArticleFactory(created_by=reviewer)
    mine = ClaimFactory(article=article, created_by=reviewer, start=0, end=4)
    SourceFactory(claim=mine, added_by=other_reviewer)
    VerdictFactory(claim=mine, reviewer=other_reviewer)
    VerdictFactory(claim=mine, reviewer=reviewer)
    ClaimFactory(article=article, created_by=other_reviewer, start=10, end=20)
    return article


def test_reviewer_cannot_delete_an_article_with_others_rows(as_reviewer, busy_article):
    before = stored_state()

    response = as_reviewer.delete(f"/api/v1/articles/{busy_article.pk}/")

    assert response.status_code == 409, response.content
    body = response.json()
    assert body["code"] == "delete_blocked"
    assert body["blocked_by"] == {"claims": 1, "sources": 1, "verdicts": 1}
    assert "1 claims" in body["detail"]
    assert body["article"] == [body["detail"]]
    assert stored_state() == before


def test_editor_deletes_the_article_with_everything_recorded(as_editor, busy_article, editor):
    claim_ids = list(busy_article.claims.values_list("pk", flat=True))

    response = as_editor.delete(f"/api/v1/articles/{busy_article.pk}/")

    assert response.status_code == 204, response.content
    assert not Article.objects.filter(pk=busy_article.pk).exists()
    assert not Claim.objects.filter(pk__in=claim_ids).exists()
    deleted = HistoryEntry.objects.filter(action="delete", actor=editor)
    assert sorted(deleted.values_list("object_type", flat=True)) == [
        "article", "claim", "claim", "source", "verdict", "verdict",
    ]  # fmt: skip


def test_author_cannot_delete_a_claim_in_review_with_anothers_verdict(
    as_reviewer, reviewer, other_reviewer
):
    claim = ClaimFactory(created_by=reviewer, status="in_review")
    VerdictFactory(claim=claim, reviewer=other_reviewer)
    before = stored_state()

    response = as_reviewer.delete(f"/api/v1/claims/{claim.pk}/")

    assert response.status_code == 409, response.content
    assert response.json()["blocked_by"] == {"verdicts": 1}
    assert stored_state() == before


def test_author_cannot_delete_a_claim_with_an_editors_assignment(
    as_reviewer, reviewer, other_reviewer
):
    claim = ClaimFactory(created_by=reviewer, status="in_review")
    AssignmentFactory(claim=claim, reviewer=other_reviewer)

    response = as_reviewer.delete(f"/api/v1/claims/{claim.pk}/")

    assert response.status_code == 409
    assert response.json()["blocked_by"] == {"assignments": 1}


def test_author_deletes_their_claim_with_their_own_parts(as_reviewer, reviewer):
    claim = ClaimFactory(created_by=reviewer)
    SourceFactory(claim=claim, added_by=reviewer)
    VerdictFactory(claim=claim, reviewer=reviewer)

    assert as_reviewer.delete(f"/api/v1/claims/{claim.pk}/").status_code == 204
    assert not Source.objects.exists()
    assert not Verdict.objects.exists()


def test_reviewer_deletes_their_article_with_their_own_claims(as_reviewer, reviewer):
    article = ArticleFactory(created_by=reviewer)
    ClaimFactory(article=article, created_by=reviewer)

    assert as_reviewer.delete(f"/api/v1/articles/{article.pk}/").status_code == 204
    assert not Claim.objects.exists()


def test_editor_deletes_a_claim_with_others_verdicts(as_editor, reviewer, other_reviewer):
    claim = ClaimFactory(created_by=reviewer, status="in_review")
    VerdictFactory(claim=claim, reviewer=other_reviewer)

    assert as_editor.delete(f"/api/v1/claims/{claim.pk}/").status_code == 204
    assert not Claim.objects.filter(pk=claim.pk).exists()


# --- the history of a deleted claim --------------------------------------------------------


@pytest.fixture
def deleted_claim(as_editor, reviewer, other_reviewer):
    claim = ClaimFactory(created_by=reviewer, status="in_review")
    as_reviewer_verdict = VerdictFactory(claim=claim, reviewer=other_reviewer)
    HistoryEntry.objects.create(
        object_type="verdict", object_id=as_reviewer_verdict.pk, claim_id=claim.pk,
        action="create", actor=other_reviewer, changes={"rating": [None, "false"]},
    )  # fmt: skip
    assert as_editor.delete(f"/api/v1/claims/{claim.pk}/").status_code == 204
    return claim.pk


def test_history_of_a_deleted_claim_stays_readable_to_the_desk(
    as_editor, as_other, as_reviewer, deleted_claim
):
    url = f"/api/v1/claims/{deleted_claim}/history/"
    editor_view = as_editor.get(url)
    assert editor_view.status_code == 200, editor_view.content
    entries = editor_view.json()
    assert entries[-1]["object_type"] == "claim"
    assert entries[-1]["action"] == "delete"
    assert {e["object_type"] for e in entries} == {"verdict", "claim"}
    # Omar rated it, so he sees the verdict rows; Rita never did: blind review holds.
    assert any(e["object_type"] == "verdict" for e in as_other.get(url).json())
    rita_view = as_reviewer.get(url)
    assert rita_view.status_code == 200
    assert [e["object_type"] for e in rita_view.json()] == ["claim"]


def test_history_of_a_deleted_claim_is_not_public(anon, deleted_claim):
    assert anon.get(f"/api/v1/claims/{deleted_claim}/history/").status_code == 401


@pytest.mark.parametrize("pk", ["999999", "9223372036854775808", "abc"])
def test_history_of_a_claim_that_never_was_is_a_404(as_editor, pk):
    assert as_editor.get(f"/api/v1/claims/{pk}/history/").status_code == 404


# --- the admin ------------------------------------------------------------------------------


@pytest.fixture
def rita_admin(client, reviewer):
    """Rita in the admin, even granted Django's delete rights (roles never hold them):
    the permission table and the deletion rule still decide."""
    reviewer.is_staff = True
    reviewer.save()
    reviewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["delete_claim", "delete_verdict",
                                                 "delete_source", "delete_assignment"])
    )  # fmt: skip
    client.force_login(reviewer)
    return client


def test_admin_refuses_the_reviewers_cascading_delete(rita_admin, reviewer, other_reviewer):
    claim = ClaimFactory(created_by=reviewer, status="in_review")
    VerdictFactory(claim=claim, reviewer=other_reviewer)
    url = f"/admin/annotations/claim/{claim.pk}/delete/"
    before = stored_state()

    assert rita_admin.get(url).status_code == 403
    assert rita_admin.post(url, {"post": "yes"}).status_code == 403
    bulk = rita_admin.post(
        "/admin/annotations/claim/",
        {"action": "delete_selected", "_selected_action": [claim.pk], "post": "yes"},
    )
    assert bulk.status_code == 403
    assert stored_state() == before


def test_admin_lets_the_reviewer_delete_a_claim_of_their_own(rita_admin, reviewer):
    claim = ClaimFactory(created_by=reviewer)
    VerdictFactory(claim=claim, reviewer=reviewer)
    url = f"/admin/annotations/claim/{claim.pk}/delete/"

    assert rita_admin.get(url).status_code == 200
    assert rita_admin.post(url, {"post": "yes"}).status_code == 302
    assert not Claim.objects.filter(pk=claim.pk).exists()


def test_admin_shows_the_cascade_and_stays_within_the_table(client, reviewer, other_reviewer):
    """The admin's confirmation page lists what would go; it deletes only rows the user may
    delete one by one: others' sources for an editor, but never another's verdict."""
    editor = UserFactory(role="editor", is_staff=True, is_superuser=True)
    client.force_login(editor)
    claim = ClaimFactory(created_by=reviewer)
    SourceFactory(claim=claim, added_by=other_reviewer, title="Their report")
    rated = ClaimFactory(created_by=reviewer, start=30, end=40)
    VerdictFactory(claim=rated, reviewer=other_reviewer)

    confirm = client.get(f"/admin/annotations/claim/{claim.pk}/delete/")
    assert confirm.status_code == 200
    assert "Their report" in confirm.content.decode()
    assert (
        client.post(f"/admin/annotations/claim/{claim.pk}/delete/", {"post": "yes"}).status_code
        == 302
    )
    assert not Claim.objects.filter(pk=claim.pk).exists()

    before = stored_state()
    assert (
        client.post(f"/admin/annotations/claim/{rated.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert stored_state() == before
