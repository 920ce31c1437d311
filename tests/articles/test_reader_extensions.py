"""The reader's extension points: upper apps add to the page, articles never imports them."""

import json
import re
from pathlib import Path

import pytest

from articles import reader_extensions
from articles.reader_extensions import ReaderExtension
from tests.factories import ArticleFactory

ROOT = Path(__file__).resolve().parents[2]
LOWER_APPS = ("articles", "annotations", "accounts", "history", "factcheck", "api_support")
UPPER_APPS = ("claimreviews", "search", "suggestions", "fetching", "public")


@pytest.fixture
def extension(settings):
    # A new list, not an edit in place: assigning resets Django's template engines.
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], ROOT / "tests/articles/templates"]}]
    extension = ReaderExtension(
        name="probe",
        toolbar_template="test_reader/toolbar.html",
        panel_template="test_reader/panel.html",
        stylesheet="probe/probe.css",
        script="probe/probe.js",
        data=lambda request, article: {"title": article.title, "user": request.user.username},
    )
    reader_extensions.register(extension)
    yield extension
    reader_extensions.unregister("probe")


@pytest.mark.django_db
def test_an_extension_is_included_at_every_point(client, reviewer, extension):
    article = ArticleFactory(title="Probe <b>")
    client.force_login(reviewer)
    html = client.get(f"/articles/{article.pk}/").content.decode()

    assert '<button data-probe-toggle aria-pressed="false">Probe</button>' in html
    assert "<section data-probe-panel></section>" in html
    assert '<link rel="stylesheet" href="/static/probe/probe.css">' in html
    assert re.search(r'<script type="module" src="/static/probe/probe.js" nonce="[^"]+">', html)
    data = json.loads(re.search(r'id="reader-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["extensions"]["probe"] == {"title": "Probe <b>", "user": "rita"}


@pytest.mark.django_db
def test_suggestions_register_themselves(client, reviewer):
    assert "suggestions" in [e.name for e in reader_extensions.extensions()]
    article = ArticleFactory(language="de")
    client.force_login(reviewer)
    html = client.get(f"/articles/{article.pk}/").content.decode()
    assert "data-suggestions-toggle" in html
    data = json.loads(re.search(r'id="reader-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["extensions"]["suggestions"]["supported"] is False


def test_lower_apps_never_import_upper_apps():
    pattern = re.compile(rf"^\s*(?:from|import)\s+(?:{'|'.join(UPPER_APPS)})\b", re.M)
    offenders = [
        str(path.relative_to(ROOT))
        for app in LOWER_APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
