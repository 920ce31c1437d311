"""One login-failure policy for /login/, /admin/login/ and the API token (issue 8, point 1).

Defaults: 10 failures per (username, client address), 50 per client address, a
15-minute cool-off that lifts the lock by itself. Counted by django-axes in the
database, so every entry point (and every worker process) adds to the same count.
Time passes by moving the recorded failures into the past, as the clock would.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
ADDRESS = "192.0.2.7"


def page_login(path: str, username: str, password: str, address: str = ADDRESS, **extra):
    client = Client(REMOTE_ADDR=address)
    return client, client.post(path, {"username": username, "password": password}, **extra)


def api_login(username: str, password: str, address: str = ADDRESS, **extra):
    client = APIClient(REMOTE_ADDR=address)
    body = {"username": username, "password": password}
    return client.post("/api/v1/auth/token/", body, format="json", **extra)


def signed_in(client: Client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


def let_time_pass(minutes: float) -> None:
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


@pytest.mark.parametrize("path", ["/login/", "/admin/login/"])
def test_ten_wrong_passwords_lock_the_page_until_the_cool_off_ends(reviewer, path):
    reviewer.is_staff = True
    reviewer.save()
    statuses = [page_login(path, "rita", f"wrong-{n}")[1].status_code for n in range(12)]
    assert statuses == [200] * 9 + [429] * 3  # the 10th failure sets the lock

    client, refused = page_login(path, "rita", PASSWORD)  # even the right password
    assert refused.status_code == 429
    assert 890 <= int(refused["Retry-After"]) <= 900
    assert refused["Content-Type"].startswith("text/html")
    assert b"Too many sign-in attempts" in refused.content
    assert b"Try again in 15 minutes (at " in refused.content
    assert "nonce-" in refused["Content-Security-Policy"]
    assert not signed_in(client, reviewer)

    let_time_pass(14)
    assert page_login(path, "rita", PASSWORD)[1].status_code == 429
    let_time_pass(1.1)
    client, response = page_login(path, "rita", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client, reviewer)


def test_the_api_token_answers_429_json_with_retry_after(reviewer):
    statuses = [api_login("rita", f"wrong-{n}").status_code for n in range(11)]
    assert statuses == [400] * 9 + [429] * 2

    refused = api_login("rita", PASSWORD)
    assert refused.status_code == 429
    body = refused.json()
    assert body["code"] == "login_locked"
    assert "Try again in 15 minutes" in body["detail"]
    assert 890 <= body["retry_after"] == int(refused["Retry-After"]) <= 900
    assert "token" not in body

    let_time_pass(15.1)
    assert api_login("rita", PASSWORD).status_code == 200


def test_every_entry_point_adds_to_the_same_count(reviewer):
    for n in range(4):
        page_login("/login/", "rita", f"page-{n}")
    for n in range(3):
        page_login("/admin/login/", "rita", f"admin-{n}")
    assert [api_login("rita", f"api-{n}").status_code for n in range(3)] == [400, 400, 429]

    assert page_login("/login/", "rita", PASSWORD)[1].status_code == 429
    assert page_login("/admin/login/", "rita", PASSWORD)[1].status_code == 429
    assert api_login("rita", PASSWORD).status_code == 429


def test_the_lock_is_per_username_and_address(reviewer):
    for n in range(10):
        page_login("/login/", "rita", f"wrong-{n}")

    # Rita from her own address, and someone else from the attacker's, are not locked out.
    _, response = page_login("/login/", "rita", PASSWORD, address="198.51.100.9")
    assert response.status_code == 302
    UserFactory(username="omar")
    assert page_login("/login/", "omar", PASSWORD)[1].status_code == 302


def test_fifty_failures_from_one_address_lock_it_whatever_the_username(reviewer):
    for n in range(50):  # 5 failures for each of 10 names: no single account reaches 10
        response = page_login("/login/", f"name{n % 10}", "wrong")[1]
        assert response.status_code == (429 if n == 49 else 200)

    assert page_login("/login/", "rita", PASSWORD)[1].status_code == 429
    assert api_login("rita", PASSWORD).status_code == 429
    assert page_login("/login/", "rita", PASSWORD, address="198.51.100.9")[1].status_code == 302


def test_tries_while_locked_do_not_extend_the_lock(reviewer):
    for n in range(10):
        page_login("/login/", "rita", f"wrong-{n}")
    for minute in range(14):
        let_time_pass(1)
        assert page_login("/login/", "rita", f"again-{minute}")[1].status_code == 429

    let_time_pass(1.1)  # 15 minutes after the 10th failure, whatever came since
    assert page_login("/login/", "rita", PASSWORD)[1].status_code == 302


def test_an_admin_lifts_the_lock_early(reviewer):
    for n in range(10):
        api_login("rita", f"wrong-{n}")
    assert api_login("rita", PASSWORD).status_code == 429

    call_command("axes_reset_username", "rita", verbosity=0)

    assert api_login("rita", PASSWORD).status_code == 200


def test_an_admin_sees_and_deletes_attempts_in_the_admin(reviewer):
    for n in range(10):
        api_login("rita", f"wrong-{n}")
    ada = UserFactory(username="ada", role="admin")  # the role, not a superuser
    client = Client()
    client.force_login(ada)

    listing = client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert b"rita" in listing.content
    attempt = AccessAttempt.objects.get()
    client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})

    assert api_login("rita", PASSWORD).status_code == 200


def test_a_forged_forwarded_header_does_not_escape_the_count(reviewer):
    for n in range(10):
        page_login("/login/", "rita", f"wrong-{n}", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")

    forged = page_login("/login/", "rita", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99")[1]
    assert forged.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ADDRESS}


def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(reviewer, settings):
    settings.FACTCHECK_TRUSTED_PROXIES = 1
    proxy = "10.0.0.2"
    for n in range(10):
        # The client forged the left entry; the proxy appended the address it saw.
        page_login("/login/", "rita", "wrong", proxy, HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, {ADDRESS}")

    locked = page_login("/login/", "rita", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=ADDRESS)[1]
    assert locked.status_code == 429
    other = page_login("/login/", "rita", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert other[1].status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ADDRESS}


def test_successful_sign_ins_are_not_counted(reviewer, settings):
    settings.FACTCHECK_LOGIN_FAILURES_PER_ACCOUNT = 2
    for _ in range(5):
        assert page_login("/login/", "rita", PASSWORD)[1].status_code == 302
    assert not AccessAttempt.objects.exists()


def test_a_success_does_not_wipe_the_failures(reviewer):
    for n in range(9):
        page_login("/login/", "rita", f"wrong-{n}")
    assert page_login("/login/", "rita", PASSWORD)[1].status_code == 302

    assert page_login("/login/", "rita", "wrong-again")[1].status_code == 429


@pytest.mark.parametrize("path", ["/login/", "/admin/login/"])
def test_an_over_long_username_is_counted_not_a_server_error(reviewer, path):
    # Django's login form does not enforce its username length; axes' column holds 255.
    name = "x" * 300
    statuses = [page_login(path, name, f"wrong-{n}")[1].status_code for n in range(10)]

    assert statuses == [200] * 9 + [429]
    assert AccessAttempt.objects.get().username == name[:255]
    api = api_login(name, "wrong")
    assert api.status_code == 400
    assert "username" in api.json()
