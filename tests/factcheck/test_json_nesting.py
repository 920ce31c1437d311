"""Deeply nested JSON is a 400 naming the problem, never a 500 (SECURITY-CASES #34).

3,000 levels in about 6 KB used to raise RecursionError inside the decoder: an
unauthenticated 500 on the token endpoint, with a traceback logged per request.
"""

import json
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.importing import ImportFileError, read_articles
from articles.models import Article
from factcheck import jsonlimits

DEEP = "[" * 3000 + "]" * 3000  # 6 KB, the probe's body
DEEP_OBJECT = '{"a":' * 3000 + "1" + "}" * 3000


def nested(levels: int) -> str:
    return "[" * levels + "]" * levels


# --- the decoder --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "depth"),
    [(1, 0), ("s", 0), ([], 1), ({}, 1), ({"a": [1, {"b": []}]}, 4), ([[[]], []], 3)],
)
def test_nesting_depth_counts_containers(value, depth):
    assert jsonlimits.nesting_depth(value) == depth


def test_loads_accepts_the_limit_and_refuses_one_level_more():
    assert jsonlimits.loads(nested(32), limit=32) == json.loads(nested(32))
    with pytest.raises(jsonlimits.JSONTooDeep, match="more than 32 levels"):
        jsonlimits.loads(nested(33), limit=32)


@pytest.mark.parametrize("raw", [DEEP, DEEP_OBJECT, "[" * 100_000])
def test_loads_refuses_input_that_would_exhaust_the_recursion_limit(raw):
    with pytest.raises(jsonlimits.JSONTooDeep):
        jsonlimits.loads(raw, limit=32)


def test_the_limit_is_a_setting(settings):
    settings.FACTCHECK_JSON_MAX_DEPTH = 3
    with pytest.raises(jsonlimits.JSONTooDeep, match="more than 3 levels"):
        jsonlimits.loads('{"a": {"b": {"c": []}}}')
    assert jsonlimits.loads('{"a": {"b": {"c": 1}}}') == {"a": {"b": {"c": 1}}}


# --- the API ------------------------------------------------------------------------------


def _assert_400_without_traceback(response, caplog):
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert "nested too deeply" in body["detail"]
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


@pytest.mark.django_db
@pytest.mark.parametrize("raw", [DEEP, DEEP_OBJECT, nested(33)])
def test_token_endpoint_refuses_deep_json_anonymously(api_client, raw, caplog):
    response = api_client.post("/api/v1/auth/token/", raw, content_type="application/json")

    _assert_400_without_traceback(response, caplog)


@pytest.mark.django_db
def test_token_endpoint_still_reads_ordinary_json(api_client, reviewer):
    body = {"username": "rita", "password": "correct horse battery staple"}

    response = api_client.post("/api/v1/auth/token/", body, format="json")

    assert response.status_code == 200


@pytest.mark.django_db
def test_every_json_endpoint_uses_the_bounded_parser(api_client, reviewer, caplog):
    api_client.force_authenticate(reviewer)
    body = json.dumps({"title": "T", "text": "Body.", "publisher": json.loads(nested(40))})

    response = api_client.post("/api/v1/articles/", body, content_type="application/json")

    _assert_400_without_traceback(response, caplog)
    assert Article.objects.count() == 0


# --- article imports ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("deep.json", DEEP, "nested too deeply"),
        ("deep.jsonl", '{"title": "A", "text": "B"}\n' + DEEP_OBJECT, "line 2: JSON nested"),
    ],
)
def test_import_files_refuse_deep_json(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")

    with pytest.raises(ImportFileError) as caught:
        read_articles(path)

    assert message in caught.value.message


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_import_page_reports_deep_json_as_an_outcome(client, reviewer, name, caplog):
    client.force_login(reviewer)
    upload = SimpleUploadedFile(name, DEEP.encode(), content_type="application/json")

    response = client.post("/articles/new/", {"files": [upload], "format": "auto"})

    assert response.status_code == 200
    assert "nested too deeply" in response.content.decode()
    assert Article.objects.count() == 0
    assert not [r for r in caplog.records if r.exc_info]


# --- a forged Host header: one log line, no traceback (found by bench/security_probe.py) ---


def test_disallowed_host_is_logged_without_a_traceback(settings):
    import io
    import logging.config

    from django.test import Client

    stream = io.StringIO()
    config = {**settings.LOGGING}
    config["handlers"] = {
        **config["handlers"],
        "console_one_line": {**config["handlers"]["console_one_line"], "stream": stream},
    }
    logging.config.dictConfig(config)
    try:
        response = Client(HTTP_HOST="evil.example").get("/api/v1/ratings/")
    finally:
        logging.config.dictConfig(settings.LOGGING)

    assert response.status_code == 400
    assert "Invalid HTTP_HOST header" in stream.getvalue()
    assert "Traceback" not in stream.getvalue()
