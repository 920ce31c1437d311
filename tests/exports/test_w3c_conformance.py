"""Our W3C exports against the W3C Web Annotation test suite's MUST assertions.

The suite (w3c/web-annotation-tests) lives outside the repository, in
../shared/w3c-annotation-tests; without it these tests skip, so the project
passes on its own. Each `*Musts.test` file lists JSON Schema (draft-04)
assertions; they `$ref` shared schemas in definitions/ by their `id`, which a
`referencing.Registry` of every suite schema resolves offline.

The harness is itself tested: the suite's correct samples must pass and its
incorrect ones must fail, so a harness that accepts everything cannot go green.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from annotations import services
from tests.exports.conftest import published_claim
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, VerdictFactory

SUITE = Path(__file__).resolve().parents[2].parent / "shared" / "w3c-annotation-tests"
SAMPLES = SUITE / "tools" / "samples"

pytestmark = pytest.mark.skipif(not SUITE.is_dir(), reason=f"W3C test suite not found at {SUITE}")

ANNOTATION_MUSTS = "annotations/annotationMusts.test"
COLLECTION_MUSTS = "collections/collectionMusts.test"
PAGE_MUSTS = "collections/pages/pageMusts.test"
MUSTS_BY_TYPE = {"AnnotationCollection": COLLECTION_MUSTS, "AnnotationPage": PAGE_MUSTS}

# Samples the suite calls correct that its own MUST assertions reject: upstream
# discrepancies, pinned with strict xfail so a fixed suite makes them pass loudly.
KNOWN_SUITE_DISCREPANCIES = {
    "anno11.json": "3.2-targetObjectsRecognized does not recognise a Composite target",
    "anno12.json": "3.2-targetObjectsRecognized does not recognise a List target",
    "anno13.json": "3.2-targetObjectsRecognized does not recognise an Independents target",
    "example42.json": "page MUSTs require partOf to be an object; the sample uses an IRI",
    "example43.json": "page MUSTs require partOf to be an object; the sample uses an IRI",
}

# RFC 3986 absolute URI: a scheme, then no whitespace, controls or characters
# that must be percent-encoded. jsonschema checks "uri" only when the optional
# rfc3987 package is installed; without a check the suite's anno6 passes.
_ABSOLUTE_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`\x00-\x1f\x7f]*$")


def _is_absolute_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(_ABSOLUTE_URI.match(value))


@dataclass(frozen=True)
class Assertion:
    """One suite assertion: a draft-04 schema plus the result it expects."""

    id: str
    expected_valid: bool
    error_message: str
    validator: Draft4Validator

    def holds_for(self, document: Any) -> bool:
        return self.validator.is_valid(document) == self.expected_valid


@cache
def _registry() -> Registry:
    schemas = (json.loads(path.read_text()) for path in _schema_paths())
    return Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4))
        for schema in schemas
    )


def _schema_paths() -> list[Path]:
    return [path for path in SUITE.rglob("*.json") if SAMPLES not in path.parents]


@cache
def _format_checker() -> FormatChecker:
    checker = FormatChecker()  # date-time comes from rfc3339-validator
    checker.checks("uri")(_is_absolute_uri)
    return checker


@cache
def must_assertions(test_file: str) -> tuple[Assertion, ...]:
    """The MUST assertions a `.test` file lists, ready to run."""
    listed = json.loads((SUITE / test_file).read_text())["assertions"]
    schemas = [json.loads((SUITE / name).read_text()) for name in listed]
    return tuple(
        Assertion(
            id=schema["id"],
            expected_valid=schema["expectedResult"] == "valid",
            error_message=schema["errorMessage"],
            validator=Draft4Validator(
                schema, registry=_registry(), format_checker=_format_checker()
            ),
        )
        for schema in schemas
        if schema["assertionType"] == "must"
    )


def failed_musts(document: Any, test_file: str) -> list[str]:
    return [
        f"{assertion.id}: {assertion.error_message}"
        for assertion in must_assertions(test_file)
        if not assertion.holds_for(document)
    ]


def failed_annotation_musts(annotation: dict[str, Any]) -> list[str]:
    # Annotations embedded in a page inherit the page's @context (model 5.2).
    document = {"@context": "http://www.w3.org/ns/anno.jsonld", **annotation}
    return failed_musts(document, ANNOTATION_MUSTS)


def unlisted_motivations(annotation: dict[str, Any]) -> set[str]:
    """Motivations and body purposes outside the model's list (3.3.5).

    The MUST assertions do not check these values (only optional ones do), so
    we check them against the suite's own `motivationList` definition.
    """
    listed = _registry().resolver().lookup("annotations.json#/definitions/motivationList")
    used = {annotation["motivation"]} | {
        body["purpose"] for body in annotation.get("body", []) if "purpose" in body
    }
    return used - set(listed.contents["enum"])


def test_every_listed_assertion_is_a_must_expecting_valid():
    for test_file in (ANNOTATION_MUSTS, COLLECTION_MUSTS, PAGE_MUSTS):
        assertions = must_assertions(test_file)
        assert assertions
        assert all(assertion.expected_valid for assertion in assertions)


# --- the harness can fail ------------------------------------------------------------------


def _samples(kind: str) -> list:
    if not SAMPLES.is_dir():
        return []
    return [
        pytest.param(
            path,
            id=path.name,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_SUITE_DISCREPANCIES[path.name])]
            if kind == "correct" and path.name in KNOWN_SUITE_DISCREPANCIES
            else [],
        )
        for path in sorted((SAMPLES / kind).glob("*.json"))
    ]


def _musts_for(document: Any) -> str:
    kind = document.get("type") if isinstance(document, dict) else None
    return MUSTS_BY_TYPE.get(kind, ANNOTATION_MUSTS)


@pytest.mark.parametrize("path", _samples("correct"))
def test_suite_correct_sample_passes(path):
    document = json.loads(path.read_text())
    assert failed_musts(document, _musts_for(document)) == []


@pytest.mark.parametrize("path", _samples("incorrect"))
def test_suite_incorrect_sample_fails(path):
    try:
        document = json.loads(path.read_text())
    except ValueError:
        return  # not even JSON (several samples are deliberately malformed): rejected
    assert failed_musts(document, _musts_for(document)) != []


def test_harness_rejects_unlisted_motivations():
    assert unlisted_motivations({"motivation": "citing", "body": [{"purpose": "linking"}]}) == {
        "citing"
    }


def test_harness_rejects_an_annotation_without_target_or_absolute_id():
    broken = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "claims/1",
        "type": "Annotation",
    }
    failures = failed_musts(broken, ANNOTATION_MUSTS)
    assert any(failure.startswith("3.1-annotationIdValidated.json") for failure in failures)
    assert any(failure.startswith("3.1-targetKeyFound.json") for failure in failures)


# --- our exports ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_highlighting_annotations_pass_every_must(desk_client):
    bare = ClaimFactory()
    linked = ClaimFactory(article=ArticleFactory(url=""))
    SourceFactory(claim=linked)

    for claim in (bare, linked):
        annotation = desk_client.get(f"/api/v1/claims/{claim.pk}/annotation/").json()
        assert annotation["motivation"] == "highlighting"
        assert failed_musts(annotation, ANNOTATION_MUSTS) == []
        assert unlisted_motivations(annotation) == set()


@pytest.mark.django_db
def test_assessing_annotations_with_sources_pass_every_must(
    api_client, desk_client, editor, reviewer
):
    published = published_claim(editor=editor, statement="Twelve bridges collapsed.")
    SourceFactory(claim=published)
    in_review = ClaimFactory()
    SourceFactory(claim=in_review)
    VerdictFactory(claim=in_review, reviewer=reviewer)  # the desk's own: not blind

    for client, claim in ((api_client, published), (desk_client, in_review)):
        annotation = client.get(f"/api/v1/claims/{claim.pk}/annotation/").json()
        assert annotation["motivation"] == "assessing"
        assert len(annotation["body"]) >= 2
        assert failed_musts(annotation, ANNOTATION_MUSTS) == []
        assert unlisted_motivations(annotation) == set()


@pytest.mark.django_db
def test_retracted_annotation_passes_every_must(api_client, editor):
    claim = published_claim(editor=editor)
    services.retract_claim(claim=claim, editor=editor, note="Wrong article.")

    annotation = api_client.get(f"/api/v1/claims/{claim.pk}/annotation/").json()

    assert failed_musts(annotation, ANNOTATION_MUSTS) == []
    assert unlisted_motivations(annotation) == set()


@pytest.mark.django_db
def test_collection_and_its_pages_pass_every_must(desk_client, editor):
    article = ArticleFactory()
    for start in (0, 30, 60):
        published_claim(editor=editor, article=article, start=start)
    ClaimFactory(article=article, start=90)
    collection_url = f"/api/v1/articles/{article.pk}/annotations/"

    collection = desk_client.get(f"{collection_url}?page_size=2").json()
    page = desk_client.get(f"{collection_url}?page=2&page_size=2").json()

    assert failed_musts(collection, COLLECTION_MUSTS) == []
    # The page MUSTs also cover "a collection with an embedded page".
    assert failed_musts(collection, PAGE_MUSTS) == []
    assert failed_musts(page, PAGE_MUSTS) == []
    assert "prev" in page
    for item in collection["first"]["items"] + page["items"]:
        assert failed_annotation_musts(item) == []
        assert unlisted_motivations(item) == set()
