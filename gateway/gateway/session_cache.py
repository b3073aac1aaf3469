"""Resolved sessions, kept briefly in the gateway's memory.

Every logged-in request asked ``auth`` who its session belongs to: one hop
before the route's own call. A gateway process now keeps the answer for
``SESSION_CACHE_SECONDS`` (a few seconds), and drops it before that:

- at once in this process, when the session is logged out through it;
- in every process, when ``auth`` says ``session_ended`` (``shared.events``)
  for the user: a logout elsewhere, a login that replaced the session, a
  profile change (the user kept here is the user as it was); each instance
  hears it on a queue of its own (``RpcClient.subscribe``);
- everything, when the connection to the broker is lost or back: an event
  sent meanwhile was lost, and nothing is kept until it is back.

What is kept is the user ``auth`` answered for a token, keyed by a hash of
the token (no token stays in memory). A session that expires by age or
idleness can be honoured here for at most the cache's seconds past its end:
the bound of SESSION_CACHE_SECONDS (0 turns the cache off).
"""

import hashlib
import time
from typing import Awaitable, Callable

from shared.events import AUTH, SESSION_ENDED
from shared.logging import get_logger
from shared.rpc import RpcClient

log = get_logger(__name__)

# A bound on memory: past it, the oldest half goes.
MAX_ENTRIES = 10_000


def _key(token: str) -> str:
    """As auth names a session (``tokenHash`` in session_ended)."""
    return hashlib.sha256(token.encode()).hexdigest()


class SessionCache:
    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self.clock = clock
        self.rpc: RpcClient | None = None
        self.entries: dict[str, tuple[float, dict]] = {}
        self.generation = 0

    def attach(self, rpc: RpcClient) -> None:
        """Hear auth's session_ended and the connection's losses through ``rpc`` (before it starts)."""
        rpc.subscribe(AUTH, SESSION_ENDED, self._on_session_ended)
        rpc.on_connection_change(self.clear)
        self.rpc = rpc

    def _on_session_ended(self, payload: dict) -> None:
        user_id, token_hash = payload.get("userId"), payload.get("tokenHash")
        self.entries = {
            key: kept for key, kept in self.entries.items()
            if key != token_hash and (user_id is None or kept[1].get("id") != user_id)
        }  # fmt: skip
        self.generation += 1

    def clear(self) -> None:
        self.entries = {}
        self.generation += 1

    def drop(self, token: str) -> None:
        self.entries.pop(_key(token), None)
        self.generation += 1

    async def resolve(self, token: str, fetch: Callable[[], Awaitable[dict]]) -> dict:
        """The user of ``token``: kept, or ``fetch()``ed (auth's answer; its
        Unauthenticated passes through, and is never kept)."""
        trusted = self.seconds > 0 and self.rpc is not None and self.rpc.connected
        key = _key(token)
        now = self.clock()
        kept = self.entries.get(key) if trusted else None
        if kept is not None and now - kept[0] < self.seconds:
            return kept[1]
        generation = self.generation
        user = await fetch()
        # Not kept when something ended meanwhile: it may be this session.
        if trusted and generation == self.generation:
            if len(self.entries) >= MAX_ENTRIES:
                self.entries = dict(sorted(self.entries.items(), key=lambda item: item[1][0])[MAX_ENTRIES // 2 :])
            self.entries[key] = (now, user)
        return user
