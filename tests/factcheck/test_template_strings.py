"""No template shows text a translator never sees.

A heuristic scan of every project template: the markup that remains once
`{% translate %}`/`{% blocktranslate %}` blocks, comments, variables and tags
are taken out must hold no words, neither in text nodes nor in the attributes
people read or hear (title, alt, placeholder, aria-label...). The few words
that are not language (the brand, hash names, feed formats) are listed.
"""

import re
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    path
    for path in ROOT.glob("**/templates/**/*.html")
    if not {".venv", "tests", "staticfiles", "node_modules"} & set(path.relative_to(ROOT).parts)
)
# Words that read the same in every language: the brand (fact<span>check</span>), the
# hash and feed format names, an address placeholder.
NOT_LANGUAGE = {"fact", "check", "factcheck", "SHA-256", "Atom", "RSS", "https://"}
VISIBLE_ATTRIBUTES = re.compile(
    r'\b(title|alt|placeholder|aria-label|aria-description|aria-roledescription|data-badge|data-label)="([^"]*)"'
)
TEXT_NODE = re.compile(r">([^<>]*)<")
WORD = re.compile(r"[^\W\d_]{2,}")
HOLE = "\u2400"  # where a variable or tag stood


def skeleton(source: str) -> str:
    """The template with translated blocks, comments, variables and tags cut out."""
    parts, skipping = [], None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if skipping:
                if name == skipping:
                    skipping = None
                continue
            if name in {"blocktranslate", "blocktrans"}:
                skipping = "end" + name
            elif name == "comment":
                skipping = "endcomment"
            elif name == "block" and token.contents.endswith("_class"):
                skipping = "endblock"  # CSS class names, e.g. {% block main_class %}
            parts.append(HOLE)
        elif token.token_type == TokenType.TEXT and not skipping:
            parts.append(token.contents)
        elif token.token_type == TokenType.VAR and not skipping:
            parts.append(HOLE)
    text = "".join(parts)
    text = re.sub(r"<script\b.*?</script>", HOLE, text, flags=re.S)
    text = re.sub(r"<style\b.*?</style>", HOLE, text, flags=re.S)
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)


def untranslated(source: str) -> list[str]:
    found = []
    # Text before the first tag or after the last one (a child template's
    # {% block title %}Words{% endblock %}) is a text node too.
    text = f">{skeleton(source)}<"
    candidates = [m.group(1) for m in TEXT_NODE.finditer(text)]
    candidates += [m.group(2) for m in VISIBLE_ATTRIBUTES.finditer(text)]
    for candidate in candidates:
        cleaned = re.sub(r"&[#\w]+;", " ", candidate.replace(HOLE, " ")).strip()
        words = [w for w in cleaned.split() if w not in NOT_LANGUAGE]
        if any(WORD.search(word) for word in words):
            found.append(cleaned)
    return found


def test_the_scan_finds_templates():
    names = {path.name for path in TEMPLATES}
    assert {"base.html", "reader.html", "factcheck.html", "index.html"} <= names


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>Hello</p>", ["Hello"]),
        ('<button aria-label="Close">+</button>', ["Close"]),
        ('<p>{% translate "Hello" %}</p>', []),
        ("<p>{% blocktranslate %}Hi {{ name }}{% endblocktranslate %}</p>", []),
        ("<p>{{ name }}</p>{# note #}{% comment %}<p>Hidden</p>{% endcomment %}", []),
        ('<a class="brand" href="/">fact<span>check</span></a>', []),
        ("<p>{{ count }} claim{{ count|pluralize }}</p>", ["claim"]),
        (
            "{% block title %}Queue{% endblock %}{% block main_class %}page wide{% endblock %}",
            ["Queue"],
        ),
    ],
)
def test_the_heuristic(source, expected):
    assert untranslated(source) == expected


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_untranslated_text(path):
    assert untranslated(path.read_text()) == []
