"""CompiledQuery: a queryset compiled once, run with other values, gives the ORM's objects."""

from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler

from accounts import tokens
from accounts.models import ApiToken
from accounts.roles import EDITOR, REVIEWER, assign_role, role_flags
from factcheck.compiled import CompiledQuery
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def _tokens(digest):
    return (
        ApiToken.objects.select_related("user").annotate(**role_flags("user_id"))
        .filter(digest=digest)
    )  # fmt: skip


def test_rows_match_the_querysets_and_the_sql_is_compiled_once():
    editor, reviewer = UserFactory(username="ed"), UserFactory(username="rev", is_active=False)
    assign_role(editor, EDITOR)
    assign_role(reviewer, REVIEWER)
    keys = [tokens.digest(tokens.issue(user)) for user in (editor, reviewer)]
    query = CompiledQuery(_tokens, "marker")

    found = [query.first(keys[0])]
    with mock.patch.object(SQLCompiler, "as_sql", side_effect=AssertionError("compiled again")):
        found.append(query.first(keys[1]))
        missing = query.first("no-such-key")

    for key, token in zip(keys, found, strict=True):
        expected = _tokens(key).get()
        assert token.pk == expected.pk
        assert token.created == expected.created
        assert token.user == expected.user
        assert token.user.is_active is expected.user.is_active  # converters applied (SQLite: 0/1)
        assert token.user.date_joined == expected.user.date_joined
        for name in ("has_role_reviewer", "has_role_editor", "has_role_admin"):
            assert getattr(token, name) is getattr(expected, name), name
        assert token._state.db == "default"
        assert not token._state.adding
    assert [found[0].has_role_editor, found[1].has_role_editor] == [True, False]
    assert missing is None


def test_integer_markers_and_a_marker_used_twice():
    articles = [ArticleFactory(title=f"t{i}") for i in range(3)]
    query = CompiledQuery(
        lambda pk: type(articles[0]).objects.filter(pk=pk).exclude(pk__gt=pk).only("id", "title"),
        -918273645,
    )
    for article in articles:
        assert query.first(article.pk).title == article.title


def test_a_marker_missing_from_the_parameters_is_refused():
    query = CompiledQuery(lambda digest: ApiToken.objects.filter(digest="fixed"), "marker")
    with pytest.raises(ValueError, match="marker"):
        query.first("abc")


def test_rows_pages_in_the_querysets_order():
    articles = [ArticleFactory(title=f"t{i % 3}") for i in range(7)]
    model = type(articles[0])
    query = CompiledQuery(
        lambda title: model.objects.exclude(title=title).order_by("title", "-id"), "marker"
    )
    expected = list(model.objects.exclude(title="t1").order_by("title", "-id"))

    pages = [query.rows("t1", limit=2, offset=offset) for offset in range(0, 6, 2)]

    assert [a.pk for page in pages for a in page] == [a.pk for a in expected]
    assert [len(page) for page in pages] == [2, 2, 1]
    assert pages[0][0].created_at == expected[0].created_at  # converters applied
    assert query.rows("t1", limit=50, offset=5) == []


def test_rows_refuses_a_sliced_queryset():
    model = type(ArticleFactory())
    query = CompiledQuery(lambda title: model.objects.filter(title=title)[:5], "marker")
    with pytest.raises(ValueError, match="unsliced"):
        query.rows("x", limit=5)
