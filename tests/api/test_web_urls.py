"""One rule for every stored URL (issue 8 point 11, SECURITY-CASES #10).

`https://trusted.org@evil.example/` used to be accepted as a source and broke
the schema's `uri` format; quotes and angle brackets were stored as given.
"""

import json

import pytest

from annotations.models import Source
from articles.importing import ImportDataError, parse_json
from articles.models import Article
from factcheck.weburls import is_web_url, web_url_problem
from tests.factories import ArticleFactory, ClaimFactory

GOOD = [
    "https://a.example/report",
    "http://a.example:8080/x?q=1&r=2#part",
    "https://de.wikipedia.org/wiki/K%C3%B6ln",
    "https://en.wikipedia.org/wiki/Conan_O'Brien",
    "https://a.example/(parens)/a+b;c=d,e!$*",
    "http://[2001:db8::1]/page",
]
BAD = {
    "https://trusted.org@evil.example/": "credentials_in_url",
    "https://user:pass@a.example/": "credentials_in_url",
    "https://:pass@a.example/": "credentials_in_url",
    'https://a.example/"onmouseover="alert(1)': "invalid_characters",
    "https://a.example/<script>": "invalid_characters",
    "https://a.example/a b": "invalid_characters",
    "https://a.example\\@evil.example/": "credentials_in_url",
    "https://a.example/a\\b": "invalid_characters",
    "https://a.example/{x}|^`": "invalid_characters",
    "https://a.example/%zz": "invalid_characters",
    "https://a.example/a[0]": "invalid_characters",
    "https://a.example/Köln": "invalid_characters",
    "https://a.example/\u202egnp.exe": "invalid_characters",
    "https://a.example:99999/": "invalid_url",
    "javascript:alert(1)": "invalid_url",
    "//evil.example/x": "invalid_url",
    "https:///nohost": "invalid_url",
}


@pytest.mark.parametrize("url", GOOD)
def test_ordinary_addresses_pass(url):
    assert web_url_problem(url) is None


@pytest.mark.parametrize(("url", "code"), BAD.items())
def test_each_bad_address_is_refused_with_a_code(url, code):
    problem = web_url_problem(url)

    assert problem is not None
    assert problem[1] == code, problem


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(BAD))
def test_source_url_is_refused_naming_the_field(as_reviewer, url):
    claim = ClaimFactory()

    response = as_reviewer.post(f"/api/v1/claims/{claim.pk}/sources/", {"url": url})

    assert response.status_code == 400
    assert list(response.json())[:1] == ["url"]
    assert Source.objects.count() == 0


@pytest.mark.django_db
def test_source_url_patch_is_refused(as_reviewer, reviewer):
    from tests.factories import SourceFactory

    source = SourceFactory(added_by=reviewer, url="https://a.example/ok")

    response = as_reviewer.patch(
        f"/api/v1/sources/{source.pk}/", {"url": "https://trusted.org@evil.example/"}
    )

    assert response.status_code == 400
    assert "url" in response.json()
    source.refresh_from_db()
    assert source.url == "https://a.example/ok"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["https://trusted.org@evil.example/", "https://a.example/<b>"])
def test_article_url_is_refused_on_create_and_patch(as_reviewer, reviewer, url):
    created = as_reviewer.post("/api/v1/articles/", {"title": "T", "text": "Body.", "url": url})
    article = ArticleFactory(created_by=reviewer)
    patched = as_reviewer.patch(f"/api/v1/articles/{article.pk}/", {"url": url})

    assert created.status_code == 400
    assert "url" in created.json()
    assert patched.status_code == 400
    assert "url" in patched.json()
    assert not Article.objects.filter(url=url).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://trusted.org@evil.example/", "credentials_in_url"),
        ('https://a.example/"><script>', "invalid_characters"),
    ],
)
def test_url_import_refuses_what_may_not_be_stored(as_reviewer, url, code):
    response = as_reviewer.post("/api/v1/articles/import-url/", {"url": url})

    assert response.status_code == 400
    assert response.json()["codes"] == {"url": [code]}


def test_imported_json_with_a_bad_url_is_refused():
    raw = json.dumps({"title": "T", "text": "B", "url": "https://u:p@a.example/"})

    with pytest.raises(ImportDataError, match="url must start"):
        parse_json(raw)


def test_is_web_url_matches_the_problem_function():
    assert all(is_web_url(url) for url in GOOD)
    assert not any(is_web_url(url) for url in BAD)
