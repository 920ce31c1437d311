"""Direction isolation for user-supplied text on output (issue 8 point 12).

Titles, statements, claimants, sources and notes may hold right-to-left text,
and so bidi controls (Arabic and Hebrew need them), which we keep. But a
U+202E RIGHT-TO-LEFT OVERRIDE left open flips whatever follows it on the line:
"Claimed by X · in Y" could be made to read as something else. So every
user-supplied string is shown as its own bidi isolate:

- `{{ value|bdi }}` in element content: `<bdi>value</bdi>` (escaped), or
  `<bdi>` around already-safe HTML such as `linebreaks` output. An isolate ends
  every override and embedding that starts inside it, and its direction comes
  from its own first strong letter, so a Hebrew title in an English sentence
  reads right as well.
- `{{ value|isolate }}` where markup cannot go (`<title>`, attribute values,
  plain-text feed titles): the value between U+2068 FIRST STRONG ISOLATE and
  U+2069 POP DIRECTIONAL ISOLATE, the same isolation in characters.

Both are template builtins (settings.TEMPLATES), so every app's templates use
them without `{% load %}`. JavaScript-built cards put user text in elements
carrying `dir="auto"`, which isolates in the same way.
"""

import unicodedata

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

register = template.Library()

FSI, PDI = "\u2068", "\u2069"
# Bidi classes that can change how the text around a value reads: right-to-left
# letters (R, AL) and every explicit embedding, override and isolate control.
_NOT_LEFT_TO_RIGHT = {"R", "AL", "RLE", "LRE", "RLO", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"}


@register.filter(is_safe=True)
def bdi(value) -> SafeString | str:
    """`<bdi>` around the value (escaped unless already safe); empty stays empty."""
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", conditional_escape(value))


@register.filter
def isolate(value) -> str:
    """The value between FSI and PDI where markup cannot go; escaped later.

    Only when it needs it (it holds a direction control or a right-to-left letter):
    left-to-right text reads the same either way, and titles shared to other sites
    and feed readers then stay byte-for-byte what the author wrote.
    """
    if value is None or value == "":
        return ""
    text = str(value)
    if not needs_isolation(text):
        return text
    return f"{FSI}{text}{PDI}"


def needs_isolation(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _NOT_LEFT_TO_RIGHT for ch in text)
