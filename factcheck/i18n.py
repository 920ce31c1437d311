"""Which language a response is in, the language switcher's context, the JS catalog.

Pages for people follow the reader: `?lang=xx` first, then the browser's
Accept-Language, then settings.LANGUAGE_CODE. A signed-in person's pages also
read the `django_language` cookie (between `?lang=` and Accept-Language), set by
the desk's switcher (a POST to Django's set_language).

Why readers get no cookie: a cookie that changes the language would make every
public page vary on Cookie, and a shared cache (a CDN, a newsroom's proxy) could
then keep nothing, or hand one reader's language to another (a cache answering
from its copy never sees the cookie). An endpoint that sets the cookie and
redirects back has the same flaw, plus a `next` to guard. So for readers the
language lives in the address, which caches key on anyway:

- the switcher is a GET form to this very page (`?lang=xx`, the other query
  parameters kept), which needs no CSRF token and sets nothing;
- on a `?lang=` page every link to another public page keeps the parameter
  (`{% keep_lang url %}`, factcheck.language_links), so the choice stays while
  the reader clicks through; the feeds, in the site's language, do not take it;
- an address without `lang` follows Accept-Language, which is what a reader who
  never touched the switcher needs: the common case, and the cacheable one.

A reader who opens a bare address again later is back to the browser's
language: the price of pages one cache entry serves to everyone. The desk's
pages are private anyway (factcheck.caching), so there the choice is kept in the
cookie across every page, including the reader's scripts' fetches. Responses to
requests with a session cookie vary on Cookie; readers' ones vary on
Accept-Language only, and a `?lang=` address on nothing: one cache entry serves it.

Responses for machines stay in settings.LANGUAGE_CODE whatever the client asks:
the API (rating labels in exports and ClaimReview, error messages a client may
parse), and the paths listed in FACTCHECK_FIXED_LANGUAGE_PATHS (feeds, the
DataFeed, oEmbed, sitemaps). A prefix list rather than imports, because this
package must not know the upper apps that serve those paths.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.i18n import JavaScriptCatalog

from factcheck.caching import has_session_cookie

LANG_PARAMETER = "lang"
# A year: the catalog's address changes whenever a translation file does.
CATALOG_MAX_AGE = 365 * 24 * 3600


def supported(code: str | None) -> str | None:
    """The LANGUAGES code for `code` ("es", "ES", "es-ar" -> "es"), or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code.strip().lower())
    except LookupError:
        return None


def fixed_language(path: str) -> bool:
    """True for addresses that answer in settings.LANGUAGE_CODE whatever is asked."""
    return path.startswith(tuple(settings.FACTCHECK_FIXED_LANGUAGE_PATHS))


def chosen_language(request: HttpRequest) -> str | None:
    """The language `?lang=` asks for on a page for people, or None."""
    if fixed_language(request.path_info):
        return None
    return supported(request.GET.get(LANG_PARAMETER))


def browser_language(request: HttpRequest) -> str:
    """Accept-Language's first language we have, else LANGUAGE_CODE (Django's order, no cookie)."""
    for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        if code == "*":
            break
        if found := supported(code):
            return found
    return settings.LANGUAGE_CODE


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, plus `?lang=`, a fixed language for machine paths,
    and the language cookie read only for a signed-in person (see the module's docstring)."""

    def process_request(self, request: HttpRequest) -> None:
        if fixed_language(request.path_info):
            language = settings.LANGUAGE_CODE
        else:
            language = chosen_language(request)
        if language is None and has_session_cookie(request):
            super().process_request(request)  # the cookie, then Accept-Language
            return
        translation.activate(language or browser_language(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if fixed_language(request.path_info) or chosen_language(request):
            # The address decides (a machine path, or `?lang=`): the same bytes whatever
            # the client's Accept-Language, so no Vary on it, one cache entry per address.
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        response = super().process_response(request, response)
        if has_session_cookie(request):
            # The desk's choice travels in a cookie; a cache must key on it too.
            patch_vary_headers(response, ("Cookie",))
        return response


def _without_lang(request: HttpRequest) -> str:
    """The request's path and query without `lang`, where the switcher returns to."""
    query = request.GET.copy()
    query.pop(LANG_PARAMETER, None)
    encoded = query.urlencode()
    return request.path + (f"?{encoded}" if encoded else "")


def _kept_fields(request: HttpRequest) -> list[tuple[str, str]]:
    """The query's other parameters, as the reader's GET switcher resends them."""
    return [
        (name, value)
        for name, values in request.GET.lists()
        if name != LANG_PARAMETER
        for value in values
    ]


def _own_name(code: str) -> str:
    """A language's name in itself, capitalised as a menu item: "English", "Español"."""
    name = translation.get_language_info(code)["name_local"]
    return name[:1].upper() + name[1:]


def language_context(request: HttpRequest) -> dict:
    """Template context: the switcher's choices and `hreflang` alternates of this page.

    `language_alternates` holds one absolute address per language (`?lang=xx`)
    and the `x-default` one (no parameter: the reader's own preference decides).
    `language_parameter` is the `?lang=` this page was asked with ("" if none),
    which `{% keep_lang %}` carries on to the next page.
    """
    current = translation.get_language()
    here = _without_lang(request)
    separator = "&" if "?" in here else "?"
    choices = [
        {"code": code, "name": _own_name(code), "current": code == current}
        for code, _name in settings.LANGUAGES
    ]
    alternates = [
        {"code": code, "href": request.build_absolute_uri(f"{here}{separator}lang={code}")}
        for code, _name in settings.LANGUAGES
    ]
    alternates.append({"code": "x-default", "href": request.build_absolute_uri(here)})
    return {
        "language_choices": choices,
        "language_next": here,
        "language_kept_fields": _kept_fields(request),
        "language_parameter": chosen_language(request) or "",
        "language_alternates": alternates,
        # What editors write in (IFCN pages, rationales): marked when the page is in another.
        "site_language": settings.LANGUAGE_CODE,
        "js_catalog_version": catalog_version(),
    }


@lru_cache(maxsize=1)
def catalog_version() -> str:
    """A short hash of every compiled JavaScript catalog, part of the catalog's URL."""
    digest = hashlib.sha256()
    for locale_dir in settings.LOCALE_PATHS:
        for mo in sorted(Path(locale_dir).glob("*/LC_MESSAGES/djangojs.mo")):
            digest.update(str(mo.relative_to(locale_dir)).encode())
            digest.update(mo.read_bytes())
    return digest.hexdigest()[:12]


_catalog = JavaScriptCatalog.as_view(domain="djangojs")


def javascript_catalog(request: HttpRequest, version: str, language: str) -> HttpResponse:
    """Django's JavaScript catalog for one language, at an address that never changes content.

    A script file (not inline, so the CSP allows it) defining `django.gettext`,
    `ngettext`, `interpolate` and the locale's formats; static/js/i18n.js hands
    them to the ES modules.
    """
    code = supported(language)
    if code is None or code != language:
        raise Http404("No such language.")
    with translation.override(code):
        response = _catalog(request)
    response.same_for_everyone = True  # factcheck.middleware keeps it cacheable
    if version == catalog_version():
        response["Cache-Control"] = f"public, max-age={CATALOG_MAX_AGE}, immutable"
    else:  # an old page's address: serve today's catalog, briefly cached
        response["Cache-Control"] = "public, max-age=300"
    return response
