"""A public record with one fact-check in every state, built through the services.

Unpublished claims carry the marker UNPUBLISHED in every field a page could
show (statement, claimant, article title and publisher), so a test proves
"nothing unpublished leaks" by looking for the marker anywhere in a response.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from django.test import Client

from annotations import services
from annotations.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, UserFactory

UNPUBLISHED = "UNPUBLISHED"


@dataclass
class Record:
    published: Claim
    corrected: Claim
    retracted: Claim
    draft: Claim
    in_review: Claim


def publish(claim: Claim, editor, *, rating: str = "false", rationale: str = "") -> Claim:
    if not claim.sources.exists():
        SourceFactory(claim=claim)
    services.submit_claim(claim=claim, actor=editor)
    return services.publish_claim(
        claim=claim, editor=editor, rating=rating,
        rationale=rationale or f"Records contradict: {claim.statement}",
    )  # fmt: skip


def article(**fields):
    fields.setdefault("published_at", datetime(2024, 3, 1, 12, 0, tzinfo=UTC))
    return ArticleFactory(**fields)


def hidden_claim(status: str) -> Claim:
    claim = ClaimFactory(
        article=article(title=f"{UNPUBLISHED} title", publisher=f"{UNPUBLISHED} Gazette"),
        statement=f"{UNPUBLISHED} {status} statement",
        claimant=f"{UNPUBLISHED} claimant",
    )
    SourceFactory(claim=claim, title=f"{UNPUBLISHED} source")
    if status == Claim.Status.IN_REVIEW:
        services.submit_claim(claim=claim, actor=claim.created_by)
    return claim


@pytest.fixture
def record(db) -> Record:
    editor = UserFactory(role="editor")
    published = publish(
        ClaimFactory(
            article=article(publisher="Daily Planet"),
            statement="Five officers died in the riot.",
            claimant="A senator",
        ),
        editor,
        rating="mostly-false",
    )
    corrected = publish(
        ClaimFactory(
            article=article(publisher="Metro Times"),
            statement="Unemployment doubled last year.",
            claimant="A minister",
        ),
        editor,
        rating="false",
    )
    corrected = services.correct_claim(
        claim=corrected, editor=editor, rating="half-true",
        rationale="It rose by half.", note="We misread the table.",
    )  # fmt: skip
    retracted = publish(
        ClaimFactory(
            article=article(publisher="Daily Planet"),
            statement="The bridge cost ten billion.",
            claimant="A mayor",
        ),
        editor,
        rating="true",
    )
    retracted = services.retract_claim(
        claim=retracted, editor=editor, note="The source was withdrawn."
    )
    return Record(
        published=published,
        corrected=corrected,
        retracted=retracted,
        draft=hidden_claim(Claim.Status.DRAFT),
        in_review=hidden_claim(Claim.Status.IN_REVIEW),
    )


@pytest.fixture(params=["anonymous", "reviewer"])
def visitor(request, db) -> Client:
    """The public side is the same for a visitor and a signed-in reviewer."""
    client = Client()
    if request.param == "reviewer":
        client.force_login(UserFactory(role="reviewer"))
    return client


def body_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()
