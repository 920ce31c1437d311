"""The admin follows the permission table and blind review, like the API.

Demo accounts are staff, and reviewers hold the admin's view/add/change rights
on articles, claims, sources and verdicts (accounts.roles), so the admin must
not show or offer what the API refuses.
"""

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from annotations import permissions, services
from annotations.models import Claim, Source, Verdict
from articles.models import Article
from tests.annotations.test_admin import _errors, inline_management
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, UserFactory, VerdictFactory
from tests.workflow.helpers import claim_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def rita(reviewer):
    reviewer.is_staff = True
    reviewer.save()
    return reviewer


@pytest.fixture
def rita_admin(client, rita):
    client.force_login(rita)
    return client


def changelist_ids(client, model: str) -> set[int]:
    response = client.get(f"/admin/{model}/")
    assert response.status_code == 200
    return {row.pk for row in response.context["cl"].result_list}


def inline_verdict_ids(client, claim) -> set[int]:
    response = client.get(f"/admin/annotations/claim/{claim.pk}/change/")
    assert response.status_code == 200
    (formset,) = [
        inline.formset for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Verdict
    ]  # fmt: skip
    return {form.instance.pk for form in formset.initial_forms}


# --- blind review (finding: the admin listed every verdict) ---------------------------------


@pytest.mark.parametrize("status", ["draft", "in_review"])
def test_verdict_admin_keeps_blind_review(rita_admin, rita, other_reviewer, status):
    claim = ClaimFactory(status=status)
    theirs = VerdictFactory(claim=claim, reviewer=other_reviewer, rating="true")

    assert changelist_ids(rita_admin, "annotations/verdict") == set()
    assert inline_verdict_ids(rita_admin, claim) == set()
    hidden = rita_admin.get(f"/admin/annotations/verdict/{theirs.pk}/change/")
    assert hidden.status_code == 302  # "doesn't exist", as for any row out of the queryset

    mine = VerdictFactory(claim=claim, reviewer=rita, rating="false")

    assert changelist_ids(rita_admin, "annotations/verdict") == {theirs.pk, mine.pk}
    assert inline_verdict_ids(rita_admin, claim) == {theirs.pk, mine.pk}


def test_verdict_admin_shows_published_verdicts_and_editors_see_all(client, editor, rita_admin):
    published = claim_in("published")
    in_review = claim_in("in_review")
    on_published, on_review = VerdictFactory(claim=published), VerdictFactory(claim=in_review)

    assert changelist_ids(rita_admin, "annotations/verdict") == {on_published.pk}
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    assert changelist_ids(client, "annotations/verdict") == {on_published.pk, on_review.pk}


# --- the permission table decides what may change (finding: any article was editable) ------


ARTICLE_FORM = {
    "title": "Taken over", "url": "", "publisher": "", "byline": "", "published_at_0": "",
    "published_at_1": "", "language": "en", "text": "Mine.",
}  # fmt: skip


def test_reviewer_cannot_change_someone_elses_article_in_the_admin(rita_admin, other_reviewer):
    article = ArticleFactory(created_by=other_reviewer, title="Theirs")
    url = f"/admin/articles/article/{article.pk}/change/"

    page = rita_admin.get(url)
    response = rita_admin.post(url, ARTICLE_FORM)

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False  # shown read-only, no form
    assert response.status_code == 403
    article.refresh_from_db()
    assert (article.title, article.version) == ("Theirs", 1)


def test_reviewer_changes_their_own_article_in_the_admin(rita_admin, rita):
    article = ArticleFactory(created_by=rita, title="Mine")

    response = rita_admin.post(f"/admin/articles/article/{article.pk}/change/", ARTICLE_FORM)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Taken over"


@pytest.mark.parametrize(
    ("model", "make", "data"),
    [
        ("annotations/claim", lambda owner: ClaimFactory(created_by=owner),
         {"statement": "Taken over.", "claimant": "", **inline_management("sources"),
          **inline_management("verdicts"), **inline_management("publications")}),
        ("annotations/source", lambda owner: SourceFactory(added_by=owner),
         {"url": "https://example.org/taken", "title": "", "publisher": "", "excerpt": "",
          "stance": "context", "published_at_0": "", "published_at_1": ""}),
        ("annotations/verdict", lambda owner: VerdictFactory(reviewer=owner),
         {"rating": "true", "rationale": "Taken over."}),
    ],
)  # fmt: skip
def test_others_rows_are_read_only_in_the_admin(rita_admin, rita, other_reviewer, model, make,
                                                data):  # fmt: skip
    row = make(other_reviewer)
    if model == "annotations/verdict":
        VerdictFactory(claim=row.claim, reviewer=rita)  # so blind review shows it to her
    url = f"/admin/{model}/{row.pk}/change/"

    page = rita_admin.get(url)
    response = rita_admin.post(url, data)

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert response.status_code == 403
    assert type(row).objects.get(pk=row.pk).version == 1


def test_has_change_and_delete_permission_follow_the_table(rita, other_reviewer):
    request = RequestFactory().get("/admin/")
    request.user = rita
    rows = {
        Article: (ArticleFactory(created_by=rita), ArticleFactory(created_by=other_reviewer)),
        Claim: (ClaimFactory(created_by=rita), ClaimFactory(created_by=other_reviewer)),
        Source: (SourceFactory(added_by=rita), SourceFactory(added_by=other_reviewer)),
        Verdict: (VerdictFactory(reviewer=rita), VerdictFactory(reviewer=other_reviewer)),
    }
    for model, (own, others) in rows.items():
        model_admin = site._registry[model]
        assert model_admin.has_change_permission(request, own), model
        assert not model_admin.has_change_permission(request, others), model
        # Reviewers hold no Django delete right at all (accounts.roles), own rows included.
        assert not model_admin.has_delete_permission(request, own), model


# --- the published record in the admin --------------------------------------------------------


def test_published_claims_offer_no_edits_to_their_record(client, editor):
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    claim = ClaimFactory(status="in_review")
    source = SourceFactory(claim=claim)
    services.publish_claim(claim=claim, editor=editor, rating="false", rationale="No.")

    page = client.get(f"/admin/annotations/claim/{claim.pk}/change/")
    source_page = client.get(f"/admin/annotations/source/{source.pk}/change/")

    assert "statement" not in page.context["adminform"].form.fields
    (sources,) = [i for i in page.context["inline_admin_formsets"] if i.formset.model is Source]
    assert (sources.has_add_permission, sources.has_change_permission,
            sources.has_delete_permission) == (False, False, False)  # fmt: skip
    assert source_page.context["has_change_permission"] is False


def test_own_verdict_on_a_published_claim_is_saved_from_the_claim_page(client, editor):
    """Saving the page must not touch the frozen claim fields (a 409 from the service)."""
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    claim = ClaimFactory(status="in_review")
    SourceFactory(claim=claim)
    services.publish_claim(claim=claim, editor=editor, rating="false", rationale="No.")

    source = claim.sources.get()
    response = client.post(f"/admin/annotations/claim/{claim.pk}/change/", {
        "statement": claim.statement, "claimant": claim.claimant,
        **inline_management("sources", total=1, initial=1),
        "sources-0-id": source.pk, "sources-0-claim": claim.pk, "sources-0-url": source.url,
        "sources-0-stance": source.stance, "sources-0-title": source.title,
        "sources-0-publisher": source.publisher, "sources-0-excerpt": source.excerpt,
        "sources-0-published_at_0": "", "sources-0-published_at_1": "",
        **inline_management("verdicts", total=1), **inline_management("publications", 1, 1),
        "publications-0-id": claim.publications.get().pk, "publications-0-claim": claim.pk,
        "verdicts-0-rating": "false", "verdicts-0-rationale": "Agreed after the fact.",
    })  # fmt: skip

    assert response.status_code == 302, _errors(response)
    assert Verdict.objects.get().reviewer == editor


# --- deleting: all or nothing, with the right cell ---------------------------------------------


def _admin_request(user):
    request = RequestFactory().post("/admin/")
    request.user = user
    return request


def test_deleting_a_selection_is_all_or_nothing(db):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    own = VerdictFactory(reviewer=superuser)
    others = VerdictFactory()  # nobody deletes another reviewer's verdict, admins included
    selection = Verdict.objects.filter(pk__in=[own.pk, others.pk]).order_by("pk")

    with pytest.raises(PermissionDenied):
        site._registry[Verdict].delete_queryset(_admin_request(superuser), selection)

    assert set(Verdict.objects.values_list("pk", flat=True)) == {own.pk, others.pk}


def test_deleting_a_selection_refused_by_a_service_deletes_nothing(db, editor):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    draft_source = SourceFactory()
    published = ClaimFactory(status="in_review")
    frozen_source = SourceFactory(claim=published)
    services.publish_claim(claim=published, editor=editor, rating="false", rationale="No.")
    selection = Source.objects.filter(pk__in=[draft_source.pk, frozen_source.pk]).order_by("pk")

    with pytest.raises(PermissionDenied):
        site._registry[Source].delete_queryset(_admin_request(superuser), selection)

    assert Source.objects.count() == 2


def test_deleting_articles_is_all_or_nothing(db, editor):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    plain = ArticleFactory()
    published = ClaimFactory(status="in_review")
    SourceFactory(claim=published)
    services.publish_claim(claim=published, editor=editor, rating="false", rationale="No.")
    selection = Article.objects.filter(pk__in=[plain.pk, published.article_id]).order_by("pk")

    with pytest.raises(PermissionDenied):
        site._registry[Article].delete_queryset(_admin_request(superuser), selection)

    assert Article.objects.count() == 2


def test_inline_deletions_are_checked_with_the_delete_cell(client, monkeypatch):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    claim = ClaimFactory()
    mine = VerdictFactory(claim=claim, reviewer=superuser)
    # A table where one may edit one's verdict but not delete it.
    monkeypatch.setitem(permissions.PERMISSIONS["verdict"], "delete",
                        dict.fromkeys(permissions.PERMISSIONS["verdict"]["delete"],
                                      permissions.NONE))  # fmt: skip
    client.force_login(superuser)

    response = client.post(f"/admin/annotations/claim/{claim.pk}/change/", {
        "statement": "", "claimant": "",
        **inline_management("sources"), **inline_management("publications"),
        **inline_management("verdicts", total=1, initial=1),
        "verdicts-0-id": mine.pk, "verdicts-0-claim": claim.pk, "verdicts-0-rating": mine.rating,
        "verdicts-0-rationale": mine.rationale, "verdicts-0-DELETE": "on",
    })  # fmt: skip

    assert response.status_code == 403
    assert Verdict.objects.filter(pk=mine.pk).exists()
