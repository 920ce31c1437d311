"""Only a superuser makes or changes a superuser in the admin (issue 8, point 7).

The `admin` role holds Django's `auth` permissions, so the stock UserAdmin let any
admin tick "superuser status" on its own account, or change a superuser's password.
"""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts.roles import ADMIN
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(db):
    return UserFactory(username="ada", role="admin")


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def change_form_data(client, user) -> dict:
    """What the admin's change form for `user` would post back unchanged."""
    response = client.get(f"/admin/auth/user/{user.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name in ("last_login", "date_joined"):
            data[f"{name}_0"] = value.strftime("%Y-%m-%d") if value else ""
            data[f"{name}_1"] = value.strftime("%H:%M:%S") if value else ""
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif value is not None:
            data[name] = value
    return data


def test_an_admin_cannot_make_itself_superuser(client, ada):
    client.force_login(ada)
    data = change_form_data(client, ada)
    assert "is_superuser" not in data  # not an editable field for an admin
    data["is_superuser"] = "on"  # a crafted POST

    response = client.post(f"/admin/auth/user/{ada.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    ada.refresh_from_db()
    assert not ada.is_superuser


def test_an_admin_cannot_grant_itself_single_permissions(client, ada):
    delete_claim = Permission.objects.get(codename="delete_claim")
    client.force_login(ada)
    data = change_form_data(client, ada)
    data["user_permissions"] = [delete_claim.pk]

    client.post(f"/admin/auth/user/{ada.pk}/change/", data)

    assert not ada.user_permissions.exists()
    admins = Group.objects.get(name=ADMIN)
    response = client.get(f"/admin/auth/group/{admins.pk}/change/")
    assert "permissions" not in response.context["adminform"].form.fields


def test_an_admin_can_still_manage_other_accounts(client, ada):
    rita = UserFactory(username="rita", role="reviewer")
    client.force_login(ada)
    data = change_form_data(client, rita)
    data["is_active"] = ""

    response = client.post(f"/admin/auth/user/{rita.pk}/change/", data)

    assert response.status_code == 302
    rita.refresh_from_db()
    assert not rita.is_active


def test_an_admin_cannot_change_or_delete_a_superuser(client, ada, root):
    client.force_login(ada)
    page = client.get(f"/admin/auth/user/{root.pk}/change/")
    assert page.status_code == 200  # shown read-only
    assert not page.context["has_change_permission"]

    assert client.post(f"/admin/auth/user/{root.pk}/change/", {"username": "x"}).status_code == 403
    password = {"password1": "taken over 12345", "password2": "taken over 12345"}
    assert client.post(f"/admin/auth/user/{root.pk}/password/", password).status_code == 403
    assert client.post(f"/admin/auth/user/{root.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(
        "/admin/auth/user/",
        {"action": "delete_selected", "_selected_action": [root.pk], "post": "yes"},
    )

    root.refresh_from_db()
    assert root.username == "root"
    assert root.check_password("correct horse battery staple")


def test_a_superuser_grants_superuser(client, ada, root):
    client.force_login(root)
    data = change_form_data(client, ada)
    data["is_superuser"] = "on"

    response = client.post(f"/admin/auth/user/{ada.pk}/change/", data)

    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.is_superuser
