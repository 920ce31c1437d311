"""/api/v1/claims/ and /api/v1/articles/{id}/claims/: anchoring, filters, visibility, edits."""

import pytest

from annotations.models import Claim, Source
from tests.api.helpers import iso, published_claim
from tests.factories import (
    ARTICLE_TEXT,
    ArticleFactory,
    ClaimFactory,
    SourceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/claims/"
QUOTE = "five officers that died"


def _detail(claim: Claim) -> str:
    return f"{URL}{claim.pk}/"


def _text_article():
    return ArticleFactory(text=ARTICLE_TEXT.strip())


def test_creates_claim_from_offsets(as_reviewer):
    article = _text_article()
    start = article.text.index(QUOTE)

    response = as_reviewer.post(
        URL,
        {
            "article": article.pk,
            "start": start,
            "end": start + len(QUOTE),
            "quote": QUOTE,
            "statement": "Five officers died.",
            "claimant": "Parler",
        },
    )

    assert response.status_code == 201, response.json()
    claim = Claim.objects.get()
    assert response.json() == {
        "id": claim.pk,
        "article": article.pk,
        "start": start,
        "end": start + len(QUOTE),
        "quote": QUOTE,
        "prefix": article.text[start - 32 : start],
        "suffix": article.text[start + len(QUOTE) : start + len(QUOTE) + 32],
        "revision": 1,
        "anchor_state": "anchored",
        "statement": "Five officers died.",
        "claimant": "Parler",
        "status": "draft",
        "rating": None,
        "created_by": "rita",
        "created_at": iso(claim.created_at),
        "updated_at": iso(claim.updated_at),
        "published_at": None,
        "published_by": None,
        "publications": [],
        "corrections": [],
        "agreement": "none",
        "assigned_to": [],
        "sources": [],
        "verdicts": [],
    }
    assert response["ETag"] == f'"claim-{claim.pk}-v1"'


def test_creates_claim_from_quote(as_reviewer):
    article = _text_article()

    response = as_reviewer.post(URL, {"article": article.pk, "quote": QUOTE})

    assert response.status_code == 201, response.json()
    assert response.json()["start"] == article.text.index(QUOTE)


def test_prefix_chooses_between_repeated_quotes(as_reviewer):
    article = ArticleFactory(text="The 56 officers. Later: the 56 officers again.")

    response = as_reviewer.post(
        URL, {"article": article.pk, "quote": "56 officers", "prefix": "Later: the "}
    )

    assert response.status_code == 201, response.json()
    assert response.json()["start"] == article.text.rindex("56 officers")


def test_converts_utf16_offsets_to_code_points(as_reviewer):
    article = ArticleFactory(text="🙂🙂 Crime fell by half.")
    # In UTF-16 each emoji is two units: "Crime" starts at unit 5, code point 3.

    response = as_reviewer.post(
        URL, {"article": article.pk, "start": 5, "end": 10, "offset_unit": "utf-16"}
    )

    assert response.status_code == 201, response.json()
    assert (response.json()["start"], response.json()["quote"]) == (3, "Crime")


@pytest.mark.parametrize(
    ("raw_offsets", "field"),
    [
        ('"start": 1e3, "end": 1010', "start"),
        ('"start": "5", "end": 10', "start"),
        ('"start": 5, "end": true', "end"),
        ('"start": null, "end": 10', "start"),
        ('"start": 5, "end": 9223372036854775808', "end"),
        ('"start": 5.0, "end": 10', "start"),
        ('"start": -1, "end": 10', "start"),
        ('"start": 10, "end": 10', "end"),
        ('"start": 10, "end": 5', "end"),
        ('"start": 0, "end": 100000', "end"),
        ('"start": 5', "end"),
        ('"start": 0, "end": 4, "quote": "nope"', "quote"),
        ('"quote": "not in the article"', "quote"),
        ('"quote": "officers"', "quote"),  # ambiguous: occurs twice
        ('"quote": ""', "quote"),
        ('"start": 1, "end": 3, "offset_unit": "utf-16"', "start"),  # splits the emoji
        ('"start": 0, "end": 2, "offset_unit": "bytes"', "offset_unit"),
        ('"quote": "officers", "status": "published"', "status"),
        ('"quote": "officers", "created_by": "edna"', "created_by"),
        ('"quote": "officers", "id": 1', "id"),
        ('"quote": "five", "statement": "a\\u0000b"', "statement"),
    ],
)
def test_rejects_bad_claim_input(as_reviewer, raw_offsets, field):
    article = ArticleFactory(text="🙂 " + ARTICLE_TEXT.strip())

    response = as_reviewer.post(
        URL, f'{{"article": {article.pk}, {raw_offsets}}}', content_type="application/json"
    )

    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert Claim.objects.count() == 0


@pytest.mark.parametrize("article", ["999999", "true", '"abc"', "null", "9223372036854775808"])
def test_rejects_unknown_article(as_reviewer, article):
    response = as_reviewer.post(
        URL, f'{{"article": {article}, "quote": "x"}}', content_type="application/json"
    )

    assert response.status_code == 400
    assert "article" in response.json()
    assert Claim.objects.count() == 0


def test_rejects_duplicate_span_naming_the_existing_claim(as_other):
    existing = ClaimFactory()

    response = as_other.post(
        URL, {"article": existing.article_id, "start": existing.start, "end": existing.end}
    )

    assert response.status_code == 409
    assert response.json()["existing_id"] == existing.pk
    assert Claim.objects.count() == 1


def test_create_needs_reviewer_role(anon, as_reviewer, django_user_model):
    article = _text_article()
    body = {"article": article.pk, "quote": QUOTE}
    as_reviewer.force_authenticate(django_user_model.objects.create_user("nobody"))

    assert anon.post(URL, body).status_code == 401
    assert as_reviewer.post(URL, body).status_code == 403
    assert Claim.objects.count() == 0


def test_lists_and_filters_claims(as_reviewer, reviewer, other_reviewer):
    # Not "Parler": ARTICLE_TEXT names it, so a quote (whose span depends on the factory
    # sequence, i.e. on which tests ran before) could match the search too.
    mine = ClaimFactory(created_by=reviewer, claimant="Zorblax Weekly")
    theirs = ClaimFactory(created_by=other_reviewer, statement="Crime fell")
    public = published_claim()

    def ids(query: str) -> list[int]:
        response = as_reviewer.get(URL + query)
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert set(ids("")) == {mine.pk, theirs.pk, public.pk}
    assert ids(f"?article={mine.article_id}") == [mine.pk]
    assert ids("?status=published") == [public.pk]
    assert ids("?rating=false") == [public.pk]
    assert ids("?created_by=rita") == [mine.pk]
    assert ids("?q=zorblax") == [mine.pk]
    assert ids("?q=crime FELL") == [theirs.pk]
    assert ids("?created_by__password__startswith=m") != []  # unknown filters are ignored


@pytest.mark.parametrize("query", ["status=secret", "rating=bogus", "article=abc"])
def test_rejects_invalid_filter_values(as_reviewer, query):
    response = as_reviewer.get(f"{URL}?{query}")

    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_anonymous_sees_published_claims_without_reviewer_verdicts(anon):
    public = published_claim()
    VerdictFactory(claim=public)
    draft = ClaimFactory()

    listed = anon.get(URL).json()
    detail = anon.get(_detail(public))

    assert [row["id"] for row in listed["results"]] == [public.pk]
    assert detail.status_code == 200
    assert detail.json()["verdicts"] == []
    assert detail.json()["rating"] == "false"
    assert len(detail.json()["sources"]) == 1
    assert anon.get(_detail(draft)).status_code == 404


def test_reviewer_sees_verdicts_on_claim(as_reviewer, reviewer):
    # Their own: blind review hides the others' until publication (test_blind_review).
    verdict = VerdictFactory(reviewer=reviewer)

    body = as_reviewer.get(_detail(verdict.claim)).json()

    assert body["verdicts"] == [
        {
            "id": verdict.pk,
            "claim": verdict.claim_id,
            "reviewer": verdict.reviewer.username,
            "rating": "mostly-false",
            "first_rating": "mostly-false",
            "rationale": "The official count differs.",
            "revisions": [],
            "created_at": iso(verdict.created_at),
            "updated_at": iso(verdict.updated_at),
        }
    ]


def test_article_claims_are_in_text_order(as_reviewer):
    article = _text_article()
    late = ClaimFactory(article=article, start=40, end=50)
    early = ClaimFactory(article=article, start=3, end=9)
    ClaimFactory()  # another article's claim

    response = as_reviewer.get(f"/api/v1/articles/{article.pk}/claims/")

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [early.pk, late.pk]


def test_article_claims_hide_drafts_from_anonymous(anon):
    public = published_claim()
    ClaimFactory(article=public.article)
    draft_only = ClaimFactory()

    listed = anon.get(f"/api/v1/articles/{public.article_id}/claims/")

    assert [row["id"] for row in listed.json()["results"]] == [public.pk]
    assert anon.get(f"/api/v1/articles/{draft_only.article_id}/claims/").status_code == 404
    assert anon.get("/api/v1/articles/999999/claims/").status_code == 404


def test_owner_and_editor_may_patch_others_may_not(
    reviewer, as_reviewer, as_other, as_editor, anon
):
    claim = ClaimFactory(created_by=reviewer, statement="Old")

    assert anon.patch(_detail(claim), {"statement": "Anon"}).status_code == 401
    assert as_other.patch(_detail(claim), {"statement": "Other"}).status_code == 403
    claim.refresh_from_db()
    assert (claim.statement, claim.version) == ("Old", 1)

    owner = as_reviewer.patch(_detail(claim), {"statement": "  By owner "})
    editor = as_editor.patch(_detail(claim), {"claimant": "The mayor"})

    assert (owner.status_code, editor.status_code) == (200, 200)
    assert owner.json()["statement"] == "By owner"
    assert editor.json()["claimant"] == "The mayor"
    assert editor["ETag"] == f'"claim-{claim.pk}-v3"'


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"start": 0}, "start"),
        ({"end": 30}, "end"),
        ({"quote": "x"}, "quote"),
        ({"article": 1}, "article"),
        ({"status": "published"}, "status"),
        ({"rating": "true"}, "rating"),
        ({"created_by": "edna"}, "created_by"),
        ({"version": 7}, "version"),
        ({"statement": None}, "statement"),
        ({"claimant": "x" * 301}, "claimant"),
    ],
)
def test_patch_refuses_server_owned_and_anchoring_fields(as_reviewer, reviewer, body, field):
    claim = ClaimFactory(created_by=reviewer)
    before = Claim.objects.values().get(pk=claim.pk)

    response = as_reviewer.patch(_detail(claim), body)

    assert response.status_code == 400
    assert field in response.json()
    assert Claim.objects.values().get(pk=claim.pk) == before


def test_delete_by_owner_removes_claim_with_sources(as_reviewer, reviewer):
    claim = ClaimFactory(created_by=reviewer)
    SourceFactory(claim=claim, added_by=reviewer)  # someone else's: a 409 (test_delete_cascade)

    assert as_reviewer.delete(_detail(claim)).status_code == 204
    assert not Claim.objects.exists()
    assert not Source.objects.exists()


def test_delete_refused_for_others_and_published_claims(as_other, as_editor, anon):
    draft = ClaimFactory()
    public = published_claim()

    assert anon.delete(_detail(draft)).status_code == 401
    assert as_other.delete(_detail(draft)).status_code == 403
    assert as_editor.delete(_detail(public)).status_code == 409
    assert as_editor.delete(_detail(draft)).status_code == 204
    assert list(Claim.objects.all()) == [public]


@pytest.mark.parametrize("claim_id", ["999999", "abc", "99999999999999999999999"])
def test_unknown_claim_is_404(as_editor, claim_id):
    assert as_editor.get(f"{URL}{claim_id}/").status_code == 404
    assert as_editor.patch(f"{URL}{claim_id}/", {"statement": "x"}).status_code == 404
