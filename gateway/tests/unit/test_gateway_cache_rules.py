"""The rules of the gateway's caches, without a broker: ETags, encodings,
generations (gateway/catalog_cache.py, gateway/session_cache.py)."""

import asyncio

import pytest

from gateway.catalog_cache import Entry, _accepts_gzip, _matches
from gateway.session_cache import SessionCache, _key
from shared.errors import Unauthenticated


class ConnectedRpc:
    connected = True

    def __init__(self):
        self.subscribed = {}
        self.listeners = []

    def subscribe(self, service, event_type, handler):
        self.subscribed[(service, event_type)] = handler

    def on_connection_change(self, listener):
        self.listeners.append(listener)


def test_an_entry_has_a_strong_etag_of_its_body_and_a_gzip_form_over_a_kib():
    small, big = Entry.of(b'{"a":1}'), Entry.of(b'{"a":"' + b"x" * 2000 + b'"}')
    assert small.gzipped is None and big.gzipped is not None
    assert small.etag.startswith('"') and not small.etag.startswith("W/")
    assert Entry.of(b'{"a":1}').etag == small.etag != Entry.of(b'{"a":2}').etag


@pytest.mark.parametrize(
    "header, matches",
    [(None, False), ('"e"', True), ('W/"e"', True), ('"x", "e"', True), ("*", True), ('"x"', False), ('"e-gzip"', True)],
)
def test_if_none_match_is_compared_weakly_against_either_representation(header, matches):
    assert _matches(header, ('"e"', '"e-gzip"')) is matches


@pytest.mark.parametrize(
    "header, accepts",
    [("gzip", True), ("br, gzip;q=0.5", True), ("gzip;q=0", False), ("identity", False), ("*", True), ("", False)],
)
def test_accept_encoding(header, accepts):
    assert _accepts_gzip(header) is accepts


def resolve(cache, token, user):
    async def fetch():
        return user

    return asyncio.run(cache.resolve(token, fetch))


def test_a_session_is_kept_for_its_seconds_then_asked_again():
    now = [0.0]
    cache = SessionCache(5, clock=lambda: now[0])
    cache.attach(ConnectedRpc())
    assert resolve(cache, "t", {"id": "u", "username": "a"})["username"] == "a"
    now[0] = 4.9
    assert resolve(cache, "t", {"id": "u", "username": "b"})["username"] == "a"
    now[0] = 5.1
    assert resolve(cache, "t", {"id": "u", "username": "b"})["username"] == "b"


def test_session_ended_drops_the_token_or_every_session_of_the_user():
    rpc = ConnectedRpc()
    cache = SessionCache(5)
    cache.attach(rpc)
    ended = rpc.subscribed[("auth", "session_ended")]
    for token, user in (("t1", "u1"), ("t2", "u1"), ("t3", "u2")):
        resolve(cache, token, {"id": user})
    ended({"tokenHash": _key("t3"), "userId": None})
    assert set(cache.entries) == {_key("t1"), _key("t2")}
    ended({"tokenHash": None, "userId": "u1"})
    assert cache.entries == {}


def test_nothing_is_kept_without_a_broker_to_hear_the_ends_from():
    rpc = ConnectedRpc()
    cache = SessionCache(5)
    cache.attach(rpc)
    rpc.connected = False
    resolve(cache, "t", {"id": "u"})
    assert cache.entries == {}
    unattached = SessionCache(5)
    resolve(unattached, "t", {"id": "u"})
    assert unattached.entries == {}


def test_a_session_that_ends_while_it_is_resolved_is_not_kept():
    rpc = ConnectedRpc()
    cache = SessionCache(5)
    cache.attach(rpc)

    async def fetch_while_it_ends():
        rpc.subscribed[("auth", "session_ended")]({"tokenHash": _key("t"), "userId": None})
        return {"id": "u"}

    asyncio.run(cache.resolve("t", fetch_while_it_ends))
    assert cache.entries == {}


def test_an_unknown_session_is_never_kept():
    cache = SessionCache(5)
    cache.attach(ConnectedRpc())

    async def refuse():
        raise Unauthenticated()

    with pytest.raises(Unauthenticated):
        asyncio.run(cache.resolve("t", refuse))
    assert cache.entries == {}
