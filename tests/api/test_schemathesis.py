"""Schema-driven fuzzing of every API operation (SECURITY-CASES #32).

schemathesis reads /api/v1/schema/ and generates requests for each operation,
sent as an anonymous reader, a reviewer and an editor. Every answer must be no
5xx, a status code the schema documents for the operation, the documented
content type and a body matching the documented schema. Negative cases (data
the schema forbids) must also be refused with a 4xx.

The app runs in-process (WSGI) on the test's own database connection, and each
example runs in a savepoint rolled back afterwards, so every request starts
from the same seeded rows. Path ids come from those rows about half of the
time, and a few known-good bodies are mixed in, so detail, workflow and create
operations reach real objects and their 2xx bodies are checked too, instead of
only ever answering 404 or 400 to random input.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.throttling import SimpleRateThrottle
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from accounts import tokens
from annotations.models import Claim
from factcheck.wsgi import application
from fetching.models import Job
from tests.api.helpers import published_claim
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, VerdictFactory
from tests.workflow.helpers import imported_claimreview

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
OPERATIONS = {op.label: op for op in (result.ok() for result in SCHEMA.get_all_operations())}
# Negative data needs something to break: a parameter or a body (/ratings/ has neither).
TAKES_INPUT = sorted(
    label for label, op in OPERATIONS.items() if op.path_parameters or op.query or op.body
)

CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Bounded so the file runs in about a minute: ~20 distinct requests per operation and user.
FUZZ = settings(
    max_examples=20,
    derandomize=True,  # the same requests on every run, so a failure reproduces
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)
PASSWORD = "correct horse battery staple"  # UserFactory's


@pytest.fixture(autouse=True)
def _app_shares_the_test_connection():
    # Django closes "old" connections when a request starts and ends, which in-process
    # would close the test's own connection mid-transaction. Django's test client
    # disconnects the same handler for the same reason.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _no_throttling(monkeypatch):
    # DRF read the rates at import; hundreds of requests would hit them within seconds.
    rates = dict.fromkeys(SimpleRateThrottle.THROTTLE_RATES, "1000000/min")
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)


@pytest.fixture
def seeded(reviewer, editor, fake_dns) -> dict[str, int]:
    """An article with a draft, a claim in review (source, verdict) and a published claim,
    and rita's URL import job. news.test resolves to a public address (never contacted:
    each example rolls back before the import task would run)."""
    fake_dns["news.test"] = ["93.184.216.34"]
    article = ArticleFactory()
    draft = ClaimFactory(article=article, created_by=reviewer)
    in_review = ClaimFactory(article=article, created_by=reviewer, status=Claim.Status.IN_REVIEW)
    published = published_claim(article=article, created_by=reviewer)
    return {
        "article": article.pk,
        "draft": draft.pk,
        "in_review": in_review.pk,
        "published": published.pk,
        "source": SourceFactory(claim=in_review, added_by=reviewer).pk,
        "public_source": published.sources.get().pk,
        "verdict": VerdictFactory(claim=in_review, reviewer=reviewer).pk,
        "job": str(
            Job.objects.create(
                kind="url_import", url="https://news.test/a", requested_by=reviewer, status="done"
            ).pk
        ),
        "claimreview": imported_claimreview().pk,
    }


def _real_ids(seeded: dict) -> dict[str, list[int]]:
    """Seeded ids by the kind a path parameter names."""
    claims = [seeded["draft"], seeded["in_review"], seeded["published"]]
    return {
        "article": [seeded["article"]],
        "claim": claims,
        "source": [seeded["source"], seeded["public_source"]],
        "verdict": [seeded["verdict"]],
        "job": [seeded["job"]],
        "claimreview": [seeded["claimreview"]],
    }


def _accepted_requests(seeded: dict) -> dict[str, list[tuple[dict, dict]]]:
    """(path parameters, body) the services accept, which random bodies almost never are."""
    in_review, published = {"id": seeded["in_review"]}, {"id": seeded["published"]}
    return {
        "POST /api/v1/auth/token/": [({}, {"username": "rita", "password": PASSWORD})],
        "POST /api/v1/claims/": [({}, {"article": seeded["article"], "start": 300, "end": 310})],
        "POST /api/v1/articles/import-url/": [({}, {"url": "https://news.test/story"})],
        "POST /api/v1/claims/{id}/reattach/": [(in_review, {"start": 300, "end": 310})],
        "POST /api/v1/claims/{claim_pk}/sources/": [
            ({"claim_pk": seeded["in_review"]}, {"url": "https://example.org/fuzz"})
        ],
        "POST /api/v1/claims/{id}/assign/": [(in_review, {"reviewers": ["rita"]})],
        "POST /api/v1/claims/{id}/publish/": [
            (in_review, {"rating": "false", "rationale": "Records contradict it."})
        ],
        "POST /api/v1/claims/{id}/correct/": [
            (published, {"rating": "misleading", "rationale": "New records.", "note": "Why."})
        ],
        "POST /api/v1/claims/{id}/retract/": [(published, {"note": "Source withdrawn."})],
        "POST /api/v1/claimreviews/import/": [
            ({}, {"@type": "ClaimReview", "url": "https://other.example/f", "claimReviewed": "C."})
        ],
        "POST /api/v1/checkworthiness/": [
            ({}, {"text": "The senator voted against the bill in 2019. Thank you."}),
            ({}, {"sentences": ["He cut 2,000 jobs.", "What now?"], "language": "de"}),
        ],
    }


def _kind_of(path: str, parameter: str) -> str:
    if parameter in ("article_pk", "claim_pk"):
        return parameter.removesuffix("_pk")
    return path.split("/")[3].removesuffix("s")  # /api/v1/<kind>s/{id}/...


def _strategy(operation, mode: GenerationMode, seeded: dict):
    """Generated requests, plus the same with each seeded id, plus accepted bodies."""
    strategies = [operation.as_strategy(generation_mode=mode)]
    for parameter in operation.path_parameters:
        for pk in _real_ids(seeded)[_kind_of(operation.path, parameter.name)]:
            fixed = {parameter.name: pk}
            strategies.append(operation.as_strategy(generation_mode=mode, path_parameters=fixed))
    if mode == GenerationMode.POSITIVE:
        for path_parameters, body in _accepted_requests(seeded).get(operation.label, []):
            strategies.append(
                operation.as_strategy(
                    path_parameters=path_parameters, body=body, media_type="application/json"
                )
            )
    return st.one_of(*strategies)


def _fuzz(operation, mode: GenerationMode, headers: dict, seeded: dict, checks: list, **kwargs):
    @settings(FUZZ, **kwargs)
    @given(case=_strategy(operation, mode, seeded))
    def run(case):
        with transaction.atomic():
            case.call_and_validate(headers=headers, checks=checks)
            transaction.set_rollback(True)

    run()


@pytest.fixture(params=["anonymous", "reviewer", "editor"])
def auth_headers(request, seeded) -> dict[str, str]:
    # "anonymous" sends no token of ours; schemathesis may still generate a junk
    # Authorization header from the schema's token scheme, which fuzzes it too.
    if request.param == "anonymous":
        return {}
    user = request.getfixturevalue(request.param)
    return {"Authorization": f"Token {tokens.issue(user)}"}


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_operation_answers_as_documented(label, auth_headers, seeded):
    _fuzz(OPERATIONS[label], GenerationMode.POSITIVE, auth_headers, seeded, CONFORMANCE)


@pytest.mark.parametrize("label", TAKES_INPUT)
def test_operation_refuses_invalid_input(label, auth_headers, seeded):
    checks = [*CONFORMANCE, negative_data_rejection]
    _fuzz(OPERATIONS[label], GenerationMode.NEGATIVE, auth_headers, seeded, checks)


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_operation_documents_a_bad_token(label, seeded):
    # Any operation that authenticates answers 401 to an unknown token, even a public read.
    headers = {"Authorization": "Token not-a-real-token"}
    _fuzz(OPERATIONS[label], GenerationMode.POSITIVE, headers, seeded, CONFORMANCE, max_examples=3)
