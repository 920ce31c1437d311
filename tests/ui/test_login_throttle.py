"""Wrong passwords at /login/ are capped per client address (SECURITY-CASES #23), no browser.

The window is passed without sleeping: the counter and its expiry both read
time.time(), which the test moves forward.
"""

import time

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def attempt(client: Client, password: str):
    return client.post("/login/", {"username": "rita", "password": password})


def test_thirty_wrong_passwords_end_in_429_and_the_right_one_works_after_the_window(
    reviewer, settings, monkeypatch
):
    settings.FACTCHECK_LOGIN_FAILURES_PER_WINDOW = 10
    settings.FACTCHECK_LOGIN_WINDOW_SECONDS = 300
    client = Client(REMOTE_ADDR="127.0.0.1")

    statuses = [attempt(client, f"wrong-{n}").status_code for n in range(30)]
    assert statuses == [200] * 10 + [429] * 20  # 200: the form again, with its error

    refused = attempt(client, PASSWORD)  # even the right password, while the window lasts
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 300
    assert refused["Content-Type"].startswith("text/html")
    assert b"Too many sign-in attempts" in refused.content
    assert "nonce-" in refused["Content-Security-Policy"]
    assert "_auth_user_id" not in client.session

    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 301)  # the window has passed
    response = attempt(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(reviewer.pk)


def test_the_count_is_per_client_address(reviewer, settings):
    settings.FACTCHECK_LOGIN_FAILURES_PER_WINDOW = 3
    attacker = Client(REMOTE_ADDR="192.0.2.7")
    for n in range(3):
        assert attempt(attacker, f"wrong-{n}").status_code == 200
    assert attempt(attacker, "wrong-again").status_code == 429
    # Someone else on another address signs in as usual.
    assert attempt(Client(REMOTE_ADDR="198.51.100.9"), PASSWORD).status_code == 302
    # Forging X-Forwarded-For does not escape the count.
    forged = attacker.post(
        "/login/",
        {"username": "rita", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.1",
    )
    assert forged.status_code == 429


def test_successful_sign_ins_are_not_counted(reviewer, settings):
    settings.FACTCHECK_LOGIN_FAILURES_PER_WINDOW = 2
    for _ in range(5):
        client = Client(REMOTE_ADDR="127.0.0.1")
        assert attempt(client, PASSWORD).status_code == 302
