"""The catalog's public answers, kept in the gateway's memory.

Courses, a course's page and the assets are the same for every caller and
change rarely, so each gateway process keeps the JSON it last answered for
such a path (and its gzip form, and a strong ETag) and answers from memory
until catalog says ``catalog_changed`` (``shared.events``). Every instance
hears that event on a queue of its own (``RpcClient.subscribe``).

What it may keep: answers that depend on nothing but the path, never on who
asks (no session, no signed URL, no progress); only 200s. When it is wrong
to trust what it keeps, it keeps nothing:

- the connection to the broker is lost, or back after a loss (an event sent
  meanwhile was lost with the instance's queue): everything is dropped, and
  nothing is kept until it is back;
- a change arrives while an answer is being fetched: that answer is served
  but not kept (it may predate the change), by a generation count.

A request whose ``If-None-Match`` names the current ETag gets a 304 without
a body. ``Cache-Control: no-cache`` lets browsers keep the answer and ask
again each time (``gateway.security`` makes it ``no-store`` for a request
with a session cookie, as every ``/api`` answer to one).
"""

import gzip
import hashlib
from dataclasses import dataclass
from typing import Awaitable, Callable

from fastapi import Request, Response
from pydantic import BaseModel

from shared.events import CATALOG, CATALOG_CHANGED
from shared.logging import get_logger
from shared.rpc import RpcClient

log = get_logger(__name__)

# Known paths only are kept (a 404 is not), but one asset has many spellings
# of its id: past this many entries nothing new is kept until the next change.
MAX_ENTRIES = 1000
# Over this, a response is worth compressing (as gateway.compression decides).
COMPRESS_MIN_BYTES = 1024
GZIP_LEVEL = 6
CACHE_CONTROL = "no-cache"


@dataclass(frozen=True)
class Entry:
    body: bytes
    gzipped: bytes | None
    etag: str

    @classmethod
    def of(cls, body: bytes) -> "Entry":
        gzipped = gzip.compress(body, GZIP_LEVEL, mtime=0) if len(body) > COMPRESS_MIN_BYTES else None
        return cls(body, gzipped, f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"')


class CatalogCache:
    """Keeps nothing until ``attach``ed to the RPC client that tells it of changes."""

    def __init__(self):
        self.rpc: RpcClient | None = None
        self.entries: dict[str, Entry] = {}
        self.generation = 0

    def attach(self, rpc: RpcClient) -> None:
        """Hear catalog's changes and the connection's losses through ``rpc`` (before it starts)."""
        rpc.subscribe(CATALOG, CATALOG_CHANGED, self._on_changed)
        rpc.on_connection_change(self.clear)
        self.rpc = rpc

    @property
    def trusted(self) -> bool:
        """Whether a change now would reach this cache."""
        return self.rpc is not None and self.rpc.connected

    def _on_changed(self, payload: dict) -> None:
        log.info("catalog changed: cache dropped", reason=payload.get("reason"), entries=len(self.entries))
        self.clear()

    def clear(self) -> None:
        self.entries = {}
        self.generation += 1

    async def answer(
        self, request: Request, model: type[BaseModel], fetch: Callable[[], Awaitable[dict]]
    ) -> Response:
        """The answer for ``request``'s path: from memory, or from ``fetch()``
        (its result serialized as ``model``, kept while nothing changed)."""
        key = request.url.path
        entry = self.entries.get(key) if self.trusted else None
        if entry is None:
            generation = self.generation
            result = await fetch()  # a domain error (404) passes through, not kept
            entry = Entry.of(model.model_validate(result).model_dump_json(by_alias=True).encode())
            if generation == self.generation and self.trusted and len(self.entries) < MAX_ENTRIES:
                self.entries[key] = entry
        return respond(request, entry)


def respond(request: Request, entry: Entry) -> Response:
    # Each representation its own strong ETag (RFC 9110 8.8.3); either
    # names the same content to If-None-Match.
    gzip_etag = entry.etag[:-1] + '-gzip"'
    send_gzip = entry.gzipped is not None and _accepts_gzip(request.headers.get("accept-encoding", ""))
    headers = {"ETag": gzip_etag if send_gzip else entry.etag, "Cache-Control": CACHE_CONTROL, "Vary": "Accept-Encoding"}
    if _matches(request.headers.get("if-none-match"), (entry.etag, gzip_etag)):
        return Response(status_code=304, headers=headers)
    if send_gzip:
        return Response(entry.gzipped, media_type="application/json", headers={**headers, "Content-Encoding": "gzip"})
    return Response(entry.body, media_type="application/json", headers=headers)


def _matches(if_none_match: str | None, etags: tuple[str, ...]) -> bool:
    """RFC 9110's weak comparison, which If-None-Match uses."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") in etags for tag in if_none_match.split(","))


def _accepts_gzip(accept_encoding: str) -> bool:
    for part in accept_encoding.lower().split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False
