"""Fixtures for the fetcher: loopback test servers, and a net that catches any other connection."""

import ipaddress
import socket

import pytest

from tests.fetching.servers import Site, running


@pytest.fixture(autouse=True)
def connections(monkeypatch) -> list:
    """Every address the code under test connects to; anything but loopback fails the test.

    A safety net, so that even a broken guard never sends traffic off this machine.
    """
    seen: list = []
    real_connect = socket.socket.connect

    def connect(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        seen.append(host)
        if not ipaddress.ip_address(host.split("%", 1)[0]).is_loopback:
            raise AssertionError(f"the code under test connected to {host}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return seen


@pytest.fixture
def allow_loopback(settings):
    settings.FACTCHECK_FETCH_ALLOW_LOOPBACK = True


@pytest.fixture
def site(allow_loopback):
    with running(Site()) as server:
        yield server
