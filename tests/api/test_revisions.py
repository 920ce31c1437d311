"""Changing an article's text: revisions, re-anchoring outcomes, permissions (issue 12)."""

import pytest

from annotations.models import Claim, Publication
from articles.models import Article, ArticleRevision
from history.models import HistoryEntry
from tests.api.helpers import published_claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "The riot left the Capitol damaged. Officials said that five officers died in the "
    "days after the attack, and 56 officers were injured. The inquiry continues."
)
QUOTE = "five officers died"
AT_QUOTE = {"start": TEXT.index(QUOTE), "end": TEXT.index(QUOTE) + len(QUOTE)}
SENTENCE = TEXT[TEXT.index("Officials") : TEXT.index("The inquiry")].strip()


def _claim(as_client, article, quote=QUOTE):
    response = as_client.post("/api/v1/claims/", {"article": article.pk, "quote": quote})
    assert response.status_code == 201, response.json()
    return Claim.objects.get(pk=response.json()["id"])


def _patch_text(as_client, article, text, **headers):
    return as_client.patch(f"/api/v1/articles/{article.pk}/", {"text": text}, **headers)


@pytest.fixture
def article(reviewer):
    return ArticleFactory(text=TEXT, created_by=reviewer)


def test_patch_answers_with_each_claims_outcome_at_the_top_level(as_reviewer, article):
    claim = _claim(as_reviewer, article)
    new_text = "UPDATE: corrected figures. " + TEXT

    response = _patch_text(as_reviewer, article, new_text)

    assert response.status_code == 200, response.json()
    start = new_text.index(QUOTE)
    assert response.json()["anchoring"] == [
        {"claim": claim.pk, "outcome": "moved", "start": start, "end": start + len(QUOTE),
         "quote": QUOTE, "revision": 2, "similarity": 1.0},
    ]  # fmt: skip
    assert response.json()["revision"] == 2
    assert response.json()["text"] == new_text
    claim.refresh_from_db()
    assert (claim.revision, claim.start, claim.anchor_state) == (2, start, "anchored")


@pytest.mark.parametrize(
    ("new_text", "outcome", "quote", "state"),
    [
        (
            TEXT.replace("The inquiry continues.", "Inquiry ongoing."),
            "unchanged",
            QUOTE,
            "anchored",
        ),
        (
            TEXT.replace("five officers died", "five officers have died"),
            "fuzzy",
            "five officers have died",
            "fuzzy",
        ),
        (
            TEXT.replace("Officials said that five officers died in the days after", "After"),
            "orphaned",
            QUOTE,
            "orphaned",
        ),
        ("Rumours said five officers died at once. " + TEXT, "moved", QUOTE, "anchored"),
        (TEXT.replace(SENTENCE, SENTENCE + " " + SENTENCE), "unchanged", QUOTE, "anchored"),
        (
            TEXT.replace("Officials said that ", "Officials said that 🙂\r\n"),
            "moved",
            QUOTE,
            "anchored",
        ),
    ],
    ids=[
        "edit-elsewhere",
        "edit-inside",
        "deleted",
        "look-alike-added",
        "duplicated",
        "emoji-crlf",
    ],
)
def test_outcomes(as_reviewer, article, new_text, outcome, quote, state):
    claim = _claim(as_reviewer, article)

    response = _patch_text(as_reviewer, article, new_text)

    assert response.status_code == 200, response.json()
    (entry,) = response.json()["anchoring"]
    assert (entry["outcome"], entry["quote"]) == (outcome, quote)
    claim.refresh_from_db()
    article.refresh_from_db()
    assert claim.anchor_state == state
    text_of_its_revision = ArticleRevision.objects.get(article=article, number=claim.revision).text
    # Whatever happened, the claim's offsets read its quote in the revision it points into.
    assert text_of_its_revision[claim.start : claim.end] == claim.quote
    assert "\r" not in article.text


def test_an_orphan_keeps_its_old_offsets_and_no_constraint_breaks(as_reviewer, article):
    orphan = _claim(as_reviewer, article)
    old = (orphan.start, orphan.end, orphan.quote)
    new_text = TEXT.replace("Officials said that five officers died in the days after", "After")
    _patch_text(as_reviewer, article, new_text)

    orphan.refresh_from_db()
    assert (orphan.start, orphan.end, orphan.quote, orphan.revision) == (*old, 1)
    # A new claim on the same offsets of the new text does not clash with the orphan.
    article.refresh_from_db()
    response = as_reviewer.post(
        "/api/v1/claims/", {"article": article.pk, "start": old[0], "end": old[1]}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["revision"] == 2


def test_fuzzy_keeps_the_old_quote_in_history(as_reviewer, article):
    claim = _claim(as_reviewer, article)

    _patch_text(as_reviewer, article, TEXT.replace("five officers died", "five officers have died"))

    entry = HistoryEntry.objects.filter(object_type="claim", object_id=claim.pk).last()
    assert entry.changes["quote"] == [QUOTE, "five officers have died"]
    assert entry.changes["anchor_state"] == ["anchored", "fuzzy"]
    assert "revision 2" in entry.reason


def test_an_orphan_can_be_reattached_by_selecting_new_text(as_reviewer, article):
    orphan = _claim(as_reviewer, article)
    new_text = TEXT.replace("five officers died", "several officers lost their lives")
    _patch_text(as_reviewer, article, new_text.replace("Officials said that", "Officials noted"))
    article.refresh_from_db()
    start = article.text.index("several officers")

    response = as_reviewer.post(
        f"/api/v1/claims/{orphan.pk}/reattach/",
        {"start": start, "end": start + len("several officers lost their lives"), "revision": 2},
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["anchor_state"], body["revision"], body["quote"]) == (
        "anchored", 2, "several officers lost their lives")  # fmt: skip


def test_reattach_against_a_stale_revision_is_a_409(as_reviewer, article):
    claim = _claim(as_reviewer, article)
    _patch_text(as_reviewer, article, "New lead. " + TEXT)

    response = as_reviewer.post(
        f"/api/v1/claims/{claim.pk}/reattach/", {"start": 0, "end": 4, "revision": 1}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "stale_revision"
    assert response.json()["current_revision"] == 2


def test_only_the_author_or_an_editor_reattaches(as_other, as_editor, as_reviewer, article):
    claim = _claim(as_reviewer, article)
    assert (
        as_other.post(f"/api/v1/claims/{claim.pk}/reattach/", {"start": 0, "end": 3}).status_code
        == 403
    )
    assert (
        as_editor.post(f"/api/v1/claims/{claim.pk}/reattach/", {"start": 0, "end": 3}).status_code
        == 200
    )


def test_claim_create_with_a_stale_revision_is_refused(as_reviewer, article):
    _patch_text(as_reviewer, article, "New lead. " + TEXT)

    response = as_reviewer.post(
        "/api/v1/claims/", {"article": article.pk, "start": 0, "end": 3, "revision": 1}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "stale_revision"
    assert not Claim.objects.exists()


def test_an_orphaned_claim_cannot_be_published_until_reattached(as_reviewer, as_editor, article):
    claim = _claim(as_reviewer, article)
    as_reviewer.post(f"/api/v1/claims/{claim.pk}/sources/", {"url": "https://example.org/r"})
    as_reviewer.post(f"/api/v1/claims/{claim.pk}/submit/")
    _patch_text(as_reviewer, article, "Nothing of the kind happened.")

    response = as_editor.post(
        f"/api/v1/claims/{claim.pk}/publish/", {"rating": "false", "rationale": "Wrong."}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "claim_not_anchored"


def test_once_published_only_an_editor_changes_the_text(as_reviewer, as_editor, reviewer):
    claim = published_claim(article=ArticleFactory(text=TEXT, created_by=reviewer), **AT_QUOTE)
    article = claim.article

    refused = _patch_text(as_reviewer, article, "Rewritten. " + TEXT)
    assert refused.status_code == 409
    assert refused.json()["code"] == "published_article_editor_only"
    article.refresh_from_db()
    assert (article.revision, article.text) == (1, TEXT)
    # So do url, title, publisher and byline (issue 8: test_published_article_metadata.py),
    # but not the rest of the metadata.
    detail = f"/api/v1/articles/{article.pk}/"
    assert as_reviewer.patch(detail, {"byline": "X"}).status_code == 409
    assert as_reviewer.patch(detail, {"language": "de"}).status_code == 200

    accepted = _patch_text(as_editor, article, "Rewritten. " + TEXT)
    assert accepted.status_code == 200
    assert accepted.json()["revision"] == 2
    entry = HistoryEntry.objects.filter(object_type="article", action="update").last()
    assert entry.actor.username == "edna"
    assert entry.changes["revision"] == [1, 2]


def test_publication_keeps_the_quote_as_published(as_editor, reviewer):
    claim = published_claim(article=ArticleFactory(text=TEXT, created_by=reviewer), **AT_QUOTE)
    Publication.objects.filter(claim=claim).update(
        quote=claim.quote, start=claim.start, end=claim.end, article_revision=1
    )

    _patch_text(as_editor, claim.article, TEXT.replace(claim.quote, claim.quote.upper()))

    publication = Publication.objects.get(claim=claim)
    assert publication.quote == claim.quote
    claim.refresh_from_db()
    assert claim.anchor_state in ("fuzzy", "orphaned")


def test_revisions_list_and_detail(as_reviewer, article, reviewer):
    assert as_reviewer.get(f"/api/v1/articles/{article.pk}/revisions/").json() == [
        {"number": 1, "title": article.title, "text_sha256": _sha(TEXT), "origin": "original",
         "reason": "", "created_by": "rita", "created_at": _iso(article.created_at)},
    ]  # fmt: skip
    _patch_text(as_reviewer, article, "New lead. " + TEXT, HTTP_X_CHANGE_REASON="Lead added.")
    article.refresh_from_db()

    listed = as_reviewer.get(f"/api/v1/articles/{article.pk}/revisions/").json()
    assert [(r["number"], r["origin"], r["reason"]) for r in listed] == [
        (1, "original", ""), (2, "edit", "Lead added.")]  # fmt: skip
    first = as_reviewer.get(f"/api/v1/articles/{article.pk}/revisions/1/").json()
    assert first["text"] == TEXT
    second = as_reviewer.get(f"/api/v1/articles/{article.pk}/revisions/2/").json()
    assert second["text"] == "New lead. " + TEXT
    assert second["created_by"] == "rita"
    assert as_reviewer.get(f"/api/v1/articles/{article.pk}/revisions/3/").status_code == 404


def test_revisions_are_hidden_with_their_article(anon, article):
    assert anon.get(f"/api/v1/articles/{article.pk}/revisions/").status_code == 404
    assert anon.get(f"/api/v1/articles/{article.pk}/revisions/1/").status_code == 404


@pytest.mark.parametrize("changes", [1, 5])
def test_revisions_list_query_budget(as_reviewer, article, django_assert_max_num_queries, changes):
    for n in range(changes):
        _patch_text(as_reviewer, article, f"Lead {n}. " + TEXT)

    # 1 role groups, 2 the article (visibility), 3 the revisions joined to their authors
    with django_assert_max_num_queries(3):
        response = as_reviewer.get(f"/api/v1/articles/{article.pk}/revisions/")

    assert len(response.json()) == changes + 1


def test_reimporting_a_url_with_a_new_text_adds_a_revision_not_an_article(reviewer):
    from articles.importing import ArticleData
    from articles.services import import_or_revise

    first = import_or_revise(ArticleData(title="T", text=TEXT, url="https://news.test/a"))
    claim = ClaimFactory(article=first.article, start=TEXT.index(QUOTE),
                         end=TEXT.index(QUOTE) + len(QUOTE), quote=QUOTE)  # fmt: skip
    again = import_or_revise(ArticleData(title="T", text=TEXT, url="https://news.test/a"))
    changed = import_or_revise(
        ArticleData(title="T", text="Lead. " + TEXT, url="https://news.test/a")
    )

    assert (first.status, again.status, changed.status) == ("imported", "unchanged", "revised")
    assert Article.objects.count() == 1
    assert changed.article.revision == 2
    assert [r.outcome for r in changed.anchoring] == ["moved"]
    claim.refresh_from_db()
    assert claim.revision == 2


def _sha(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def _iso(value):
    from tests.api.helpers import iso

    return iso(value)


def test_w3c_annotations_point_at_the_current_revision(as_reviewer, article):
    moved = _claim(as_reviewer, article)
    lost = _claim(as_reviewer, article, quote="The inquiry continues")
    _patch_text(as_reviewer, article, "Lead. " + TEXT.replace("The inquiry continues.", ""))
    article.refresh_from_db()

    target = as_reviewer.get(f"/api/v1/claims/{moved.pk}/annotation/").json()["target"]
    assert target["state"]["type"] == "TimeState"
    assert target["state"]["cached"].endswith(f"/api/v1/articles/{article.pk}/revisions/2/")
    assert target["selector"][1]["start"] == article.text.index(QUOTE)

    orphan = as_reviewer.get(f"/api/v1/claims/{lost.pk}/annotation/").json()["target"]
    assert orphan["source"].endswith(f"/api/v1/articles/{article.pk}/revisions/1/")
    start = orphan["selector"][1]["start"]
    assert TEXT[start : orphan["selector"][1]["end"]] == "The inquiry continues"
