"""The W3C builders as pure functions: in-memory claims in, JSON-LD dicts out, no database."""

from annotations.exports import xsd_datetime
from annotations.exports.w3c import Iris, Paging, annotation_for, collection_for, page_for
from tests.exports.conftest import (
    T0,
    add_in_memory_source,
    add_in_memory_verdict,
    all_verdicts,
    in_memory_claim,
    publish_in_memory,
)

IRIS = Iris(base="https://fc.example")


def test_xsd_datetime_is_utc_with_z_and_whole_seconds():
    assert xsd_datetime(T0) == "2024-05-01T12:00:00Z"
    assert xsd_datetime(None) is None


def test_published_claim_with_source_is_a_full_assessing_annotation():
    claim = in_memory_claim()
    add_in_memory_source(claim, "https://stats.example/bridges")
    add_in_memory_verdict(claim, username="omar", rating="mostly-false", rationale="Desk note.")
    publish_in_memory(claim, rating="false", rationale="The ministry counted two.", day=2)

    annotation = annotation_for(claim, iris=IRIS, verdicts_for=all_verdicts)

    assert annotation == {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://fc.example/api/v1/claims/5/annotation/",
        "type": "Annotation",
        "motivation": "assessing",
        "creator": {
            "id": "https://fc.example/api/v1/users/rita/",
            "type": "Person",
            "name": "Rita Reyes",
            "nickname": "rita",
        },
        "created": "2024-05-01T12:00:00Z",
        # The latest change of anything shown: here the publication on 2 May.
        "modified": "2024-05-02T12:00:00Z",
        "generator": {"id": "https://fc.example/", "type": "Software", "name": "factcheck"},
        "body": [
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": "False: The ministry counted two.",
                "format": "text/plain",
                "language": "en",
                "creator": {
                    "id": "https://fc.example/api/v1/users/edna/",
                    "type": "Person",
                    "name": "edna",
                    "nickname": "edna",
                },
                "created": "2024-05-02T12:00:00Z",
            },
            {
                "type": "SpecificResource",
                "purpose": "linking",
                "source": "https://stats.example/bridges",
            },
        ],
        "target": {
            "type": "SpecificResource",
            "source": "https://news.example/bridges",
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": "12 bridges collapsed last year",
                    "prefix": "Officials said ",
                    "suffix": ". The ministry counted two.",
                },
                {"type": "TextPositionSelector", "start": 15, "end": 45},
            ],
        },
    }


def test_unassessed_claim_is_a_highlight_without_body_and_targets_the_api_article():
    claim = in_memory_claim(article_url="")
    claim.prefix = ""

    annotation = annotation_for(claim, iris=IRIS, verdicts_for=all_verdicts)

    assert annotation["motivation"] == "highlighting"
    assert "body" not in annotation
    assert annotation["modified"] == "2024-05-01T13:00:00Z"
    assert annotation["target"]["source"] == "https://fc.example/api/v1/articles/7/"
    # An empty prefix is left out rather than sent as "".
    assert annotation["target"]["selector"][0] == {
        "type": "TextQuoteSelector",
        "exact": "12 bridges collapsed last year",
        "suffix": ". The ministry counted two.",
    }


def test_latest_publication_is_the_assessment_after_a_correction():
    claim = in_memory_claim()
    publish_in_memory(claim, rating="false", rationale="First.", day=2)
    publish_in_memory(claim, rating="misleading", rationale="Corrected.", day=9)

    bodies = annotation_for(claim, iris=IRIS, verdicts_for=None)["body"]

    assert [body["value"] for body in bodies] == ["Misleading: Corrected."]


def test_unpublished_verdicts_are_bodies_only_when_visible():
    claim = in_memory_claim()
    add_in_memory_verdict(claim, username="omar", rating="mostly-false", rationale="Two, not 12.")

    for_desk = annotation_for(claim, iris=IRIS, verdicts_for=all_verdicts)
    for_public = annotation_for(claim, iris=IRIS, verdicts_for=None)

    assert for_desk["motivation"] == "assessing"
    assert for_desk["body"] == [
        {
            "type": "TextualBody",
            "purpose": "assessing",
            "value": "Mostly false: Two, not 12.",
            "format": "text/plain",
            "language": "en",
            "creator": {
                "id": "https://fc.example/api/v1/users/omar/",
                "type": "Person",
                "name": "omar",
                "nickname": "omar",
            },
            "created": "2024-05-01T15:00:00Z",
            "modified": "2024-05-01T16:00:00Z",
        }
    ]
    assert for_desk["modified"] == "2024-05-01T16:00:00Z"
    assert for_public["motivation"] == "highlighting"
    assert "body" not in for_public


def test_usernames_are_escaped_in_agent_iris():
    claim = in_memory_claim()
    claim.created_by.username = "ann marie/x"

    creator = annotation_for(claim, iris=IRIS, verdicts_for=None)["creator"]

    assert creator["id"] == "https://fc.example/api/v1/users/ann%20marie%2Fx/"


def test_collection_embeds_first_page_and_links_last():
    claims = [in_memory_claim() for _ in range(2)]
    collection = collection_for(
        claims[0].article,
        claims,
        paging=Paging(number=1, size=2, total=5),
        iris=IRIS,
        verdicts_for=None,
    )
    first = collection.pop("first")

    assert collection == {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://fc.example/api/v1/articles/7/annotations/",
        "type": "AnnotationCollection",
        "label": 'Fact-check annotations on "Bridges"',
        "total": 5,
        "last": "https://fc.example/api/v1/articles/7/annotations/?page=3&page_size=2",
    }
    assert first["id"] == "https://fc.example/api/v1/articles/7/annotations/?page=1&page_size=2"
    assert first["type"] == "AnnotationPage"
    assert first["startIndex"] == 0
    assert first["next"] == "https://fc.example/api/v1/articles/7/annotations/?page=2&page_size=2"
    assert "prev" not in first
    assert [item["id"] for item in first["items"]] == [
        "https://fc.example/api/v1/claims/5/annotation/"
    ] * 2
    assert "@context" not in first["items"][0]


def test_empty_collection_has_no_first_or_last():
    article = in_memory_claim().article
    collection = collection_for(
        article, [], paging=Paging(number=1, size=100, total=0), iris=IRIS, verdicts_for=None
    )
    assert "first" not in collection
    assert "last" not in collection
    assert collection["total"] == 0


def test_middle_page_links_both_ways_and_describes_its_collection():
    claim = in_memory_claim()
    page = page_for(
        claim.article,
        [claim],
        paging=Paging(number=2, size=100, total=250),
        iris=IRIS,
        verdicts_for=None,
    )
    items = page.pop("items")

    collection = "https://fc.example/api/v1/articles/7/annotations/"
    assert page == {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{collection}?page=2",
        "type": "AnnotationPage",
        "partOf": {
            "id": collection,
            "type": "AnnotationCollection",
            "label": 'Fact-check annotations on "Bridges"',
            "total": 250,
            "first": f"{collection}?page=1",
            "last": f"{collection}?page=3",
        },
        "startIndex": 100,
        "prev": f"{collection}?page=1",
        "next": f"{collection}?page=3",
    }
    assert len(items) == 1


def test_paging_arithmetic():
    assert Paging(number=1, size=100, total=0).last == 1
    assert Paging(number=1, size=100, total=100).last == 1
    assert Paging(number=1, size=100, total=101).last == 2
    assert Paging(number=3, size=7, total=50).start_index == 14


def test_retracted_claim_no_longer_carries_the_published_assessment():
    claim = in_memory_claim()
    add_in_memory_verdict(claim, username="omar", rating="false", rationale="Desk note.")
    publish_in_memory(claim, rating="false", rationale="Published.", day=2)
    claim.status = "retracted"

    for_desk = annotation_for(claim, iris=IRIS, verdicts_for=all_verdicts)
    for_public = annotation_for(claim, iris=IRIS, verdicts_for=None)

    assert [body["value"] for body in for_desk["body"]] == ["False: Desk note."]
    assert "body" not in for_public


def test_retracted_claim_says_so_in_a_comment_body():
    claim = in_memory_claim()
    publish_in_memory(claim, rating="false", rationale="Published.", day=2)
    retraction = publish_in_memory(claim, rating="false", rationale="Published.", day=5)
    retraction.kind, retraction.note = "retraction", "We checked the wrong article."
    claim.status = "retracted"

    annotation = annotation_for(claim, iris=IRIS, verdicts_for=None)

    assert annotation["motivation"] == "highlighting"
    assert annotation["body"] == [
        {
            "type": "TextualBody",
            "purpose": "commenting",
            "value": "Retracted: We checked the wrong article.",
            "format": "text/plain",
            "language": "en",
            "creator": {
                "id": "https://fc.example/api/v1/users/edna/",
                "type": "Person",
                "name": "edna",
                "nickname": "edna",
            },
            "created": "2024-05-05T12:00:00Z",
        }
    ]
