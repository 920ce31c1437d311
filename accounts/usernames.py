"""What a username may be (issue 8 point 10, SECURITY-CASES #38).

Every way an account is made or renamed (`manage.py create_user`, the admin's
add and change forms, and any ModelForm on User) applies `username_problems`:

1. NFKC first (Django's own normalisation, AbstractBaseUser.normalize_username),
   so fullwidth `alice` (U+FF41...) is `alice`.
2. No control or format characters (Unicode categories Cc, Cf, Zl, Zp, Co, Cs,
   Cn), which covers the bidi controls (U+202A-U+202E, U+2066-U+2069, U+200E/F)
   and zero-width characters: a name is shown in many places and must read the
   same in all of them.
3. Django's username alphabet (letters, digits and @ . + - _), which keeps HTML
   out (`<b>` is refused, not escaped).
4. Not a case variant of another account (`ALICE` beside `alice`): compared with
   str.casefold(); the database backs this with a unique index on LOWER(username)
   (accounts migration 0002; LOWER folds ASCII only on SQLite, all letters on PostgreSQL).
5. Not confusable with another account: same TR39 "skeleton". A Cyrillic
   `alice` (its a as U+0430) or `a1ice` for `alice` would pass the rules above.

The skeleton uses the confusables data that `confusable_homoglyphs` ships
(generated from Unicode's confusables.txt, kept current by its maintainers).
That library's own checks answer a different question (does one string mix
scripts that look alike?), which would refuse ordinary Cyrillic or Greek names
and does not compare two names; so we build the TR39 skeleton from its data:
NFD, each character replaced by one fixed member of its confusable class, NFD
again; names are compared as typed and casefolded, so case never hides a clash.
"""

import unicodedata
from functools import lru_cache

from confusable_homoglyphs.confusables import confusables_data
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

_REFUSED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"}
_ALPHABET = UnicodeUsernameValidator()
_MARKS = "\u200e\u200f"  # the data wraps right-to-left glyphs in LRM/RLM for display


def normalize(raw: str) -> str:
    """NFKC and surrounding space removed: the form a username is stored in."""
    return unicodedata.normalize("NFKC", raw or "").strip()


@lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    """Character -> one fixed member (the smallest) of its confusable class.

    The data lists, for each character, the ones it is confusable with, not
    always the whole class (`I` lists only `l`; `l` lists `I`, `1`, `|`...), so
    the classes are joined here once (union-find, a few milliseconds).
    """
    parent: dict[str, str] = {}

    def root(item: str) -> str:
        while parent.setdefault(item, item) != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for char, entries in confusables_data.items():
        for entry in entries:
            other = entry["c"].strip(_MARKS)
            if other:
                a, b = root(char), root(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {char: root(char) for char in parent}


def _prototype(char: str) -> str:
    return _prototypes().get(char, char)


def skeleton(name: str) -> str:
    """The TR39 skeleton: two names with equal skeletons look alike."""
    decomposed = unicodedata.normalize("NFD", name)
    return unicodedata.normalize("NFD", "".join(_prototype(ch) for ch in decomposed))


def _shapes(name: str) -> set[str]:
    # As typed (capital I looks like l) and casefolded (ALICE is alice).
    return {skeleton(name), skeleton(name.casefold())}


def character_problem(name: str) -> ValidationError | None:
    """Refusal for characters no username may hold; needs no database."""
    if not name:
        return ValidationError(_("A username is required."), code="required")
    hidden = [ch for ch in name if unicodedata.category(ch) in _REFUSED_CATEGORIES]
    if hidden:
        shown = ", ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(hidden))
        return ValidationError(
            _("A username may not contain control, format or direction characters (%(chars)s).")
            % {"chars": shown},
            code="invisible_characters",
        )
    try:
        _ALPHABET(name)
    except ValidationError as error:
        return error
    return None


def clash_problem(name: str, others) -> ValidationError | None:
    """Refusal when `name` is a case variant of, or confusable with, one of `others`."""
    folded, shapes = name.casefold(), _shapes(name)
    for other in others:
        if other == name:
            continue  # the account itself (usernames are unique)
        if other.casefold() == folded:
            return ValidationError(
                _("An account named %(other)s already exists (names ignore case).")
                % {"other": other},
                code="duplicate_username",
            )
        if shapes & _shapes(other):
            return ValidationError(
                _("This name looks like the existing account %(other)s; choose another.")
                % {"other": other},
                code="confusable_username",
            )
    return None


def username_problems(raw: str) -> ValidationError | None:
    """Every rule above; reads all usernames once (a newsroom has hundreds, not millions)."""
    from django.contrib.auth import get_user_model

    name = normalize(raw)
    problem = character_problem(name)
    if problem is not None:
        return problem
    others = get_user_model()._default_manager.values_list("username", flat=True)
    return clash_problem(name, others.iterator())


@deconstructible
class UsernameRules:
    """Field validator form, added to User.username in AccountsConfig.ready()."""

    def __call__(self, value: str) -> None:
        problem = username_problems(value)
        if problem is not None:
            raise problem

    def __eq__(self, other) -> bool:
        return isinstance(other, UsernameRules)
