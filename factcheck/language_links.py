"""`{% keep_lang url %}`: a link that keeps the reader's `?lang=` choice.

A reader's chosen language lives in the address, not in a cookie, so that a
shared cache can serve public pages (factcheck.i18n explains the design). On a
page asked for with `?lang=es`, links to the other public pages therefore carry
`lang=es` too; on any other page they stay as they are:

    <a href="{% keep_lang link.url %}">            /factchecks/?lang=es
    {% url 'factchecks:detail' claim.pk as detail %}<a href="{% keep_lang detail %}">

A template builtin (settings.TEMPLATES), like factcheck.bidi, so the templates
of every app use it without `{% load %}`. Not for feeds and other addresses in
FACTCHECK_FIXED_LANGUAGE_PATHS: they answer in the site's language anyway.
"""

from urllib.parse import urlencode, urlsplit, urlunsplit

from django import template

register = template.Library()


def with_language(url: str, code: str) -> str:
    """`url` with `lang=code` in its query (replacing any `lang` there); "" code: `url`."""
    if not code:
        return url
    parts = urlsplit(url)
    kept = [item for item in parts.query.split("&") if item and not item.startswith("lang=")]
    query = "&".join([*kept, urlencode({"lang": code})])
    return urlunsplit(parts._replace(query=query))


@register.simple_tag(takes_context=True)
def keep_lang(context: template.Context, url: str) -> str:
    """The address, with this page's `?lang=` if it was asked with one (autoescaped)."""
    return with_language(str(url), context.get("language_parameter", ""))
