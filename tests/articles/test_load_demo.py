"""`manage.py load_demo`: demo articles and users, safe to run twice."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from articles.models import Article

User = get_user_model()
ENV_VARS = ("FACTCHECK_DEMO_REVIEWER_PASSWORD", "FACTCHECK_DEMO_EDITOR_PASSWORD")
TITLES = {
    "Federal judge blocks Parler's bid to be restored on Amazon Web Services",
    "Amazon Cloud suspends Parler whilst talks of MAGA political party continue",
}


@pytest.fixture(autouse=True)
def _no_password_env(monkeypatch):
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def printed_passwords(output: str) -> dict[str, str]:
    return dict(re.findall(r"user '(\w+)', password (\S+) \(", output))


def counts() -> tuple[int, ...]:
    return (
        User.objects.count(),
        Article.objects.count(),
        Group.objects.count(),
        sum(group.permissions.count() for group in Group.objects.all()),
    )


@pytest.mark.django_db
def test_first_run_imports_articles_and_prints_new_passwords():
    output = load_demo()

    assert set(Article.objects.values_list("title", flat=True)) == TITLES
    passwords = printed_passwords(output)
    assert set(passwords) == {"reviewer", "editor"}
    for username, password in passwords.items():
        user = User.objects.get(username=username)
        assert user.check_password(password)
        assert (user.is_staff, user.is_active, user.is_superuser) == (True, True, False)
        assert len(password) >= 16
    assert passwords["reviewer"] != passwords["editor"]
    assert "shown only this once" in output
    assert "http://127.0.0.1:8000/" in output


@pytest.mark.django_db
def test_second_run_keeps_counts_and_passwords():
    first = printed_passwords(load_demo())
    before = counts()

    output = load_demo()

    assert counts() == before
    assert printed_passwords(output) == {}
    assert output.count("keeps the password from an earlier run") == 2
    assert [line.split(":")[0] for line in output.splitlines()[:2]] == ["unchanged"] * 2
    for username, password in first.items():
        assert User.objects.get(username=username).check_password(password)


@pytest.mark.django_db
def test_passwords_from_the_environment_win_every_time(monkeypatch):
    load_demo()
    monkeypatch.setenv("FACTCHECK_DEMO_EDITOR_PASSWORD", "editor-demo-pass-1")

    output = load_demo()

    assert printed_passwords(output) == {"editor": "editor-demo-pass-1"}
    assert "from FACTCHECK_DEMO_EDITOR_PASSWORD" in output
    assert User.objects.get(username="editor").check_password("editor-demo-pass-1")


@pytest.mark.django_db
def test_existing_user_without_usable_password_gets_one():
    user = User.objects.create_user("reviewer")  # no password: unusable

    passwords = printed_passwords(load_demo())

    user.refresh_from_db()
    assert user.check_password(passwords["reviewer"])


@pytest.mark.django_db
def test_demo_users_get_admin_rights_of_their_role():
    load_demo()
    reviewer = User.objects.get(username="reviewer")
    editor = User.objects.get(username="editor")

    for model in (
        "articles.article",
        "annotations.claim",
        "annotations.source",
        "annotations.verdict",
    ):
        app, name = model.split(".")
        for action in ("view", "add", "change"):
            assert reviewer.has_perm(f"{app}.{action}_{name}")
            assert editor.has_perm(f"{app}.{action}_{name}")
        # Deleting in the admin would bypass the services' rules.
        assert not editor.has_perm(f"{app}.delete_{name}")
    assert editor.has_perm("annotations.change_publication")
    assert not reviewer.has_perm("annotations.change_publication")
    assert set(reviewer.groups.values_list("name", flat=True)) == {"reviewer"}
    assert set(editor.groups.values_list("name", flat=True)) == {"reviewer", "editor"}


@pytest.mark.django_db
def test_demo_editor_can_open_the_article_admin(client):
    load_demo()
    client.force_login(User.objects.get(username="editor"))

    response = client.get("/admin/articles/article/")

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 2
