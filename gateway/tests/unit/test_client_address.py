"""The client address the rate limits count by: X-Forwarded-For is believed
only from the configured proxies."""

import pytest
from starlette.requests import Request

from gateway.throttle import client_address
from shared.settings import Settings


def request_from(peer: str, *forwarded: str) -> Request:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    scope = {"type": "http", "method": "POST", "path": "/", "headers": headers, "client": (peer, 40000)}
    return Request(scope)


def settings(trusted: str = "") -> Settings:
    return Settings(session_secret="s", trusted_proxies=trusted)


def test_without_trusted_proxies_the_header_is_ignored():
    assert client_address(request_from("203.0.113.7", "198.51.100.1"), settings()) == "203.0.113.7"


def test_a_peer_that_is_not_a_trusted_proxy_is_the_client():
    request = request_from("203.0.113.7", "198.51.100.1")
    assert client_address(request, settings("10.0.0.0/8")) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_address_it_appended_is_the_client():
    # The client sent "1.2.3.4" itself; the proxy appended the address it saw.
    request = request_from("10.0.0.2", "1.2.3.4, 198.51.100.1")
    assert client_address(request, settings("10.0.0.0/8")) == "198.51.100.1"


@pytest.mark.parametrize(
    "forwarded", [("1.2.3.4, 198.51.100.1, 10.0.0.9",), ("1.2.3.4, 198.51.100.1", "10.0.0.9")]
)
def test_every_trusted_proxy_of_a_chain_is_skipped(forwarded):
    request = request_from("10.0.0.2", *forwarded)
    assert client_address(request, settings("10.0.0.0/8, 192.0.2.1")) == "198.51.100.1"


def test_a_trusted_proxy_without_the_header_is_the_client():
    assert client_address(request_from("10.0.0.2"), settings("10.0.0.0/8")) == "10.0.0.2"
