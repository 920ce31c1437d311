"""The public pages and the reader in Spanish; the API and the data in LANGUAGE_CODE.

The language comes from `?lang=`, Accept-Language, and for a signed-in person the
desk switcher's cookie (factcheck.i18n); pages say which with <html lang>, point to each other with
hreflang alternates and vary on Accept-Language, while the API, feeds and the
ClaimReview JSON-LD answer in settings.LANGUAGE_CODE whatever the client asks.
"""

import json
import re

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import ArticleFactory, ClaimFactory

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9,en;q=0.5"}
LANG_ATTRIBUTE = re.compile(r'<html lang="([^"]+)">')


def html_lang(response) -> str:
    return LANG_ATTRIBUTE.search(response.content.decode()).group(1)


def json_ld(response) -> dict:
    body = response.content.decode()
    start = body.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    return json.loads(body[start : body.index("</script>", start)])


def test_site_language_is_english():
    assert settings.LANGUAGE_CODE == "en"
    assert [code for code, _name in settings.LANGUAGES] == ["en", "es"]


def test_public_index_in_spanish(record):
    response = Client().get("/factchecks/", **SPANISH)
    body = response.content.decode()
    assert response.status_code == 200
    assert html_lang(response) == "es"
    assert response["Content-Language"] == "es"
    assert "<h1>Verificaciones</h1>" in body
    assert "Mayormente falso" in body  # the published rating's badge
    assert "Verdad a medias" in body  # the corrected one
    assert "Todas las verificaciones" in body  # the footer
    assert "Fact-checks</h1>" not in body


def test_public_index_in_english_by_default(record):
    response = Client().get("/factchecks/")
    assert html_lang(response) == "en"
    assert "<h1>Fact-checks</h1>" in response.content.decode()


def test_factcheck_page_in_spanish_keeps_claimreview_in_english(record):
    response = Client().get(f"/factchecks/{record.published.pk}/", **SPANISH)
    body = response.content.decode()
    assert html_lang(response) == "es"
    assert "Nuestro veredicto" in body
    assert "Mayormente falso" in body
    assert "Publicada el" in body
    # Dates in Spanish words: "1 de marzo de 2024" for the article's date.
    assert "1 de marzo de 2024" in body
    # The structured data search engines read stays in the site's language.
    review = json_ld(response)
    assert review["reviewRating"]["alternateName"] == "Mostly false"


def test_every_rating_label_in_spanish():
    from django.utils import translation

    from annotations.ratings import scale

    with translation.override("es"):
        labels = [info.label for info in scale()]
    assert labels == [
        "Verdadero", "Mayormente verdadero", "Verdad a medias", "Mayormente falso", "Falso",
        "Engañoso", "Inverificable",
    ]  # fmt: skip


@pytest.mark.parametrize("path", ["/factchecks/", "/about/methodology/"])
def test_lang_parameter_and_cookie_choose_the_language(record, reviewer, path):
    client = Client()
    assert html_lang(client.get(path, {"lang": "es"})) == "es"
    # `?lang=` is this address's language: the bare one follows the browser again.
    assert html_lang(client.get(path)) == "en"
    # A reader's pages never read the cookie (shared caches key them on the address)...
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert html_lang(client.get(path)) == "en"
    # ...a signed-in person's pages, private anyway, do.
    client.force_login(reviewer)
    assert html_lang(client.get(path)) == "es"
    assert html_lang(client.get(path, {"lang": "en"})) == "en"
    # An unknown language falls back to the usual choice, never a 500.
    assert client.get(path, {"lang": "xx"}).status_code == 200


def test_hreflang_alternates_and_vary(record):
    response = Client().get(f"/factchecks/{record.published.pk}/")
    body = response.content.decode()
    page = f"http://testserver/factchecks/{record.published.pk}/"
    assert f'<link rel="alternate" hreflang="en" href="{page}?lang=en">' in body
    assert f'<link rel="alternate" hreflang="es" href="{page}?lang=es">' in body
    assert f'<link rel="alternate" hreflang="x-default" href="{page}">' in body
    # A reader's page depends on its address and Accept-Language, never on a cookie.
    vary = {part.strip() for part in response["Vary"].split(",")}
    assert "Accept-Language" in vary
    assert "Cookie" not in vary


def test_index_hreflang_only_when_unfiltered(record):
    assert 'hreflang="es"' in Client().get("/factchecks/").content.decode()
    filtered = Client().get("/factchecks/", {"q": "riot"}).content.decode()
    assert 'hreflang="es"' not in filtered


def test_api_stays_in_site_language(record):
    client = APIClient()
    response = client.get(f"/api/v1/claims/{record.published.pk}/", **SPANISH)
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")
    ratings = client.get("/api/v1/ratings/", **SPANISH).json()
    rows = ratings["results"] if isinstance(ratings, dict) else ratings
    labels = [row["label"] for row in rows]
    assert "Mostly false" in labels
    assert "Mayormente falso" not in labels
    # Error messages too (DRF ships Spanish ones, which must not be used here).
    missing = client.get("/api/v1/claims/999999/", **SPANISH)
    assert missing.status_code == 404
    assert missing.json() == client.get("/api/v1/claims/999999/").json()
    refused = client.post("/api/v1/claims/", {}, format="json", **SPANISH)
    assert refused.json() == client.post("/api/v1/claims/", {}, format="json").json()
    # ?lang= does not switch the API either.
    again = client.get("/api/v1/ratings/", {"lang": "es"})
    assert "Mayormente falso" not in again.content.decode()


def test_claimreview_export_and_feeds_stay_in_site_language(record):
    export = APIClient().get(f"/api/v1/claims/{record.published.pk}/claimreview/", **SPANISH)
    assert export.status_code == 200
    assert export.json()["reviewRating"]["alternateName"] == "Mostly false"
    feed = Client().get("/factchecks/feed/atom/", **SPANISH)
    assert "Mostly false" in feed.content.decode()
    assert "Mayormente falso" not in feed.content.decode()
    datafeed = Client().get("/factchecks/feed.jsonld", **SPANISH)
    text = (
        b"".join(datafeed.streaming_content).decode()
        if datafeed.streaming
        else datafeed.content.decode()
    )
    assert "Mostly false" in text
    assert "Mayormente falso" not in text


def test_reader_in_spanish(client, reviewer):
    article = ArticleFactory(title="Un artículo")
    ClaimFactory(article=article)
    client.force_login(reviewer)
    response = client.get(f"/articles/{article.pk}/", **SPANISH)
    body = response.content.decode()
    assert html_lang(response) == "es"
    assert "Añadir afirmación" in body
    assert "Afirmaciones de este artículo" in body
    assert "Cola de revisión" in body  # the header
    # The reader's rating vocabulary, from json_script, is in Spanish too.
    assert "Mayormente falso" in body
    # The JS catalog for Spanish is loaded before the modules, from a versioned address.
    catalog = re.search(r'<script src="(/jsi18n/[0-9a-f]+/es\.js)"', body).group(1)
    script = client.get(catalog)
    assert script.status_code == 200
    # Cached for a year by anyone; a signed-in request's response stays private
    # (factcheck.middleware.PrivateResponsesMiddleware), like every desk response.
    assert "max-age=31536000" in Client().get(catalog)["Cache-Control"]
    assert "Verdicts (%s)" in script.content.decode()
    assert "Veredictos (%s)" in script.content.decode()


def test_javascript_catalog_addresses(client):
    from factcheck.i18n import catalog_version

    version = catalog_version()
    english = client.get(f"/jsi18n/{version}/en.js")
    assert english.status_code == 200
    assert "Veredictos" not in english.content.decode()
    assert client.get(f"/jsi18n/{version}/xx.js").status_code == 404
    stale = client.get("/jsi18n/0000/es.js")
    assert stale.status_code == 200
    assert "immutable" not in stale["Cache-Control"]


@pytest.mark.django_db
def test_a_signed_in_reviewer_gets_the_catalog_cacheable_too(client, reviewer):
    # Its content depends on its address alone, so the private-response rule for
    # signed-in requests (factcheck.middleware) leaves it cacheable.
    from factcheck.i18n import catalog_version

    client.force_login(reviewer)
    response = client.get(f"/jsi18n/{catalog_version()}/es.js")
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert "no-store" not in response["Cache-Control"]


def test_set_language_needs_csrf_and_sets_the_cookie(record, reviewer):
    # The desk's switcher: a signed-in person's choice is kept in the cookie.
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(reviewer)
    assert (
        strict.post("/i18n/setlang/", {"language": "es", "next": "/factchecks/"}).status_code == 403
    )
    strict.get("/factchecks/")
    token = strict.cookies["csrftoken"].value
    response = strict.post(
        "/i18n/setlang/",
        {"language": "es", "next": "/factchecks/", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert response["Location"] == "/factchecks/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert html_lang(strict.get("/factchecks/")) == "es"


def test_counts_and_dates_follow_the_language():
    from datetime import date

    from django.template import Context, Template
    from django.utils import translation

    template = Template('{% load humanize %}{{ n|intcomma }} · {{ day|date:"DATE_FORMAT" }}')
    context = Context({"n": 12345, "day": date(2026, 3, 4)})
    with translation.override("en"):
        assert template.render(context) == "12,345 · 4 March 2026"
    with translation.override("es"):
        # The RAE groups digits with a (non-breaking) space.
        assert template.render(context) == "12\xa0345 · 4 de marzo de 2026"


def test_editors_text_keeps_its_language_on_a_spanish_page(db):
    body = Client().get("/about/methodology/", **SPANISH).content.decode()
    assert re.search(r'<div class="prose"[^>]* lang="en">', body)
    english = Client().get("/about/methodology/").content.decode()
    assert re.search(r'<div class="prose"[^>]*>', english)
    assert not re.search(r'<div class="prose"[^>]* lang=', english)


def test_language_code_setting_makes_spanish_the_site_language(record, settings):
    settings.LANGUAGE_CODE = "es"
    # A browser asking for nothing we have gets the site's language...
    page = Client().get("/factchecks/", HTTP_ACCEPT_LANGUAGE="de")
    assert html_lang(page) == "es"
    # ...and the API, feeds and ClaimReview now speak Spanish whatever the client asks.
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    ratings = APIClient().get("/api/v1/ratings/", **english).json()
    rows = ratings["results"] if isinstance(ratings, dict) else ratings
    assert "Mayormente falso" in [row["label"] for row in rows]
    review = json_ld(Client().get(f"/factchecks/{record.published.pk}/", **english))
    assert review["reviewRating"]["alternateName"] == "Mayormente falso"


def test_unknown_language_code_stops_the_server():
    import os
    import subprocess
    import sys

    environment = {**os.environ, "DEBUG": "1", "LANGUAGE_CODE": "xx"}
    result = subprocess.run(
        [sys.executable, "-c", "import factcheck.settings"],
        env=environment, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "LANGUAGE_CODE must be one of en, es" in result.stderr
