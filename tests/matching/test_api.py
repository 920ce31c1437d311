# ruff: noqa: E501 (posts and claims are long literal strings)
"""POST /api/v1/match/ and /api/v1/claims/{id}/matches/: who sees what, bad input, budgets, links."""

import pytest

from history.models import HistoryEntry
from matching import services
from matching.api import AnonymousMatchThrottle
from matching.models import MatchLink, MatchVector
from tests.factories import VerdictFactory
from tests.search.conftest import make_claim, make_review

URL = "/api/v1/match/"
pytestmark = pytest.mark.django_db
POST = "Mexico paid for the border wall, just like he promised, look at the receipts #BuildTheWall"


@pytest.fixture
def records(filler):
    return {
        "published": make_claim("Mexico paid for the border wall.", status="published"),
        "draft": make_claim("Mexico paid for the border wall in full, the mayor said."),
        "review": make_review("Mexico paid for the border wall", rating="false",
                              textual_rating="Pants on Fire", publisher_name="Other Checker"),
        "other": make_review("Arctic sea ice has grown back to its 1979 level", n=2),
    }  # fmt: skip


def match(client, **body):
    response = client.post(URL, body, format="json")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_anonymous_gets_published_and_imported_never_drafts(api_client, records):
    results = match(api_client, text=POST)
    found = {(r["kind"], r["id"]) for r in results}
    assert ("factcheck", records["published"].pk) in found
    assert ("claimreview", records["review"].pk) in found
    assert all(r["kind"] in ("factcheck", "claimreview") for r in results)
    assert records["draft"].pk not in {r["id"] for r in results if r["kind"] == "factcheck"}
    review = next(r for r in results if r["kind"] == "claimreview")
    assert review["url"] == "https://checker.example/review/1"
    assert review["rating"] == "false"
    assert review["publisher"] == "Other Checker"
    ours = next(r for r in results if r["kind"] == "factcheck")
    assert ours["url"].startswith("http")
    assert ours["url"].endswith(f"/factchecks/{records['published'].pk}/")
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    assert all(0 < r["score"] <= 1 for r in results)


def test_the_same_claim_in_a_long_post_is_same(api_client, records):
    results = match(
        api_client, text="Mexico paid for the border wall. Mexico paid for the border wall!"
    )
    assert results[0]["match"] == "same"
    assert results[0]["id"] in (records["published"].pk, records["review"].pk)


def test_vectors_are_cached_once(api_client, records, django_assert_num_queries):
    match(api_client, text=POST)
    stored = MatchVector.objects.count()
    assert stored >= 2
    match(api_client, text=POST)
    assert MatchVector.objects.count() == stored
    services.forget_vectors()  # another process: reads them, computes none
    with django_assert_num_queries(3):
        match(api_client, text=POST)
    assert MatchVector.objects.count() == stored


def test_an_edited_record_gets_a_fresh_vector(api_client, records):
    match(api_client, text=POST)
    review = records["review"]
    before = bytes(MatchVector.objects.get(kind="claimreview", object_id=review.pk).vector)
    review.claim_reviewed = "Mexico paid for the border wall and the fence in 2019"
    review.save()
    match(api_client, text=POST)
    after = bytes(MatchVector.objects.get(kind="claimreview", object_id=review.pk).vector)
    assert after != before


def test_retracted_fact_check_is_marked_and_never_same(api_client, filler):
    retracted = make_claim("Mexico paid for the border wall.", status="retracted")
    results = match(api_client, text=POST)
    hit = next(r for r in results if r["id"] == retracted.pk and r["kind"] == "factcheck")
    assert hit["retracted"] is True
    assert hit["match"] == "related"
    assert "retracted" in hit["reasons"]


def test_short_text_is_never_same(api_client, records):
    results = match(api_client, text="Mexico paid for the wall")
    assert results
    assert all(r["match"] == "related" for r in results)


def test_language_filters(api_client, records):
    spanish = make_review("Mexico paid for the border wall", n=3, language="es")
    records["review"].language = "en"
    records["review"].save()
    found = {(r["kind"], r["id"]) for r in match(api_client, text=POST, language="es")}
    assert ("claimreview", spanish.pk) in found
    assert ("claimreview", records["review"].pk) not in found
    found = {(r["kind"], r["id"]) for r in match(api_client, text=POST, language="en")}
    assert ("claimreview", records["review"].pk) in found
    assert ("claimreview", spanish.pk) not in found


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": "🔥🔥 !!"}, "text"),
        ({"text": "x" * 5001}, "text"),
        ({"text": "wall", "limit": 0}, "limit"),
        ({"text": "wall", "limit": "five"}, "limit"),
        ({"text": "wall", "limit": 21}, "limit"),
        ({"text": "wall", "language": "english please"}, "language"),
        ({"text": ["wall"]}, "text"),
        ({"text": 0}, "text"),
        ({"text": True}, "text"),
        ({"text": "wall", "limt": 3}, "limt"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api_client, body, field):
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_anonymous_callers_have_their_own_throttle(api_client, reviewer, records, monkeypatch):
    from django.core.cache import cache

    cache.clear()
    monkeypatch.setattr(AnonymousMatchThrottle, "THROTTLE_RATES", {"match": "2/min"})
    assert [
        api_client.post(URL, {"text": "wall"}, format="json").status_code for _ in range(3)
    ] == [200, 200, 429]
    api_client.force_authenticate(reviewer)
    assert api_client.post(URL, {"text": "wall"}, format="json").status_code == 200
    cache.clear()


def test_query_budget(api_client, records, django_assert_num_queries):
    match(api_client, text=POST)  # fills the vector cache and the collection counts
    # One candidate statement per kind (factcheck, claimreview); the vectors read
    # before are in the process, the throttle uses the cache, not the database.
    with django_assert_num_queries(2):
        match(api_client, text=POST)


def test_claim_matches_are_for_the_desk(api_client, records):
    url = f"/api/v1/claims/{records['draft'].pk}/matches/"
    assert api_client.get(url).status_code in (401, 403)


def test_claim_matches_find_fact_checks_and_other_desk_claims_without_verdicts(
    api_client, reviewer, records
):
    twin = make_claim("The mayor said Mexico paid for the border wall in full.")
    VerdictFactory(claim=twin, rating="true", rationale="Secret until published.")
    api_client.force_authenticate(reviewer)
    response = api_client.get(f"/api/v1/claims/{records['draft'].pk}/matches/")
    assert response.status_code == 200
    results = response.json()["results"]
    found = {(r["kind"], r["id"]) for r in results}
    assert ("factcheck", records["published"].pk) in found
    assert ("claimreview", records["review"].pk) in found
    assert ("claim", twin.pk) in found
    assert ("claim", records["draft"].pk) not in found
    desk = next(r for r in results if r["kind"] == "claim")
    assert desk["rating"] is None
    assert desk["rating_label"] == ""
    assert "Secret" not in response.content.decode()


def test_claim_matches_404_for_unknown_claim(api_client, reviewer):
    api_client.force_authenticate(reviewer)
    assert api_client.get("/api/v1/claims/999999/matches/").status_code == 404


def test_confirm_then_dismiss_is_stored_shown_on_both_sides_and_in_history(
    api_client, reviewer, records
):
    draft, published = records["draft"], records["published"]
    api_client.force_authenticate(reviewer)
    url = f"/api/v1/claims/{draft.pk}/matches/"
    body = {"kind": "factcheck", "target_id": published.pk, "status": "confirmed", "score": 0.9}
    response = api_client.post(url, body, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "confirmed"
    link = MatchLink.objects.get()
    assert (link.claim_id, link.target_claim_id, link.status) == (
        draft.pk,
        published.pk,
        "confirmed",
    )
    published.refresh_from_db()
    draft.refresh_from_db()
    assert published.rating == "false"
    assert draft.rating == ""
    other_side = api_client.get(f"/api/v1/claims/{published.pk}/matches/").json()["links"]
    assert other_side[0]["id"] == draft.pk
    assert other_side[0]["direction"] == "incoming"
    body["status"] = "dismissed"
    assert api_client.post(url, body, format="json").json()["status"] == "dismissed"
    assert MatchLink.objects.get().status == "dismissed"
    entries = HistoryEntry.objects.filter(object_type="matchlink", claim_id=draft.pk)
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[0].changes["decision"] == [None, "confirmed"]
    assert entries[1].changes == {"decision": ["confirmed", "dismissed"]}


def test_link_to_an_imported_review(api_client, reviewer, records):
    api_client.force_authenticate(reviewer)
    body = {"kind": "claimreview", "target_id": records["review"].pk, "status": "confirmed"}
    response = api_client.post(
        f"/api/v1/claims/{records['draft'].pk}/matches/", body, format="json"
    )
    assert response.status_code == 200
    assert response.json()["url"] == "https://checker.example/review/1"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "factcheck", "target_id": 999999, "status": "confirmed"}, "target_id"),
        ({"kind": "nonsense", "target_id": 1, "status": "confirmed"}, "kind"),
        ({"kind": "claimreview", "target_id": 1, "status": "maybe"}, "status"),
        ({"kind": "claim", "status": "confirmed"}, "target_id"),
    ],
)
def test_bad_link_is_a_400_and_stores_nothing(api_client, reviewer, records, body, field):
    api_client.force_authenticate(reviewer)
    response = api_client.post(
        f"/api/v1/claims/{records['draft'].pk}/matches/", body, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not MatchLink.objects.exists()


def test_a_claim_cannot_match_itself(api_client, reviewer, records):
    api_client.force_authenticate(reviewer)
    body = {"kind": "claim", "target_id": records["draft"].pk, "status": "confirmed"}
    response = api_client.post(
        f"/api/v1/claims/{records['draft'].pk}/matches/", body, format="json"
    )
    assert response.status_code == 400
    assert "target_id" in response.json()


def test_a_draft_is_not_a_factcheck_target(api_client, reviewer, records):
    api_client.force_authenticate(reviewer)
    body = {"kind": "factcheck", "target_id": records["draft"].pk, "status": "confirmed"}
    other = make_claim("Something else entirely was said about bridges.")
    response = api_client.post(f"/api/v1/claims/{other.pk}/matches/", body, format="json")
    assert response.status_code == 400


def test_a_record_newer_than_the_cached_counts_is_found(api_client, records):
    match(api_client, text=POST)  # the collection counts are now cached
    fresh = make_review("Flamingos were banned from Zanzibar beaches by decree", n=9)
    results = match(
        api_client, text="Zanzibar banned flamingos from its beaches by decree, unbelievable"
    )
    assert ("claimreview", fresh.pk) in {(r["kind"], r["id"]) for r in results}


def test_match_vectors_command_fills_missing_vectors(records):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("match_vectors", stdout=out)
    assert MatchVector.objects.filter(kind="claimreview").count() == 2
    assert MatchVector.objects.filter(kind="factcheck").count() >= 5
    call_command("match_vectors", stdout=out)
    assert out.getvalue().splitlines()[-1] == "0 vectors computed."


def test_claim_matches_query_budget(api_client, reviewer, records, django_assert_num_queries):
    url = f"/api/v1/claims/{records['draft'].pk}/matches/"
    api_client.force_authenticate(reviewer)
    api_client.get(url)  # fills the vector cache and the collection counts
    # The claim, one candidate statement per kind (factcheck, claimreview, claim), the
    # links of both sides (one query with their related rows); vectors read before
    # are in the process.
    with django_assert_num_queries(5):
        assert api_client.get(url).status_code == 200


def test_confirmed_links_are_in_the_claims_w3c_annotation(api_client, reviewer, records):
    draft, published, review = records["draft"], records["published"], records["review"]
    api_client.force_authenticate(reviewer)
    url = f"/api/v1/claims/{draft.pk}/matches/"
    api_client.post(
        url, {"kind": "claimreview", "target_id": review.pk, "status": "confirmed"}, format="json"
    )
    api_client.post(
        url, {"kind": "factcheck", "target_id": published.pk, "status": "dismissed"}, format="json"
    )
    annotation = api_client.get(f"/api/v1/claims/{draft.pk}/annotation/").json()
    identifying = [b["source"] for b in annotation["body"] if b.get("purpose") == "identifying"]
    assert identifying == ["https://checker.example/review/1"]
    assert list(annotation)[-1] == "target"
    # The other side, read by the public: a desk claim is never revealed.
    api_client.post(
        url, {"kind": "factcheck", "target_id": published.pk, "status": "confirmed"}, format="json"
    )
    api_client.force_authenticate(None)
    public = api_client.get(f"/api/v1/claims/{published.pk}/annotation/").json()
    assert not [b for b in public.get("body", []) if b.get("purpose") == "identifying"]
    api_client.force_authenticate(reviewer)
    desk = api_client.get(f"/api/v1/claims/{published.pk}/annotation/").json()
    sources = [b["source"] for b in desk["body"] if b.get("purpose") == "identifying"]
    assert sources == [f"http://testserver/articles/{draft.article_id}/#claim-{draft.pk}"]


def test_a_paraphrase_sharing_no_word_is_found_through_the_vectors(api_client, records):
    from django.core.management import call_command

    from matching import corpus

    chips = make_review("The COVID-19 vaccines contain microchips to track people.", n=4)
    call_command("match_vectors", stdout=None)
    corpus.reset()  # the next request counts the collection and loads its vectors
    post = "they inject trackers into us with the shot so they always know where we are"
    found = {(r["kind"], r["id"]) for r in match(api_client, text=post)}
    assert ("claimreview", chips.pk) in found


def test_query_budget_with_vector_candidates(api_client, records, django_assert_num_queries):
    from django.core.management import call_command

    from matching import corpus

    call_command("match_vectors", stdout=None)
    corpus.reset()
    match(api_client, text=POST)  # counts the collection, loads vectors into the process
    # One full-text statement per kind, one per kind for the nearest vectors' rows.
    with django_assert_num_queries(4):
        match(api_client, text=POST)


def test_only_editors_link_matches_to_a_published_fact_check(api_client, reviewer, editor, records):
    # Its links are in its public annotation: a reviewer would change the public record.
    url = f"/api/v1/claims/{records['published'].pk}/matches/"
    body = {"kind": "claimreview", "target_id": records["review"].pk, "status": "confirmed"}
    api_client.force_authenticate(reviewer)
    assert api_client.post(url, body, format="json").status_code == 403
    assert not MatchLink.objects.exists()

    api_client.force_authenticate(editor)
    assert api_client.post(url, body, format="json").status_code == 200
    assert MatchLink.objects.count() == 1


def test_a_link_with_an_unknown_field_is_a_400(api_client, reviewer, records):
    api_client.force_authenticate(reviewer)
    body = {"kind": "claimreview", "target_id": records["review"].pk, "status": "confirmed",
            "bogus": 1}  # fmt: skip
    response = api_client.post(
        f"/api/v1/claims/{records['draft'].pk}/matches/", body, format="json"
    )
    assert response.status_code == 400
    assert "bogus" in response.json()
    assert not MatchLink.objects.exists()
