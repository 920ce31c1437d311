"""Length caps on every stored text (issue 8 point 13).

Each cap holds in the API (a 400 naming the field, nothing stored) and in the
database (a raw ORM write is refused by the model's length CHECK).
"""

import pytest
from django.db import IntegrityError, transaction

from annotations.models import Claim, Publication, Source, Verdict
from articles.models import Article
from factcheck import limits
from history.models import HistoryEntry
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db

TEXT = "The mayor said 12 bridges collapsed last year."


def _claim_with_article():
    return ClaimFactory(article=ArticleFactory(text=TEXT), start=15, end=45)


# --- the API: a 400 naming the field, nothing stored -------------------------------------


@pytest.mark.parametrize(
    ("field", "cap"), [("statement", limits.STATEMENT), ("claimant", limits.CLAIMANT)]
)
def test_claim_create_refuses_one_character_over_the_cap(as_reviewer, field, cap):
    article = ArticleFactory(text=TEXT)
    body = {"article": article.pk, "start": 15, "end": 45}

    over = as_reviewer.post("/api/v1/claims/", {**body, field: "x" * (cap + 1)})
    at_cap = as_reviewer.post("/api/v1/claims/", {**body, field: "x" * cap})

    assert over.status_code == 400
    assert list(over.json()) == [field]
    assert at_cap.status_code == 201, at_cap.json()
    assert len(getattr(Claim.objects.get(), field)) == cap


@pytest.mark.parametrize(("field", "cap"), [("statement", limits.STATEMENT)])
def test_claim_patch_refuses_over_the_cap(as_reviewer, reviewer, field, cap):
    claim = ClaimFactory(created_by=reviewer)

    response = as_reviewer.patch(f"/api/v1/claims/{claim.pk}/", {field: "x" * (cap + 1)})

    assert response.status_code == 400
    assert field in response.json()
    claim.refresh_from_db()
    assert len(getattr(claim, field)) < cap


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("excerpt", "x" * (limits.EXCERPT + 1)),
        ("title", "x" * (limits.TITLE + 1)),
        ("url", "https://a.example/" + "x" * limits.URL),
    ],
)
def test_source_refuses_over_the_cap(as_reviewer, field, value):
    claim = ClaimFactory()
    body = {"url": "https://a.example/report", "excerpt": "Says so.", field: value}

    response = as_reviewer.post(f"/api/v1/claims/{claim.pk}/sources/", body)

    assert response.status_code == 400
    assert field in response.json()
    assert Source.objects.count() == 0


def test_verdict_rationale_is_capped(as_reviewer):
    claim = ClaimFactory()
    url = f"/api/v1/claims/{claim.pk}/verdicts/"

    over = as_reviewer.post(url, {"rating": "false", "rationale": "x" * (limits.PROSE + 1)})
    at_cap = as_reviewer.post(url, {"rating": "false", "rationale": "x" * limits.PROSE})

    assert over.status_code == 400
    assert "rationale" in over.json()
    assert at_cap.status_code == 201


@pytest.mark.parametrize("field", ["rationale", "note"])
def test_publication_rationale_and_note_are_capped(as_editor, field):
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW)
    SourceFactory(claim=claim)
    body = {"rating": "false", "rationale": "No.", field: "x" * (limits.PROSE + 1)}

    response = as_editor.post(f"/api/v1/claims/{claim.pk}/publish/", body)

    assert response.status_code == 400
    assert field in response.json()
    assert Publication.objects.count() == 0


def test_article_text_is_capped_at_two_million_characters(as_reviewer):
    body = {"title": "Long", "text": "x" * (limits.ARTICLE_TEXT + 1)}

    response = as_reviewer.post("/api/v1/articles/", body)

    assert response.status_code == 400
    assert "text" in response.json()
    assert Article.objects.count() == 0


def test_article_title_is_capped(as_reviewer):
    response = as_reviewer.post("/api/v1/articles/", {"title": "x" * 501, "text": "Body."})

    assert response.status_code == 400
    assert "title" in response.json()


# --- the database: the CHECK holds when every validator is bypassed ------------------------


@pytest.mark.parametrize(
    ("make", "field", "cap"),
    [
        (lambda: ClaimFactory(), "statement", limits.STATEMENT),
        (lambda: SourceFactory(), "excerpt", limits.EXCERPT),
        (lambda: VerdictFactory(), "rationale", limits.PROSE),
        (lambda: ArticleFactory(), "text", limits.ARTICLE_TEXT),
    ],
)
def test_raw_update_past_the_cap_is_refused_by_the_database(make, field, cap):
    row = make()

    with pytest.raises(IntegrityError), transaction.atomic():
        type(row).objects.filter(pk=row.pk).update(**{field: "x" * (cap + 1)})

    type(row).objects.filter(pk=row.pk).update(**{field: "x" * cap})  # the cap itself is fine


def test_history_reason_is_capped_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        HistoryEntry.objects.create(
            object_type="claim", object_id=1, action="update", reason="x" * (limits.PROSE + 1)
        )


def test_model_validation_names_the_field():
    from django.core.exceptions import ValidationError

    verdict = VerdictFactory.build(rationale="x" * (limits.PROSE + 1))

    with pytest.raises(ValidationError) as caught:
        verdict.full_clean(exclude=["claim", "reviewer"], validate_constraints=False)

    assert "rationale" in caught.value.message_dict


def test_a_length_check_reaching_the_api_is_a_400_naming_the_field():
    from factcheck.exceptions import api_exception_handler

    error = IntegrityError(
        'new row for relation "annotations_verdict" violates check constraint '
        '"annotations_verdict_lengths_capped"'
    )

    response = api_exception_handler(error, {"request": None})

    assert response.status_code == 400
    assert response.data["rationale"] == [limits.too_long_message(limits.PROSE)]


def test_every_model_text_field_has_a_cap():
    from django.apps import apps
    from django.db import models

    # Text the app itself derives from capped text, or writes itself, bounded elsewhere.
    uncapped_by_design = {("annotations", "claim", "quote")}
    missing = []
    for model in apps.get_models():
        if model._meta.app_label not in {
            "articles", "annotations", "history", "fetching", "public",
        }:  # fmt: skip
            continue
        for field in model._meta.get_fields():
            key = (model._meta.app_label, model._meta.model_name, field.name)
            if not isinstance(field, models.TextField) or key in uncapped_by_design:
                continue
            in_a_check = any(field.name in caps for caps in limits.CAPPED_CONSTRAINTS.values())
            if not field.max_length or not in_a_check:
                missing.append(key)
    assert missing == []


def test_verdict_is_untouched_by_a_refused_update(as_reviewer, reviewer):
    verdict = VerdictFactory(reviewer=reviewer, rationale="Short.")

    response = as_reviewer.patch(
        f"/api/v1/verdicts/{verdict.pk}/", {"rationale": "x" * (limits.PROSE + 1)}
    )

    assert response.status_code == 400
    assert Verdict.objects.get(pk=verdict.pk).rationale == "Short."
