"""An article's claims list answered from memory while nothing it shows has changed.

The list is the desk's and the reader's most repeated request, and after two
round trips most of its time is Python: 20 to 200 claims turned into objects and
then into about 40 fields each (issue 9). What it shows comes from a handful of
tables: the claims, their sources and the sources' archives, verdicts,
publications, assignments, and the names of the users those rows point to.

The fingerprint is one SQL expression over exactly those rows: an md5 of each
row version's (ctid, xmin) pair. PostgreSQL gives every insert and every update
a new pair and removes the pair with a delete, whatever wrote it (a service, the
admin, a migration, a raw UPDATE), so no write path has to remember to bump a
counter, and a write costs nothing more. The same text, the same viewer and the
same fingerprint give the same bytes, so:

- each process keeps its latest rendering per (article, viewer, address) in a
  bounded LRU (FACTCHECK_CLAIM_LIST_CACHE_BYTES, 0 switches it off); a request
  for a kept page asks only for the fingerprint and, when it matches, answers
  with the kept bytes;
- the response's ETag is the fingerprint with the viewer, the address and the
  code that renders it, so a client that sends If-None-Match gets a 304.

The viewer is part of the key because blind review makes the list differ per
reviewer; anonymous readers share one entry. PostgreSQL only (SQLite has no
row versions to read): elsewhere every request renders.
"""

# The SQL below is assembled from the models' table names and fixed text only; every
# value is a parameter.
# ruff: noqa: S608

import hashlib
import importlib.util
import secrets
import threading
from collections import OrderedDict
from pathlib import Path

import django
import rest_framework
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from accounts.roles import ROLES, has_role
from annotations.models import (
    PUBLIC_STATUSES,
    Assignment,
    Claim,
    Publication,
    Source,
    SourceArchive,
    Verdict,
)
from annotations.permissions import can_see_unpublished
from factcheck.compiled import prepared_cursor

# The code that turns rows into the list's JSON: an ETag must change when it does,
# or a client would keep an old rendering of unchanged rows after an upgrade.
_RENDERING = (
    "annotations.fast_render", "annotations.serializers", "annotations.selectors",
    "annotations.article_claims_api", "annotations.agreement", "annotations.models",
    "annotations.claim_list_cache", "factcheck.prefetch", "factcheck.pagination",
)  # fmt: skip


def _code_digest() -> str:
    """The bytes of those modules (source, or compiled where only that ships) and the
    framework versions; a module found nowhere makes this process's tags its own."""
    digest = hashlib.sha256(f"{django.__version__} {rest_framework.__version__}".encode())
    for name in _RENDERING:
        spec = importlib.util.find_spec(name)
        path = Path(spec.origin) if spec and spec.origin else None
        digest.update(path.read_bytes() if path and path.is_file() else secrets.token_bytes(16))
    return digest.hexdigest()[:16]


_CODE = _code_digest()


def supported() -> bool:
    return connection.vendor == "postgresql" and settings.FACTCHECK_CLAIM_LIST_CACHE_BYTES > 0


def fingerprint_sql(desk: bool) -> tuple[str, list]:
    """The fingerprint of an article's claims as the desk or the public sees them, as one
    scalar subquery (NULL when they see none), and its parameters with "article" where
    the article's id goes. Identifiers come from the models; every value is a parameter.

    Each row version becomes a short text (table letter, ctid, xmin; a person, their id
    and username); the fingerprint is their count and the XOR of their 64-bit hashes:
    no sort, one pass, and no two rows can cancel out, as no two have the same text."""
    quote = connection.ops.quote_name

    def table(model) -> str:
        return quote(model._meta.db_table)

    def version(letter: str) -> str:
        return f"'{letter}' || x.ctid::text || x.xmin::text AS v"

    visible, params = "x.article_id = %s", ["article"]
    if not desk:
        visible += f" AND x.status IN ({', '.join(['%s'] * len(PUBLIC_STATUSES))})"
        params += list(PUBLIC_STATUSES)
    steps = {
        "c": f"SELECT x.id, x.created_by_id, x.published_by_id, {version('c')} "
        f"FROM {table(Claim)} x WHERE {visible}",
        "s": f"SELECT x.id, x.added_by_id, {version('s')} FROM {table(Source)} x "
        "JOIN c ON x.claim_id = c.id",
        "r": f"SELECT {version('r')} FROM {table(SourceArchive)} x JOIN s ON x.source_id = s.id",
        "p": f"SELECT x.editor_id AS person, {version('p')} FROM {table(Publication)} x "
        "JOIN c ON x.claim_id = c.id",
    }
    if desk:
        # The public sees no verdicts, assignments or names: leaving them out keeps a
        # reviewer's activity (a verdict, a sign-in) from showing in public ETags.
        steps |= {
            "v": f"SELECT x.reviewer_id AS person, {version('v')} FROM {table(Verdict)} x "
            "JOIN c ON x.claim_id = c.id",
            "a": f"SELECT x.reviewer_id AS person, {version('a')} FROM {table(Assignment)} x "
            "JOIN c ON x.claim_id = c.id",
            # Of a person the list shows the username only: not the row's version, which
            # every sign-in (last_login) changes.
            "u": "SELECT 'u' || x.id::text || ':' || x.username AS v "
            f"FROM {table(get_user_model())} x WHERE x.id IN ("
            "SELECT created_by_id FROM c UNION SELECT published_by_id FROM c "
            "UNION SELECT added_by_id FROM s UNION SELECT person FROM v "
            "UNION SELECT person FROM p UNION SELECT person FROM a)",
        }
    ctes = ", ".join(f"{name} AS ({sql})" for name, sql in steps.items())
    every_row = " UNION ALL ".join(f"SELECT v FROM {name}" for name in steps)
    sql = (
        f"(WITH {ctes} SELECT count(*) || '-' || bit_xor(hashtextextended(f.v, 0)) "
        f"FROM ({every_row}) AS f)"
    )
    return sql, params


def fingerprint(article_id: int, *, desk: bool) -> str | None:
    """The current fingerprint, in one (prepared) statement."""
    sql, template = _FINGERPRINTS[desk]
    params = [article_id if value == "article" else value for value in template]
    with prepared_cursor("default") as cursor:
        cursor.execute(f"SELECT {sql}", params)
        return cursor.fetchone()[0]


class _Fingerprints(dict):
    """fingerprint_sql per audience, built on first use (the connection decides the quoting)."""

    def __missing__(self, desk: bool):
        self[desk] = fingerprint_sql(desk)
        return self[desk]


_FINGERPRINTS = _Fingerprints()


def viewer_key(user) -> tuple:
    """What about the viewer changes the list: nothing for the public; for the desk the
    account (blind review) and its roles."""
    if not can_see_unpublished(user):
        return ("public",)
    return (user.pk, user.is_superuser, *(has_role(user, role) for role in ROLES))


def etag(key: tuple, fingerprint: str) -> str:
    digest = hashlib.sha256(repr((_CODE, key, fingerprint)).encode()).hexdigest()[:32]
    return f'"{digest}"'


class RenderedLists:
    """Latest rendering per key, least recently used dropped first, bounded in bytes."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple, tuple[str, bytes]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> tuple[str, bytes] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    @staticmethod
    def _size(key: tuple, body: bytes) -> int:
        """What an entry holds: its body, its key's text and a little bookkeeping."""
        return len(body) + len(repr(key)) + 200

    def put(self, key: tuple, tag: str, body: bytes) -> None:
        size = self._size(key, body)
        if size > self.max_bytes // 4:  # one huge page must not flush the rest
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= self._size(key, old[1])
            self._entries[key] = (tag, body)
            self._bytes += size
            while self._bytes > self.max_bytes:
                dropped_key, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= self._size(dropped_key, dropped)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


rendered = RenderedLists(settings.FACTCHECK_CLAIM_LIST_CACHE_BYTES)
