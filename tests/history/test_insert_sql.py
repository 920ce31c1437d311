"""history.insert_sql: the cached INSERT is the one Django's compiler writes, every time."""

from datetime import UTC, datetime
from unittest import mock

import pytest
from django.db import DEFAULT_DB_ALIAS
from django.db.models.expressions import RawSQL

from history import insert_sql as module
from history.insert_sql import insert_sql
from history.models import HistoryEntry
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    SourceFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def empty_cache():
    module._COMPILED.clear()
    yield
    module._COMPILED.clear()


def _comparable(params):
    # JSON values are wrapped in the driver's adapter, which has no __eq__.
    return tuple(getattr(param, "obj", param) for param in params)


def _django(instance, returning):
    fields = module._written_fields(instance._meta, instance.pk is None)
    sql, params, returned, _ = module._compile(instance, fields, DEFAULT_DB_ALIAS, returning)
    return sql, _comparable(params), returned


def _new_rows():
    user = UserFactory()
    claim = ClaimFactory()
    return {
        "article": ArticleFactory.build(created_by=user),
        "claim": ClaimFactory.build(article=claim.article, start=300, created_by=user),
        "source": SourceFactory.build(claim=claim, added_by=user),
        "verdict": VerdictFactory.build(claim=claim, reviewer=user),
        "history": HistoryEntry(object_type="claim", object_id=claim.pk, claim_id=claim.pk,
                                action="create", changes={"quote": [None, "x"]}, actor=user),
    }  # fmt: skip


@pytest.mark.parametrize("returning", [True, False])
@pytest.mark.parametrize("name", ["article", "claim", "source", "verdict", "history"])
def test_cached_insert_is_the_compilers(name, returning):
    instance = _new_rows()[name]
    with mock.patch("django.utils.timezone.now", return_value=NOON):
        first = insert_sql(instance, DEFAULT_DB_ALIAS, returning=returning)
        cached = insert_sql(instance, DEFAULT_DB_ALIAS, returning=returning)
        expected = _django(instance, returning)

    assert len(module._COMPILED) == 1  # the second call was served from the cache
    for sql, params, returned in (first, cached):
        assert (sql, _comparable(params), returned) == expected


def test_auto_now_add_is_fresh_on_every_call():
    entry = _new_rows()["history"]
    later = datetime(2026, 1, 2, 12, 5, tzinfo=UTC)
    with mock.patch("django.utils.timezone.now", return_value=NOON):
        insert_sql(entry, DEFAULT_DB_ALIAS, returning=False)
    with mock.patch("django.utils.timezone.now", return_value=later):
        _, params, _ = insert_sql(entry, DEFAULT_DB_ALIAS, returning=False)
        stamped = entry.at
        expected = _django(entry, False)[1]
    with mock.patch("django.utils.timezone.now", return_value=NOON):
        at_noon = _django(entry, False)[1]

    assert stamped == later
    assert _comparable(params) == expected
    assert expected != at_noon  # the cached call did not reuse the first call's time


def test_raw_sql_values_are_part_of_the_text_and_their_params_kept():
    rows = _new_rows()
    plain, raw = rows["history"], _new_rows()["history"]
    raw.object_id = RawSQL("SELECT %s", (42,))

    with mock.patch("django.utils.timezone.now", return_value=NOON):
        plain_sql, _, _ = insert_sql(plain, DEFAULT_DB_ALIAS, returning=False)
        raw_sql, raw_params, _ = insert_sql(raw, DEFAULT_DB_ALIAS, returning=False)
        again_sql, again_params, _ = insert_sql(raw, DEFAULT_DB_ALIAS, returning=False)

    assert plain_sql != raw_sql
    assert "(SELECT %s)" in raw_sql
    assert (again_sql, _comparable(again_params)) == (raw_sql, _comparable(raw_params))
    assert 42 in raw_params


def test_a_different_field_set_gets_its_own_sql():
    article = _new_rows()["article"]
    without_pk, _, _ = insert_sql(article, DEFAULT_DB_ALIAS, returning=False)
    article.pk = 987654
    with_pk, params, _ = insert_sql(article, DEFAULT_DB_ALIAS, returning=False)

    assert with_pk != without_pk
    assert with_pk == _django(article, False)[0]
    assert 987654 in params
    assert len(module._COMPILED) == 2
