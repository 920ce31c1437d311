"""`{% json_ld data %}`: a <script type="application/ld+json"> block that cannot be broken out of.

Django's `json_script` escapes exactly what matters (<, > and &, so a value
containing `</script>` or `<!--` stays inside the block) but always writes
type="application/json". Search engines need application/ld+json, so this
applies the same escaping to the same JSON. A data block is not executed, so it
needs no CSP nonce.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# The same table as django.utils.html._json_script_escapes (private, so copied).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_text(data) -> str:
    """The JSON with <, > and & as \\u escapes: still the same JSON to any parser."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )


@register.simple_tag
def json_ld(data) -> SafeString:
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(json_ld_text(data)),  # noqa: S308 - escaped above, like json_script
    )
