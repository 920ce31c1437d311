"""The admin's claim pages: the issue's "Done when" as the demo editor would do it."""

import re

import pytest
from django.core.management import call_command

from annotations.models import Claim, Source, Verdict
from articles.models import Article
from history.models import HistoryEntry
from tests.factories import UserFactory

QUOTE = "five officers that died"


@pytest.fixture
def demo_editor_client(client, db, monkeypatch):
    monkeypatch.setenv("FACTCHECK_DEMO_EDITOR_PASSWORD", "demo editor password 1")
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert client.login(username="editor", password="demo editor password 1")
    return client


def inline_management(prefix: str, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_demo_editor_marks_a_claim_by_quote_then_adds_a_source_and_a_verdict(
    demo_editor_client,
):
    article = Article.objects.get(text__contains=QUOTE)
    response = demo_editor_client.post(
        "/admin/annotations/claim/add/",
        {"article": article.pk, "quote": QUOTE, "statement": "Five officers died.",
         "claimant": "The article", "prefix": "", "suffix": "", "start": "", "end": ""},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    claim = Claim.objects.get()
    assert claim.quote == QUOTE
    assert article.text[claim.start : claim.end] == QUOTE

    change = f"/admin/annotations/claim/{claim.pk}/change/"
    assert demo_editor_client.get(change).status_code == 200
    response = demo_editor_client.post(change, {
        "statement": "Five officers died.", "claimant": "The article",
        **inline_management("sources", total=1), **inline_management("verdicts", total=1),
        **inline_management("publications"),
        "sources-0-url": "https://www.uscp.gov/", "sources-0-title": "Capitol Police",
        "sources-0-publisher": "USCP", "sources-0-stance": "refutes",
        "sources-0-excerpt": "One officer died of injuries sustained that day.",
        "sources-0-published_at_0": "", "sources-0-published_at_1": "",
        "verdicts-0-rating": "mostly-false", "verdicts-0-rationale": "One died that day.",
    })  # fmt: skip
    assert response.status_code == 302, _errors(response)
    source, verdict = Source.objects.get(), Verdict.objects.get()
    assert (source.claim, source.added_by.username) == (claim, "editor")
    assert (verdict.claim, verdict.reviewer.username, verdict.rating) == (
        claim, "editor", "mostly-false",
    )  # fmt: skip
    history = HistoryEntry.objects.filter(claim_id=claim.pk)
    actions = set(history.values_list("object_type", "action"))
    assert {("claim", "create"), ("source", "create"), ("verdict", "create")} <= actions


def test_admin_refuses_a_quote_that_is_not_in_the_article(demo_editor_client):
    article = Article.objects.get(text__contains=QUOTE)
    response = demo_editor_client.post(
        "/admin/annotations/claim/add/",
        {"article": article.pk, "quote": "six officers that died", "prefix": "", "suffix": "",
         "start": "", "end": "", "statement": "", "claimant": ""},
    )  # fmt: skip
    assert response.status_code == 200
    assert "does not occur in the article" in response.content.decode()
    assert Claim.objects.count() == 0


def test_published_claims_cannot_be_deleted_in_the_admin(client, db):
    from tests.factories import PublicationFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    claim = PublicationFactory().claim
    response = client.post(f"/admin/annotations/claim/{claim.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_editor_cannot_change_another_reviewers_verdict_in_the_admin(client, db):
    from tests.factories import VerdictFactory

    verdict = VerdictFactory(rating="false")
    client.force_login(UserFactory(is_staff=True, is_superuser=False, role="editor"))
    response = client.post(
        f"/admin/annotations/verdict/{verdict.pk}/change/",
        {"rating": "true", "rationale": "Overruled."},
    )
    assert response.status_code == 403
    verdict.refresh_from_db()
    assert verdict.rating == "false"


def test_own_verdict_changed_in_the_admin_is_recorded(client, db):
    from tests.factories import VerdictFactory

    verdict = VerdictFactory(rating="false")
    verdict.reviewer.is_staff = True
    verdict.reviewer.save()
    client.force_login(verdict.reviewer)
    response = client.post(
        f"/admin/annotations/verdict/{verdict.pk}/change/",
        {"rating": "true", "rationale": "Second look."},
    )
    assert response.status_code == 302
    entry = HistoryEntry.objects.get(object_type="verdict", action="update")
    assert entry.changes["rating"] == ["false", "true"]


def _errors(response) -> str:
    return " | ".join(
        re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    )
