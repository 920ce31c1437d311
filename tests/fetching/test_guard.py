"""The SSRF rules (SECURITY-CASES #25): refused before any connection, with the reason named."""

import pytest

from fetching import guard
from fetching.guard import RefusedURL, vet_url

REAL_RESOLVE = guard.resolve  # taken before the suite's fake DNS replaces it


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://127.0.0.1/", "address_loopback"),
        ("http://127.9.9.9:8080/x", "address_loopback"),
        ("http://[::1]/", "address_loopback"),
        ("http://2130706433/", "address_loopback"),  # 127.0.0.1 as one number
        ("http://0x7f.1/", "address_loopback"),
        ("http://0177.0.0.1/", "address_loopback"),
        ("http://127.1/", "address_loopback"),
        ("http://[::ffff:127.0.0.1]/", "address_loopback"),  # IPv4-mapped
        ("http://localhost/", "address_loopback"),
        ("http://admin.localhost/", "address_loopback"),
        ("http://169.254.169.254/latest/meta-data/", "address_link_local"),
        ("http://[fe80::1]/", "address_link_local"),
        ("http://[::ffff:169.254.169.254]/", "address_link_local"),
        ("http://10.0.0.5/", "address_private"),
        ("http://172.16.3.4/", "address_private"),
        ("http://192.168.1.1/", "address_private"),
        ("http://[fc00::1]/", "address_private"),
        ("http://[::ffff:10.1.2.3]/", "address_private"),
        ("http://[2002:a00:1::]/", "address_private"),  # 6to4 wrapping 10.0.0.1
        ("http://[64:ff9b::a00:1]/", "address_private"),  # NAT64 wrapping 10.0.0.1
        ("http://224.0.0.1/", "address_multicast"),
        ("http://[ff02::1]/", "address_multicast"),
        ("http://240.0.0.1/", "address_reserved"),
        ("http://0.0.0.0/", "address_unspecified"),
        ("http://[::]/", "address_unspecified"),
        ("http://100.64.0.1/", "address_not_public"),  # carrier-grade NAT
        ("file:///etc/passwd", "scheme_refused"),
        ("gopher://example.org/", "scheme_refused"),
        ("ftp://example.org/", "scheme_refused"),
        ("javascript:alert(1)", "scheme_refused"),
        ("//example.org/", "scheme_refused"),
        ("http:///nohost", "host_missing"),
        ("http://user:secret@example.org/", "credentials_in_url"),
        ("http://exa mple.org/", "url_invalid"),
        ("http://example.org:99999/", "port_invalid"),
        ("http://no-such-host.invalid/", "host_unresolvable"),
        ("https://" + "a" * 2000 + ".org/", "url_too_long"),
    ],
)
def test_refuses(url, code):
    with pytest.raises(RefusedURL) as refused:
        vet_url(url)
    assert refused.value.code == code
    assert refused.value.message


def test_a_name_with_one_private_address_among_public_ones_is_refused(fake_dns):
    fake_dns["mixed.test"] = ["93.184.216.34", "10.0.0.7"]

    with pytest.raises(RefusedURL) as refused:
        vet_url("https://mixed.test/page")

    assert refused.value.code == "address_private"
    assert "10.0.0.7" in refused.value.message


def test_dns_answering_a_private_address_is_refused(fake_dns):
    fake_dns["intranet.test"] = ["192.168.0.10"]

    with pytest.raises(RefusedURL, match="private network"):
        vet_url("http://intranet.test/")


def test_accepts_a_public_address_and_keeps_what_it_vetted(fake_dns):
    fake_dns["news.test"] = ["93.184.216.34", "2606:2800:220:1::1"]

    target = vet_url("HTTPS://News.Test./a/b?c=d")

    assert target.hostname == "news.test"
    assert target.port == 443
    assert target.addresses == ("93.184.216.34", "2606:2800:220:1::1")
    assert target.request_target == "/a/b?c=d"
    assert target.host_header == "news.test"


def test_loopback_passes_only_with_the_test_setting(settings):
    settings.FACTCHECK_FETCH_ALLOW_LOOPBACK = True
    assert vet_url("http://127.0.0.1:8112/").addresses == ("127.0.0.1",)
    # The setting lets loopback through, nothing else.
    with pytest.raises(RefusedURL, match="private"):
        vet_url("http://10.0.0.1/")
    with pytest.raises(RefusedURL, match="link-local"):
        vet_url("http://169.254.169.254/")


def test_the_real_resolver_parses_odd_numeric_forms(monkeypatch):
    # The suite replaces guard.resolve; the real one parses these without any lookup.
    monkeypatch.setattr(guard, "resolve", REAL_RESOLVE)
    assert REAL_RESOLVE("2130706433", 80) == ["127.0.0.1"]
    assert "127.0.0.1" in REAL_RESOLVE("localhost", 80)
    with pytest.raises(RefusedURL) as refused:
        vet_url("http://0x7f000001:8112/")
    assert refused.value.code == "address_loopback"
