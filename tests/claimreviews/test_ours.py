"""A record whose url is one of our own fact-check pages is recognised and not stored."""

import pytest

from claimreviews.services import is_our_factcheck_page


@pytest.fixture(autouse=True)
def _hosts(settings):
    settings.ALLOWED_HOSTS = ["factcheck.example.org", ".desk.example"]


@pytest.mark.parametrize(
    "url",
    [
        "https://factcheck.example.org/factchecks/12/",
        "http://FACTCHECK.example.org:8000/factchecks/12/",
        "https://factcheck.example.org/factchecks/12/embed/",
        "https://factcheck.example.org/factchecks/12/?utm_source=feed",
        "https://news.desk.example/factchecks/3/",
    ],
)
def test_our_pages(url):
    assert is_our_factcheck_page(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://other.example/factchecks/12/",
        "https://factcheck.example.org/factchecks/",
        "https://factcheck.example.org/factchecks/0/",
        "https://factcheck.example.org/factchecks/12/../13/",
        "https://factcheck.example.org/articles/12/",
        "ftp://factcheck.example.org/factchecks/12/",
        "https://factcheck.example.org.evil.example/factchecks/12/",
        "not a url at all",
    ],
)
def test_not_ours(url):
    assert not is_our_factcheck_page(url)


def test_a_wildcard_host_does_not_make_every_site_ours(settings):
    settings.ALLOWED_HOSTS = ["*"]

    assert not is_our_factcheck_page("https://anyone.example/factchecks/1/")
