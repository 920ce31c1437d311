"""The review queue and the public fact-check page, without a browser."""

import json
import re

import pytest
from django.utils.html import escape

from annotations import services
from annotations.factchecks import sentence_around
from annotations.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db

XSS = "</script><script>alert(1)</script>"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def desk(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def editors_desk(client, editor):
    """Editors see every verdict, so blind review plays no part (see test_queue_keeps_...)."""
    client.force_login(editor)
    return client


def publish(claim, editor, *, rating="false", rationale="Records contradict it."):
    if not claim.sources.exists():
        SourceFactory(claim=claim)
    services.submit_claim(claim=claim, actor=editor)
    return services.publish_claim(claim=claim, editor=editor, rating=rating, rationale=rationale)


# --- queue ----------------------------------------------------------------------------


def queue_reasons(client, **params) -> dict[int, str]:
    response = client.get("/claims/", params)
    assert response.status_code == 200
    return {row["claim"].pk: row["reason"] for row in response.context["rows"]}


def test_queue_lists_claims_needing_review_with_the_reason(editors_desk, editor):
    unrated = ClaimFactory()
    disputed = ClaimFactory()
    VerdictFactory(claim=disputed, rating="true")
    VerdictFactory(claim=disputed, rating="false")
    agreed = ClaimFactory()
    VerdictFactory(claim=agreed, rating="false")
    published = publish(ClaimFactory(), editor)
    reasons = queue_reasons(editors_desk)
    assert reasons == {
        unrated.pk: "needs-verdict",
        disputed.pk: "disputed",
        agreed.pk: "awaiting-publication",
    }
    assert published.pk not in reasons


def test_queue_filters_by_review_step_status_and_rating(editors_desk, editor):
    unrated = ClaimFactory()
    agreed = ClaimFactory()
    VerdictFactory(claim=agreed, rating="mostly-true")
    published = publish(ClaimFactory(), editor, rating="misleading")
    desk = editors_desk
    assert set(queue_reasons(desk, review="needs-verdict")) == {unrated.pk}
    assert set(queue_reasons(desk, rating="mostly-true")) == {agreed.pk}
    assert set(queue_reasons(desk, status="published")) == {published.pk}
    assert set(queue_reasons(desk, status="published", rating="misleading")) == {published.pk}
    assert set(queue_reasons(desk, rating="bogus")) == {unrated.pk, agreed.pk}  # ignored


@pytest.mark.parametrize("n_claims", [1, 30])
@pytest.mark.parametrize("params", [{}, {"agreement": "conflict", "rating": "true"}])
def test_queue_query_count_does_not_grow(
    client, reviewer, other_reviewer, editor, django_assert_max_num_queries, n_claims, params
):
    article = ArticleFactory()
    for claim in ClaimFactory.create_batch(n_claims, article=article):
        VerdictFactory(claim=claim, reviewer=other_reviewer, rating="true")
        VerdictFactory(claim=claim, reviewer=editor, rating="false")
        VerdictFactory(claim=claim, reviewer=reviewer, rating="half-true")
        services.submit_claim(claim=claim, actor=editor)
        services.assign_reviewers(claim=claim, editor=editor, usernames=["rita"])
    client.force_login(reviewer)
    # session, user, user's groups, page count, one page of claims joined to their
    # article with verdict counts, blind review and assignment annotated, prefetched
    # verdicts; with ?agreement=, the verdicts once more to judge agreement
    with django_assert_max_num_queries(7 if params else 6):
        response = client.get("/claims/", params)
    assert len(response.context["rows"]) == n_claims


def test_queue_lists_claims_assigned_to_the_user_first(desk, editor):
    older = ClaimFactory()
    assigned = ClaimFactory()
    assigned_to_someone_else = ClaimFactory()
    services.assign_reviewers(claim=assigned, editor=editor, usernames=["rita"])
    services.assign_reviewers(claim=assigned_to_someone_else, editor=editor, usernames=["edna"])
    response = desk.get("/claims/")
    assert [row["claim"].pk for row in response.context["rows"]] == [
        assigned.pk, older.pk, assigned_to_someone_else.pk,
    ]  # fmt: skip
    content = response.content.decode()
    assert content.count("Assigned to you") == 1
    assert content.index("Assigned to you") < content.index(f"#claim-{assigned.pk}")


def queue_agreement(client, **params) -> dict[int, str]:
    response = client.get("/claims/", params)
    return {row["claim"].pk: row["agreement"]["value"] for row in response.context["rows"]}


def test_queue_shows_agreement_in_words_and_filters_by_it(editors_desk, other_reviewer, reviewer):
    conflict, adjacent, agree = ClaimFactory(), ClaimFactory(), ClaimFactory()
    for claim, ratings in ((conflict, ("true", "false")), (adjacent, ("true", "mostly-true")),
                           (agree, ("false", "false"))):  # fmt: skip
        VerdictFactory(claim=claim, reviewer=other_reviewer, rating=ratings[0])
        VerdictFactory(claim=claim, reviewer=reviewer, rating=ratings[1])
    single = ClaimFactory()
    VerdictFactory(claim=single)
    assert queue_agreement(editors_desk) == {
        conflict.pk: "conflict", adjacent.pk: "adjacent", agree.pk: "agree", single.pk: "none",
    }  # fmt: skip
    assert set(queue_agreement(editors_desk, agreement="conflict")) == {conflict.pk}
    assert set(queue_agreement(editors_desk, agreement="adjacent")) == {adjacent.pk}
    content = editors_desk.get("/claims/", {"agreement": "conflict"}).content.decode()
    assert '<option value="conflict" selected>Reviewers disagree</option>' in content
    assert 'data-agreement="conflict">Reviewers disagree</span>' in content


@pytest.mark.parametrize("status", ["draft", "in_review"])
def test_queue_keeps_blind_review(desk, reviewer, other_reviewer, editor, status):
    """Before giving a verdict, a reviewer learns nothing of the others' from the queue."""
    claim = ClaimFactory()
    VerdictFactory(claim=claim, reviewer=other_reviewer, rating="true", rationale="Omar's.")
    VerdictFactory(claim=claim, reviewer=editor, rating="false")
    if status == "in_review":
        services.submit_claim(claim=claim, actor=editor)

    response = desk.get("/claims/")
    [row] = response.context["rows"]
    assert row["reason"] == "needs-verdict"
    assert (row["verdicts"], row["agreement"]["value"]) == ([], "none")
    content = response.content.decode()
    assert "Blind review" in content
    assert 'data-rating="true"' not in content
    for hint in ({"agreement": "conflict"}, {"rating": "true"}, {"review": "disputed"}):
        assert queue_agreement(desk, **hint) == {}, hint

    VerdictFactory(claim=claim, reviewer=reviewer, rating="half-true")
    [row] = desk.get("/claims/").context["rows"]
    assert (row["reason"], len(row["verdicts"]), row["agreement"]["value"]) == (
        "disputed", 3, "conflict",
    )  # fmt: skip
    assert set(queue_agreement(desk, rating="true")) == {claim.pk}


def test_queue_shows_retracted_claims_as_retracted(desk, editor):
    claim = publish(ClaimFactory(), editor)
    services.retract_claim(claim=claim, editor=editor, note="Wrong article.")
    assert queue_agreement(desk) == {}  # left the queue
    content = desk.get("/claims/", {"status": "retracted"}).content.decode()
    assert 'class="queue-item is-retracted"' in content
    assert 'data-status="retracted">Retracted</span>' in content


def test_queue_escapes_claim_text(desk):
    article = ArticleFactory(text=f"Intro. {XSS} outro.")
    ClaimFactory(article=article, start=7, end=7 + len(XSS), statement=XSS, claimant=XSS)
    content = desk.get("/claims/").content.decode()
    assert XSS not in content
    assert escape(XSS) in content


# --- public fact-check page ---------------------------------------------------------------


def test_unpublished_claims_have_no_public_page(client, editor):
    draft = ClaimFactory()
    in_review = ClaimFactory()
    services.submit_claim(claim=in_review, actor=editor)
    assert client.get(f"/factchecks/{draft.pk}/").status_code == 404
    assert client.get(f"/factchecks/{in_review.pk}/").status_code == 404
    assert client.get("/factchecks/999999/").status_code == 404


def test_public_page_shows_the_published_verdict_to_anyone(client, editor):
    article = ArticleFactory(
        title="Parler suspended",
        publisher="Example News",
        url="https://news.example/parler",
        text="Intro sentence. Meanwhile the five officers that died were honoured. Outro.",
    )
    claim = ClaimFactory(article=article, start=30, end=53, statement="Five officers died.")
    assert claim.quote == "five officers that died"
    SourceFactory(claim=claim, title="Police report", excerpt="Only one died that day.")
    VerdictFactory(claim=claim, rating="true", rationale="A reviewer's private draft note.")
    publish(claim, editor, rating="mostly-false", rationale="One officer died that day.")

    response = client.get(f"/factchecks/{claim.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Mostly false" in content
    assert "One officer died that day." in content
    assert "Meanwhile the <mark" in content
    assert ">five officers that died</mark> were honoured." in content
    assert "Police report" in content
    assert "Only one died that day." in content
    assert 'href="https://news.example/parler"' in content
    # Nothing from the desk leaks: no individual verdicts, no reviewer names.
    assert "private draft note" not in content
    assert claim.created_by.username not in content
    assert editor.username not in content
    assert "nonce-" in response["Content-Security-Policy"]


def test_public_page_carries_claimreview_json_ld(client, editor):
    claim = ClaimFactory(statement="Five officers died.")
    publish(claim, editor, rating="false")
    response = client.get(f"/factchecks/{claim.pk}/")
    [block] = JSON_LD.findall(response.content.decode())
    data = json.loads(block)
    assert data["@type"] == "ClaimReview"
    assert data["claimReviewed"] == "Five officers died."
    assert data["reviewRating"]["alternateName"] == "False"
    assert data["url"] == f"http://testserver/factchecks/{claim.pk}/"


def test_payloads_are_inert_in_html_and_json_ld(client, editor):
    article = ArticleFactory(title=XSS, text=f"Before. {XSS} after.", publisher=XSS)
    claim = ClaimFactory(article=article, start=8, end=8 + len(XSS), statement=XSS, claimant=XSS)
    SourceFactory(claim=claim, title=XSS, excerpt=XSS, publisher=XSS)
    publish(claim, editor, rationale=XSS)
    content = client.get(f"/factchecks/{claim.pk}/").content.decode()
    assert XSS not in content
    assert "<script>alert(1)" not in content
    [block] = JSON_LD.findall(content)
    assert "<" not in block
    assert ">" not in block
    data = json.loads(block)
    assert data["claimReviewed"] == XSS  # still the same value once parsed


# --- pure helpers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        ("One. Two three four. Five.", "three", ("Two ", "three", " four.")),
        ("No end here", "end", ("No ", "end", " here")),
        ("Line one\nLine two claim here\nLine three", "claim", ("Line two ", "claim", " here")),
        (
            'He said "yes." Then 12 bridges fell! Later.',
            "12 bridges",
            ("Then ", "12 bridges", " fell!"),
        ),
    ],
)
def test_sentence_around(text, quote, expected):
    start = text.index(quote)
    assert sentence_around(text, start, start + len(quote)) == expected


def test_sentence_around_cuts_long_context():
    text = "x" * 1000 + " claim " + "y" * 1000
    before, _, after = sentence_around(text, 1001, 1006)
    assert before.startswith("…")
    assert after.endswith("…")
    assert len(before) <= 302
    assert len(after) <= 302


def test_claim_factory_status_default_is_draft():
    assert ClaimFactory().status == Claim.Status.DRAFT


@pytest.mark.parametrize("n_sources", [1, 10])
def test_public_page_query_count_does_not_grow(
    client, editor, django_assert_max_num_queries, n_sources
):
    claim = ClaimFactory()
    SourceFactory.create_batch(n_sources, claim=claim)
    publish(claim, editor)
    # the claim joined to its article, its sources, its publications
    with django_assert_max_num_queries(3):
        response = client.get(f"/factchecks/{claim.pk}/")
    assert response.status_code == 200


def test_retracted_fact_check_stays_readable_without_claimreview(client, editor):
    claim = publish(ClaimFactory(statement="Retract me."), editor)
    claim = services.retract_claim(claim=claim, editor=editor, note="The source was withdrawn.")
    response = client.get(f"/factchecks/{claim.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    retracted = claim.publications.get(kind="retraction").published_at
    assert '<p class="retraction-title" id="retraction-title">Retracted</p>' in content
    assert f'<time datetime="{retracted.isoformat()}">' in content
    assert "The source was withdrawn." in content
    assert "Retract me." in content  # the claim stays visible
    assert "Our verdict, now withdrawn" in content
    assert JSON_LD.findall(content) == []


def test_public_page_lists_dated_corrections_and_claimreview_has_the_corrected_rating(
    client, editor
):
    claim = publish(ClaimFactory(statement="Five officers died."), editor, rating="mostly-false")
    for rating, rationale, note in (
        ("false", "None died of injuries.", "Examiner's ruling."),
        ("misleading", "The count mixes causes.", "Second look."),
    ):
        services.correct_claim(
            claim=claim, editor=editor, rating=rating, rationale=rationale, note=note
        )
    response = client.get(f"/factchecks/{claim.pk}/")
    content = response.content.decode()
    corrections = response.context["corrections"]
    assert [(c["previous_rating"], c["rating"], c["note"]) for c in corrections] == [
        ("mostly-false", "false", "Examiner's ruling."),
        ("false", "misleading", "Second look."),
    ]
    for correction in corrections:
        assert f'<time datetime="{correction["date"].isoformat()}">' in content
    assert "rating changed from" in content
    assert "The count mixes causes." in content  # the current rationale
    [block] = JSON_LD.findall(content)
    data = json.loads(block)
    assert data["reviewRating"]["alternateName"] == "Misleading"
    assert data["dateModified"] >= data["datePublished"]
