"""The Spanish catalogs are complete and the committed .mo files match them.

Every message has a non-empty, non-fuzzy translation with the same
placeholders, and each compiled catalog holds exactly what its .po says: a
deployment that only runs `migrate` serves the committed .mo files, so a .po
edited without `compilemessages` would otherwise ship stale Spanish.
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0])
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
CATALOGS = [
    LOCALE / code / "LC_MESSAGES" / f"{domain}.po"
    for code in LANGUAGES
    for domain in ("django", "djangojs")
]
PLACEHOLDER = re.compile(r"%\(\w+\)[-+ #0]*\d*(?:\.\d+)?[sdrfx]|%[sd]|\{\w+\}")


def ids(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.name}"


def test_spanish_is_shipped():
    assert "es" in LANGUAGES
    assert all(path.exists() for path in CATALOGS)


@pytest.mark.parametrize("path", CATALOGS, ids=ids)
def test_every_message_is_translated(path):
    catalog = polib.pofile(str(path))
    assert len(catalog) > 50
    problems = []
    for entry in catalog:
        if entry.obsolete:
            continue
        strings = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if "fuzzy" in entry.flags or not strings or not all(s.strip() for s in strings):
            problems.append(entry.msgid)
            continue
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        for translated in strings:
            # A plural's singular may spell out "one" instead of the number.
            if sorted(PLACEHOLDER.findall(translated)) != expected and not entry.msgid_plural:
                problems.append(f"placeholders differ: {entry.msgid!r}")
    assert problems == []


@pytest.mark.parametrize("path", CATALOGS, ids=ids)
def test_compiled_catalog_matches_po(path):
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{compiled} is missing: run `manage.py compilemessages`"

    def key(entry):
        return (entry.msgctxt or "", entry.msgid)

    def value(entry):
        if entry.msgid_plural:
            return tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        return entry.msgstr

    source = {key(e): value(e) for e in polib.pofile(str(path)) if not e.obsolete}
    shipped = {key(e): value(e) for e in polib.mofile(str(compiled))}
    shipped.pop(("", ""), None)  # the header
    stale = {k for k in source.keys() | shipped.keys() if source.get(k) != shipped.get(k)}
    assert stale == set(), "the .mo differs from the .po: run `manage.py compilemessages`"


def test_rating_labels_are_the_agreed_spanish_words():
    catalog = polib.pofile(str(LOCALE / "es" / "LC_MESSAGES" / "django.po"))
    labels = {entry.msgid: entry.msgstr for entry in catalog if not entry.msgctxt}
    assert {
        name: labels[name]
        for name in ("True", "Mostly true", "Half true", "Mostly false", "False", "Misleading",
                     "Unverifiable")
    } == {
        "True": "Verdadero",
        "Mostly true": "Mayormente verdadero",
        "Half true": "Verdad a medias",
        "Mostly false": "Mayormente falso",
        "False": "Falso",
        "Misleading": "Engañoso",
        "Unverifiable": "Inverificable",
    }  # fmt: skip
