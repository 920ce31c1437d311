"""Services: the rules every interface shares."""

import pytest
from django.core.exceptions import ValidationError

from annotations import services
from annotations.models import Claim, Publication, Source, Verdict
from factcheck.errors import Conflict, PreconditionFailed
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db

TEXT = "Police said five officers that died were honoured. Five officers that died, it said."


def field_and_code(error: ValidationError) -> tuple[str, str]:
    (field, errors), *_ = error.error_dict.items()
    return field, errors[0].code


@pytest.fixture
def article():
    return ArticleFactory(text=TEXT)


def test_create_claim_from_quote_stores_server_computed_fields(article, reviewer):
    claim = services.create_claim(
        article=article,
        author=reviewer,
        quote="five officers that died",
        statement=" Five officers died on Jan 6 ",
        claimant="The author",
    )
    assert (claim.start, claim.end) == (12, 35)
    assert claim.quote == "five officers that died"
    assert claim.prefix == "Police said "
    assert claim.suffix == TEXT[35:67]
    assert claim.statement == "Five officers died on Jan 6"
    assert (claim.status, claim.created_by) == (Claim.Status.DRAFT, reviewer)


def test_create_claim_from_offsets(article, reviewer):
    claim = services.create_claim(article=article, author=reviewer, start=0, end=6, quote="Police")
    assert claim.quote == "Police"


@pytest.mark.parametrize(
    ("kwargs", "field", "code"),
    [
        ({"quote": "six officers"}, "quote", "quote_not_found"),
        ({"start": 0, "end": 999}, "end", "out_of_range"),
        ({"start": 0, "end": 6, "quote": "Polite"}, "quote", "quote_mismatch"),
        ({}, "quote", "required"),
    ],
)
def test_create_claim_refuses_bad_anchors(article, reviewer, kwargs, field, code):
    with pytest.raises(ValidationError) as error:
        services.create_claim(article=article, author=reviewer, **kwargs)
    assert field_and_code(error.value) == (field, code)
    assert Claim.objects.count() == 0


def test_create_claim_refuses_ambiguous_quote_then_context_decides(article, reviewer):
    with pytest.raises(ValidationError) as error:
        services.create_claim(article=article, author=reviewer, quote="officers that died")
    assert field_and_code(error.value) == ("quote", "quote_ambiguous")
    claim = services.create_claim(
        article=article, author=reviewer, quote="officers that died", prefix="honoured. Five "
    )
    assert claim.start == TEXT.rindex("officers that died")


def test_duplicate_span_is_a_conflict_naming_the_existing_claim(article, reviewer):
    first = services.create_claim(article=article, author=reviewer, start=0, end=6)
    with pytest.raises(Conflict) as error:
        services.create_claim(article=article, author=reviewer, quote="Police")
    assert error.value.extra["existing_id"] == first.pk
    assert Claim.objects.count() == 1


def test_update_claim_changes_text_fields_and_bumps_version(reviewer):
    claim = ClaimFactory()
    updated = services.update_claim(
        claim=claim, changes={"statement": " New "}, expected_version=1, actor=reviewer
    )
    assert (updated.statement, updated.version) == ("New", 2)


def test_update_claim_refuses_span_changes(reviewer):
    claim = ClaimFactory()
    with pytest.raises(ValidationError) as error:
        services.update_claim(claim=claim, changes={"start": 0}, actor=reviewer)
    assert field_and_code(error.value) == ("start", "read_only")


def test_stale_version_is_refused_and_changes_nothing(reviewer):
    claim = ClaimFactory(statement="old")
    services.update_claim(
        claim=claim, changes={"statement": "first"}, expected_version=1, actor=reviewer
    )
    with pytest.raises(PreconditionFailed) as error:
        services.update_claim(
            claim=claim, changes={"statement": "second"}, expected_version=1, actor=reviewer
        )
    assert error.value.current_etag == f'"claim-{claim.pk}-v2"'
    claim.refresh_from_db()
    assert claim.statement == "first"


def test_draft_claim_can_be_deleted_but_published_one_cannot(editor):
    draft = ClaimFactory()
    services.delete_claim(claim=draft, actor=editor)
    assert not Claim.objects.filter(pk=draft.pk).exists()

    published = ClaimFactory(status="in_review")
    SourceFactory(claim=published)
    services.publish_claim(claim=published, editor=editor, rating="false", rationale="No.")
    with pytest.raises(Conflict) as error:
        services.delete_claim(claim=published, actor=editor)
    assert error.value.code == "published_claim_undeletable"
    assert Claim.objects.filter(pk=published.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "\x08javascript:alert(1)",
        "//evil.example/x",
        "https://",
        "https://example.org/" + "a" * 5000,
        "https://exa mple.org/",
        "ftp://example.org/file",
    ],
)
def test_add_source_accepts_only_http_urls_with_a_host(reviewer, url):
    claim = ClaimFactory()
    with pytest.raises(ValidationError) as error:
        services.add_source(claim=claim, added_by=reviewer, url=url)
    assert field_and_code(error.value)[0] == "url"
    assert Source.objects.count() == 0


def test_add_source_and_refuse_the_same_url_twice(reviewer):
    claim = ClaimFactory()
    source = services.add_source(
        claim=claim,
        added_by=reviewer,
        url="https://police.example/report",
        stance="refutes",
        excerpt=" Four officers died. ",
    )
    assert (source.excerpt, source.stance) == ("Four officers died.", "refutes")
    with pytest.raises(Conflict):
        services.add_source(claim=claim, added_by=reviewer, url="https://police.example/report")


def test_add_source_refuses_unknown_stance(reviewer):
    with pytest.raises(ValidationError) as error:
        services.add_source(
            claim=ClaimFactory(), added_by=reviewer, url="https://x.org", stance="agrees"
        )
    assert field_and_code(error.value)[0] == "stance"


def test_record_verdict_once_per_reviewer(reviewer):
    claim = ClaimFactory()
    first = services.record_verdict(
        claim=claim, reviewer=reviewer, rating="false", rationale="Four died."
    )
    with pytest.raises(Conflict) as error:
        services.record_verdict(claim=claim, reviewer=reviewer, rating="true", rationale="x")
    assert error.value.extra["existing_id"] == first.pk


@pytest.mark.parametrize(
    ("rating", "rationale", "field"),
    [("pants-on-fire", "x", "rating"), ("false", "   ", "rationale"), ("", "x", "rating")],
)
def test_record_verdict_refuses_bad_values(reviewer, rating, rationale, field):
    with pytest.raises(ValidationError) as error:
        services.record_verdict(
            claim=ClaimFactory(), reviewer=reviewer, rating=rating, rationale=rationale
        )
    assert field_and_code(error.value)[0] == field
    if field == "rating":
        assert "mostly-true" in error.value.messages[0]
    assert Verdict.objects.count() == 0


def test_update_verdict_validates_rating():
    verdict = VerdictFactory()
    actor = verdict.reviewer
    with pytest.raises(ValidationError):
        services.update_verdict(verdict=verdict, changes={"rating": "meh"}, actor=actor)
    updated = services.update_verdict(verdict=verdict, changes={"rating": "true"}, actor=actor)
    assert (updated.rating, updated.version) == ("true", 2)


def test_publish_needs_a_source(editor):
    claim = ClaimFactory(status="in_review")
    with pytest.raises(ValidationError) as error:
        services.publish_claim(claim=claim, editor=editor, rating="false", rationale="No.")
    assert field_and_code(error.value) == ("sources", "no_sources")
    assert Publication.objects.count() == 0


def test_publishing_again_keeps_the_earlier_publication(editor):
    claim = ClaimFactory(status="in_review")
    SourceFactory(claim=claim)
    services.publish_claim(claim=claim, editor=editor, rating="false", rationale="First.")
    claim = services.publish_claim(
        claim=claim,
        editor=editor,
        rating="mostly-false",
        rationale="Second.",
        note="Count revised.",
    )
    assert (claim.status, claim.rating, claim.published_by) == ("published", "mostly-false", editor)
    ratings = list(claim.publications.order_by("published_at").values_list("rating", "note"))
    assert ratings == [("false", ""), ("mostly-false", "Count revised.")]
    assert services.current_publication(claim).rating == "mostly-false"


def test_create_claim_anchors_against_the_stored_text_not_a_stale_copy(reviewer):
    """The article is re-read under a row lock: a concurrent edit of its text cannot slip in."""
    article = ArticleFactory(text="The minister said 12 bridges collapsed.")
    stale = type(article).objects.get(pk=article.pk)
    type(article).objects.filter(pk=article.pk).update(text="Engineers counted two collapses.")

    claim = services.create_claim(article=stale, author=reviewer, quote="two collapses")

    assert (claim.start, claim.end, claim.quote) == (18, 31, "two collapses")
    assert claim.prefix == "Engineers counted "
