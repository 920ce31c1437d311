"""Which addresses the fetcher may reach: the SSRF rules, in one place.

A URL is vetted before any connection: its scheme (http or https only), its
form (a host, no user name or password), then every address its host resolves
to. One refused address refuses the URL, because the resolver's order is not
ours to rely on. The fetcher then connects to an address vetted here and never
looks the name up again, so a DNS answer that changes between lookups (DNS
rebinding) cannot move the connection somewhere else.

Addresses are judged after the resolver has parsed them, so odd spellings of an
internal address (`2130706433`, `0x7f.1`, `127.1`, `::ffff:127.0.0.1`) are
refused like the plain ones. IPv6 addresses that embed an IPv4 one (mapped,
6to4, Teredo, NAT64) are judged by the embedded address as well.

Loopback is let through only when settings.FACTCHECK_FETCH_ALLOW_LOOPBACK is
on, which only tests and DEBUG may do (factcheck.settings, fetching.checks).
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ALLOWED_SCHEMES = ("http", "https")
MAX_URL_LENGTH = 2000
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedURL(ValueError):
    """The URL may not be fetched; `code` is stable, `message` says why in plain words."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Target:
    """A vetted URL: where to connect (addresses) and what to ask for (host, path)."""

    url: str
    scheme: str
    hostname: str  # IDNA-encoded, lower case, no brackets
    port: int
    addresses: tuple[str, ...]  # every one vetted; the fetcher connects to these only
    request_target: str  # path and query, as sent in the request line

    @property
    def host_header(self) -> str:
        host = f"[{self.hostname}]" if ":" in self.hostname else self.hostname
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


def resolve(hostname: str, port: int) -> list[str]:
    """Every address `hostname` resolves to (TCP). Tests replace this; nothing else should."""
    try:
        answers = socket.getaddrinfo(hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise RefusedURL(_("The host name does not resolve."), "host_unresolvable") from None
    return list(dict.fromkeys(str(answer[4][0]) for answer in answers))


def vet_url(url: str) -> Target:
    """Check `url` and its host's addresses; raise RefusedURL naming the first problem."""
    url = (url or "").strip()
    parts = _split(url)
    hostname = _hostname(parts.hostname or "")
    port = _port(parts)
    addresses = resolve(hostname, port)
    if not addresses:
        raise RefusedURL(_("The host name does not resolve."), "host_unresolvable")
    for address in addresses:
        refuse_address(address)
    request_target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(url=url, scheme=parts.scheme.lower(), hostname=hostname, port=port,
                  addresses=tuple(addresses), request_target=request_target)  # fmt: skip


def _split(url: str):
    if len(url) > MAX_URL_LENGTH:
        raise RefusedURL(_("The URL is longer than 2000 characters."), "url_too_long")
    if any(ord(ch) < 33 or ord(ch) == 127 for ch in url):
        raise RefusedURL(_("The URL contains spaces or control characters."), "url_invalid")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise RefusedURL(
            _("Only http and https addresses can be fetched, not %(scheme)s.")
            % {"scheme": repr(parts.scheme or "(none)")},
            "scheme_refused",
        )
    if not parts.hostname:
        raise RefusedURL(_("The URL has no host."), "host_missing")
    if parts.username is not None or parts.password is not None:
        raise RefusedURL(
            _("The URL must not contain a user name or password."), "credentials_in_url"
        )
    return parts


def _hostname(raw: str) -> str:
    host = raw.rstrip(".").lower()
    try:
        host = host.encode("idna").decode("ascii") if not _is_ip_literal(host) else host
    except UnicodeError:
        raise RefusedURL(_("The host name is not valid."), "host_invalid") from None
    if host == "localhost" or host.endswith(".localhost"):
        _refuse_loopback(host)
    return host


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _port(parts) -> int:
    try:
        port = parts.port
    except ValueError:
        raise RefusedURL(_("The port is not a number from 1 to 65535."), "port_invalid") from None
    if port == 0:
        raise RefusedURL(_("The port is not a number from 1 to 65535."), "port_invalid")
    return port or (443 if parts.scheme.lower() == "https" else 80)


def refuse_address(raw: str) -> None:
    """Raise RefusedURL when `raw` (an IP address) is not a public unicast address."""
    address = ipaddress.ip_address(raw.split("%", 1)[0])  # drop an IPv6 zone id
    for candidate in (*_embedded_ipv4(address), address):
        reason = _refusal(candidate)
        if reason == "loopback":
            _refuse_loopback(raw)
        elif reason:
            code, message = _REASONS[reason]
            raise RefusedURL(message % {"address": raw}, code)


def _embedded_ipv4(address: IPAddress) -> list[ipaddress.IPv4Address]:
    if address.version == 4:
        return []
    embedded = [address.ipv4_mapped, address.sixtofour]
    if address.teredo:
        embedded += list(address.teredo)
    if address in _NAT64:
        embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    # IPv4-compatible (::a.b.c.d, deprecated) addresses still route to a.b.c.d on some hosts.
    if int(address) >> 32 == 0 and int(address) > 0xFFFF:
        embedded.append(ipaddress.IPv4Address(int(address)))
    return [ip for ip in embedded if ip is not None]


def _refusal(address: IPAddress) -> str:
    """The first class of non-public address `address` belongs to, or ""."""
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link_local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("not_global", not address.is_global),
    )
    return next((name for name, matches in checks if matches), "")


def _refuse_loopback(what: str) -> None:
    if not getattr(settings, "FACTCHECK_FETCH_ALLOW_LOOPBACK", False):
        code, message = _REASONS["loopback"]
        raise RefusedURL(message % {"address": what}, code)


_REASONS = {
    "unspecified": ("address_unspecified", gettext_lazy("%(address)s is the unspecified address.")),
    "loopback": (
        "address_loopback",
        gettext_lazy("%(address)s is this machine (a loopback address)."),
    ),
    "link_local": (
        "address_link_local",
        gettext_lazy("%(address)s is a link-local address (such as the cloud metadata service)."),
    ),
    "multicast": ("address_multicast", gettext_lazy("%(address)s is a multicast address.")),
    "private": ("address_private", gettext_lazy("%(address)s is a private network address.")),
    "reserved": ("address_reserved", gettext_lazy("%(address)s is a reserved address.")),
    "not_global": (
        "address_not_public",
        gettext_lazy("%(address)s is not a public internet address."),
    ),
}
