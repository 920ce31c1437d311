"""OpenAPI description of the Google-compatible search: parameters and response shapes.

These serializers only describe (drf-spectacular reads them); the view builds
its answers with public.google_shape. Every field is optional, as in Google's
JSON, where a field without a value is left out.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers


class PublisherSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, help_text="The fact-checking organisation.")
    site = serializers.CharField(
        required=False, help_text='Host of the review URL without "www.", e.g. example.org.'
    )


class ClaimReviewSerializer(serializers.Serializer):
    publisher = PublisherSerializer(required=False)
    url = serializers.URLField(required=False, help_text="The public fact-check page.")
    title = serializers.CharField(required=False, help_text="Title of the fact-check page.")
    reviewDate = serializers.DateTimeField(
        required=False, help_text="When the verdict was first published (RFC 3339, UTC)."
    )
    textualRating = serializers.CharField(
        required=False, help_text='The current rating, e.g. "Mostly false".'
    )
    languageCode = serializers.CharField(
        required=False, help_text='Language the review is written in, e.g. "en".'
    )


class GoogleClaimSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, help_text="The claim text.")
    claimant = serializers.CharField(
        required=False, help_text="Who made the claim (else the outlet that printed it)."
    )
    claimDate = serializers.DateTimeField(
        required=False, help_text="When the claim was made: the article's date, if known."
    )
    claimReview = ClaimReviewSerializer(many=True, required=False)


class SearchResponseSerializer(serializers.Serializer):
    claims = GoogleClaimSerializer(many=True, required=False)
    nextPageToken = serializers.CharField(
        required=False, help_text="Pass as pageToken for the next page; absent on the last."
    )


# Google's error body (google.rpc.Status with a BadRequest detail). Written as a raw
# schema because a field is called "@type". `error` is not required: a parameter given
# twice is refused earlier, by factcheck.query_params, in the API's usual error shape.
GOOGLE_ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "status"],
            "properties": {
                "code": {"type": "integer", "example": 400},
                "message": {"type": "string"},
                "status": {"type": "string", "example": "INVALID_ARGUMENT"},
                "details": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "@type": {"type": "string"},
                            "fieldViolations": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "field": {"type": "string"},
                                        "description": {"type": "string"},
                                    },
                                },
                            },
                        },
                    },
                },
            },
        }
    },
}


def _parameter(name: str, kind, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, description=description)


SEARCH_PARAMETERS = [
    _parameter("query", OpenApiTypes.STR,
               "Textual query string. Required unless reviewPublisherSiteFilter is given."),
    _parameter("languageCode", OpenApiTypes.STR,
               'BCP-47 language code, e.g. "en-US"; compared by language, not region.'),
    _parameter("reviewPublisherSiteFilter", OpenApiTypes.STR,
               "Review publisher site, e.g. example.org: this site's own host, else no results."),
    _parameter("maxAgeDays", OpenApiTypes.INT,
               "Maximum age in days, by claim date or review date, whichever is newer."),
    _parameter("pageSize", OpenApiTypes.INT, "Results per page; default 10, at most 100."),
    _parameter("pageToken", OpenApiTypes.STR,
               "nextPageToken of the previous page; the other parameters must stay the same."),
    _parameter("offset", OpenApiTypes.INT,
               "Start at this result (0 = first); used only without pageToken. At most 10000."),
    _parameter("key", OpenApiTypes.STR, "Accepted for Google compatibility and ignored."),
]  # fmt: skip
