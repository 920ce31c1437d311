"""Public pages for anonymous readers can be stored by a shared cache (a CDN, a proxy).

An anonymous GET of a public page sets no cookie, does not vary on Cookie and
says `Cache-Control: public, max-age=0, s-maxage=...` (factcheck.caching). The language
switcher needs no CSRF token for readers: a GET form to this page's `?lang=xx`
address, and links on a `?lang=` page keep the parameter, so the choice stays
while the reader clicks through (factcheck.i18n). Signed-in desk users keep the
POST form and its cookie, and every response to them stays `private, no-store`.
"""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import UserFactory

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}
LANG_ATTRIBUTE = re.compile(r'<html lang="([^"]+)">')


def html_lang(response) -> str:
    return LANG_ATTRIBUTE.search(response.content.decode()).group(1)


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


def public_paths(record) -> list[str]:
    return [
        "/factchecks/",
        f"/factchecks/{record.published.pk}/",
        f"/factchecks/{record.corrected.pk}/embed/",
        "/about/methodology/",
        "/about/ratings/",
        "/factchecks/corrections/",
    ]


class _Switcher(HTMLParser):
    """The language switcher's form: method, action, hidden fields, options."""

    def __init__(self):
        super().__init__()
        self.form: dict | None = None
        self.inside = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "data-language-switcher" in attrs:
            self.inside = True
            self.form = {"method": attrs.get("method"), "action": attrs.get("action")}
            self.form.update(hidden=[], options=[], select=None, label=False)
        elif not self.inside:
            return
        elif tag == "input" and attrs.get("type") == "hidden":
            self.form["hidden"].append((attrs["name"], attrs.get("value", "")))
        elif tag == "select":
            self.form["select"] = attrs.get("name")
        elif tag == "option":
            self.form["options"].append((attrs["value"], attrs.get("lang")))
        elif tag == "label":
            self.form["label"] = True

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def switcher(response) -> dict:
    parser = _Switcher()
    parser.feed(response.content.decode())
    assert parser.form is not None, "no language switcher on the page"
    return parser.form


def submit(client: Client, form: dict, language: str, page: str = "/factchecks/"):
    """What a browser does when the reader picks `language` and presses the button
    (a form without an action goes to the page's own address)."""
    fields = [*form["hidden"], (form["select"], language)]
    if form["method"] == "get":
        return client.get(form["action"] or page, fields)
    return client.post(form["action"], dict(fields))


@pytest.mark.parametrize("which", range(6))
def test_anonymous_public_pages_are_shareable(record, which):
    path = public_paths(record)[which]
    response = Client().get(path, **SPANISH)

    assert response.status_code == 200
    assert not response.cookies, f"{path} sets {list(response.cookies)}"
    assert "Set-Cookie" not in response.headers
    assert "cookie" not in vary(response)
    assert "accept-language" in vary(response)
    assert response["Content-Language"] == "es"
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=300"


def test_a_lang_address_is_one_cache_entry_for_every_browser(record):
    # `?lang=` decides alone: no Vary on Accept-Language, so a cache keeps one copy.
    response = Client().get(f"/factchecks/{record.published.pk}/", {"lang": "es"}, **SPANISH)
    assert response["Content-Language"] == "es"
    assert "accept-language" not in vary(response)
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=300"
    # A language we do not have is no choice: the browser's language decides, and says so.
    unknown = Client().get("/factchecks/", {"lang": "xx"}, **SPANISH)
    assert unknown["Content-Language"] == "es"
    assert "accept-language" in vary(unknown)


def test_the_shared_freshness_is_a_setting(record, settings):
    settings.FACTCHECK_PUBLIC_CACHE_SECONDS = 60
    assert Client().get("/factchecks/")["Cache-Control"] == "public, max-age=0, s-maxage=60"
    settings.FACTCHECK_PUBLIC_CACHE_SECONDS = 0
    response = Client().get("/factchecks/")
    assert "public" not in response.get("Cache-Control", "")


def test_only_good_answers_are_shareable(record):
    client = Client()
    for response in (
        client.get(f"/factchecks/{record.draft.pk}/"),  # 404: a draft reads as missing
        client.get("/factchecks/", {"date_from": "not a date"}),  # 400
        client.get("/articles/"),  # the desk: a redirect to sign in
        client.get("/login/"),  # a form with a CSRF token
    ):
        assert "public" not in response.get("Cache-Control", ""), response.request["PATH_INFO"]


def test_anonymous_switcher_is_a_get_form_to_this_page(record):
    response = Client().get("/factchecks/", {"q": "riot"})
    form = switcher(response)

    assert form["method"] == "get"
    assert form["action"] is None  # this very page
    assert form["hidden"] == [("q", "riot")]  # the reader's search is kept
    assert form["select"] == "lang"
    assert form["options"] == [("en", "en"), ("es", "es")]
    assert form["label"]
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_anonymous_reader_switches_language_and_keeps_it_through_links(record):
    client = Client()
    page = client.get(f"/factchecks/{record.published.pk}/")
    assert html_lang(page) == "en"

    spanish = submit(client, switcher(page), "es", f"/factchecks/{record.published.pk}/")

    assert spanish.status_code == 200
    assert spanish.request["QUERY_STRING"] == "lang=es"
    assert html_lang(spanish) == "es"
    assert not client.cookies  # nothing remembered in the browser: the address says it
    body = spanish.content.decode()
    assert 'href="/factchecks/?lang=es"' in body  # the footer's "all fact-checks"
    assert 'href="/about/methodology/?lang=es"' in body
    # The feeds answer in the site's language whatever is asked: no parameter there.
    assert 'href="/factchecks/feed/atom/"' in body

    index = client.get("/factchecks/", {"lang": "es"})
    assert html_lang(index) == "es"
    detail = f'href="/factchecks/{record.published.pk}/?lang=es"'
    assert detail in index.content.decode()
    assert 'name="lang" value="es"' in index.content.decode()  # the search form keeps it
    following = client.get(f"/factchecks/{record.published.pk}/", {"lang": "es"})
    assert html_lang(following) == "es"

    # Back to English from the Spanish page, through its switcher.
    english = submit(client, switcher(following), "en", f"/factchecks/{record.published.pk}/")
    assert html_lang(english) == "en"


def test_without_lang_links_stay_plain(record):
    body = Client().get("/factchecks/").content.decode()
    assert 'href="/factchecks/?lang=' not in body
    assert f'href="/factchecks/{record.published.pk}/"' in body


def test_corrections_log_pages_keep_the_language(record, monkeypatch):
    monkeypatch.setattr("public.views.LOG_PAGE_SIZE", 1)
    body = Client().get("/factchecks/corrections/", {"lang": "es"}).content.decode()
    assert re.search(r'href="\?lang=es&amp;page=2"', body)


def test_an_anonymous_language_cookie_decides_nothing(record):
    # Only a signed-in person's pages read the cookie: a reader's page depends on its
    # address and Accept-Language alone, so a shared cache keys it correctly.
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = client.get("/factchecks/")
    assert html_lang(response) == "en"
    assert "cookie" not in vary(response)
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=300"


def test_a_reader_with_old_cookies_still_gets_the_shared_page(record):
    # Readers who used the old POST switcher hold csrftoken and django_language cookies:
    # the page renders no token (which would re-send the cookie) and reads neither.
    client = Client()
    client.cookies["csrftoken"] = "a" * 32
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = client.get(f"/factchecks/{record.published.pk}/")
    assert not response.cookies
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=300"
    assert "csrfmiddlewaretoken" not in response.content.decode()


@pytest.fixture
def desk_client(db) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(role="reviewer"))
    return client


@pytest.mark.parametrize("path", ["/factchecks/", "/articles/", "/claims/"])
def test_signed_in_pages_stay_private(record, desk_client, path):
    response = desk_client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "cookie" in vary(response)


def test_desk_switcher_posts_and_remembers_the_choice(record, desk_client):
    page = desk_client.get(f"/factchecks/{record.published.pk}/", {"lang": "en"})
    form = switcher(page)
    assert form["method"] == "post"
    assert form["action"] == "/i18n/setlang/"
    assert ("next", f"/factchecks/{record.published.pk}/") in form["hidden"]

    response = submit(desk_client, form, "es")

    assert response.status_code == 302
    assert response["Location"] == f"/factchecks/{record.published.pk}/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert html_lang(desk_client.get("/articles/")) == "es"
    assert html_lang(desk_client.get("/factchecks/")) == "es"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:x"]
)
def test_a_foreign_next_returns_to_a_local_page(record, desk_client, target):
    page = desk_client.get("/articles/")
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else None
    token = token or desk_client.cookies["csrftoken"].value
    response = desk_client.post(
        "/i18n/setlang/", {"language": "es", "next": target, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/")
    assert not response["Location"].startswith(("//", "/\\"))


def machine_paths(record) -> list[str]:
    return [
        "/factchecks/feed.jsonld",
        "/factchecks/feed/atom/",
        "/factchecks/feed/rss/",
        "/factchecks/corrections/feed/atom/",
        "/factchecks/corrections/feed/rss/",
        f"/oembed?url=http://testserver/factchecks/{record.published.pk}/",
        "/sitemap.xml",
        "/robots.txt",
    ]


@pytest.mark.parametrize("which", range(8))
def test_feeds_oembed_and_sitemaps_are_shareable_too(record, which):
    path = machine_paths(record)[which]
    response = Client().get(path)

    assert response.status_code == 200, path
    seconds = settings.FACTCHECK_PUBLIC_CACHE_SECONDS
    assert response["Cache-Control"] == f"public, max-age=0, s-maxage={seconds}"
    assert "set-cookie" not in {name.lower() for name in response.headers}
    assert "cookie" not in vary(response)


def test_a_factcheck_page_answers_only_safe_methods(record):
    response = Client().post(f"/factchecks/{record.published.pk}/")

    assert response.status_code == 405
    assert "Cache-Control" not in response or "public" not in response["Cache-Control"]


def test_the_switcher_never_names_a_path_from_the_request():
    # A crafted address (`/\evil.example/` reads as `//evil.example/` in a browser) shows
    # the 404 page with the switcher: its form must go back to that page, nowhere else.
    response = Client().get("/%5Cevil.example/")

    assert response.status_code == 404
    form = switcher(response)
    assert form["action"] is None
    assert "evil.example" not in response.content.decode().split("data-language-switcher")[1][:200]
