"""The API's JSON parser: DRF's, with a nesting limit (SECURITY-CASES #34).

Set as DEFAULT_PARSER_CLASSES and on every view that names its parsers, so no
endpoint (the unauthenticated token endpoint included) decodes a body any other way.
"""

import codecs

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils import json as drf_json

from factcheck import jsonlimits


class BoundedJSONParser(JSONParser):
    """application/json, refused with a 400 when nested deeper than FACTCHECK_JSON_MAX_DEPTH."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.getreader(encoding)(stream).read()
            return jsonlimits.loads(
                text, parse_constant=drf_json.strict_constant if self.strict else None
            )
        except jsonlimits.JSONTooDeep as exc:
            raise ParseError(str(exc), code="json_too_deep") from None
        except ValueError as exc:  # also UnicodeDecodeError
            raise ParseError(f"JSON parse error - {exc}") from None
