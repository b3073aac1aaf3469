"""The service's entrypoints wire arguments through to the domain functions."""

import pytest
from nameko.testing.services import worker_factory

from auth.service import AuthService
from shared.errors import Unauthenticated


def test_logout_ends_the_given_session(monkeypatch):
    ended = []
    monkeypatch.setattr("auth.sessions.end_session", lambda db, token: ended.append(token))
    service = worker_factory(AuthService)
    service.logout("tok")
    assert ended == ["tok"]


def test_resolve_session_without_token_is_unauthenticated():
    service = worker_factory(AuthService)
    with pytest.raises(Unauthenticated) as raised:
        service.resolve_session(None)
    assert raised.value.code == "SESSION_INVALID"
