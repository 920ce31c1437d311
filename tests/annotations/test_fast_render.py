"""ClaimSerializer's hand-written output equals DRF's generic one, for every role and part."""

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIRequestFactory

from annotations.api import claims_for
from annotations.serializers import ClaimSerializer
from annotations.services.workflow import correct_claim
from tests.api.helpers import published_claim
from tests.factories import (
    AssignmentFactory,
    ClaimFactory,
    SourceFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(editor, reviewer, other_reviewer):
    """A bare draft, a draft under blind review, and a published then corrected claim."""
    bare = ClaimFactory()
    blind = ClaimFactory(status="in_review")
    SourceFactory(claim=blind)
    VerdictFactory(claim=blind, reviewer=other_reviewer, rating="false")
    AssignmentFactory(claim=blind, reviewer=reviewer)
    public = published_claim()
    SourceFactory.create_batch(2, claim=public)
    VerdictFactory(claim=public, reviewer=reviewer, rating="true")
    VerdictFactory(claim=public, reviewer=other_reviewer, rating="mostly-true")
    correct_claim(
        claim=public, editor=editor, rating="mostly-false", rationale="Less so.", note="Fixed."
    )
    return [bare.pk, blind.pk, public.pk]


@pytest.mark.parametrize("who", ["anonymous", "reviewer", "other_reviewer", "editor", "no_role"])
def test_fast_output_equals_drf_output(request, claims, who):
    if who == "anonymous":
        user = AnonymousUser()
    elif who == "no_role":
        user = UserFactory()
    else:
        user = request.getfixturevalue(who)
    http = APIRequestFactory().get("/")
    http.user = user
    serializer = ClaimSerializer(context={"request": http})

    rows = list(claims_for(user).filter(pk__in=claims))

    assert rows, "every role sees at least the published claim"
    for claim in rows:
        assert serializer.to_representation(claim) == serializer.generic_representation(claim)
