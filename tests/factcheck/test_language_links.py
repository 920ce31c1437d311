"""`{% keep_lang %}` and with_language(): links that keep a reader's `?lang=` choice."""

import pytest
from django.template import Context, Template

from factcheck.language_links import with_language


@pytest.mark.parametrize(
    ("url", "code", "expected"),
    [
        ("/factchecks/", "es", "/factchecks/?lang=es"),
        ("/factchecks/?q=riot", "es", "/factchecks/?q=riot&lang=es"),
        ("/factchecks/?lang=en&page=2", "es", "/factchecks/?page=2&lang=es"),
        ("/factchecks/?language=x", "es", "/factchecks/?language=x&lang=es"),
        ("/factchecks/1/#sources", "es", "/factchecks/1/?lang=es#sources"),
        ("https://example.org/factchecks/1/", "es", "https://example.org/factchecks/1/?lang=es"),
        ("/factchecks/", "", "/factchecks/"),
    ],
)
def test_with_language(url, code, expected):
    assert with_language(url, code) == expected


def test_keep_lang_is_a_builtin_and_escapes():
    template = Template('<a href="{% keep_lang url %}">')
    context = {"url": "/factchecks/?q=a&b=1"}
    assert template.render(Context(context)) == '<a href="/factchecks/?q=a&amp;b=1">'
    spanish = Context({**context, "language_parameter": "es"})
    assert template.render(spanish) == '<a href="/factchecks/?q=a&amp;b=1&amp;lang=es">'
