"""The gateway's HTTP connections: uvicorn's h11 protocol, with read
deadlines and a stop that answers what is already on its way.

    python -m gateway.serve --http gateway.connections:GatewayH11Protocol ...   (the Procfile)

Read deadlines. uvicorn bounds only the wait between two requests
(``--timeout-keep-alive``), and any byte cancels even that: a connection that
sends nothing, half a request line, or a byte every few seconds is held
forever (measured: 1,200 such connections accepted and kept). Here the
headers of each request must arrive within ``HEADER_READ_TIMEOUT_SECONDS``
of the connection or of the previous response, or the connection is closed;
a body must arrive within ``BODY_READ_TIMEOUT_SECONDS`` of its headers, or
the request is answered 408 and the connection closed (the route, waiting on
the body, sees the client gone). A chunk of a staff upload
(``PUT /api/admin/uploads/...``, up to UPLOAD_CHUNK_BYTES) gets longer: the
time its declared length takes past the usual body limit at
``UPLOAD_MIN_BYTES_PER_SECOND``, so that 8 MiB over a 1 Mbit/s uplink still
arrives; a slower client sends smaller chunks.

A stop that answers what is on its way. On SIGTERM uvicorn stops listening,
lets the requests it is running finish (``--timeout-graceful-shutdown``) and
closes every idle keep-alive connection at once. A client that has just sent
its next request on one has it reset unanswered (measured: 23 of ~5,000
requests from 100 keep-alive clients, ReadError "connection reset"), and a
response finished during the stop says nothing of the close that follows
it, so the client may send another into it. Here, once the stop begins,
every response says ``Connection: close``, and an idle connection stays
open ``SHUTDOWN_IDLE_GRACE_SECONDS`` for a request already sent, which is
answered (with that header) before the connection closes. uvicorn waits
for these connections like the others. A connection accepted just before
the stop, whose protocol starts only after uvicorn asked the others to
stop, drains the same way: uvicorn alone would serve it keep-alive until
its graceful timeout ran out (measured: 4,500 requests in 20 s, then a 500
as the RPC client closed).
"""

import asyncio
import contextvars
import json

import h11
from uvicorn.protocols.http.flow_control import CLOSE_HEADER
from uvicorn.protocols.http.h11_impl import H11Protocol

from shared.logging import get_logger
from shared.settings import get_settings

# Long enough for a request a client sent just before the stop to arrive.
SHUTDOWN_IDLE_GRACE_SECONDS = 1.0
# The slowest upload a chunk's deadline allows for (about 1 Mbit/s).
UPLOAD_MIN_BYTES_PER_SECOND = 128 * 1024
UPLOAD_PATH = b"/api/admin/uploads/"

log = get_logger(__name__)


def _listening(transport) -> bool:
    """Whether the server that accepted ``transport`` still accepts: False
    once uvicorn has begun to stop. asyncio keeps that server on the
    transport, under a private name; without it, assume so."""
    server = getattr(transport, "_server", None)
    return server is None or server.is_serving()


class GatewayH11Protocol(H11Protocol):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        settings = get_settings()
        self.header_timeout = settings.header_read_timeout_seconds
        self.body_timeout = settings.body_read_timeout_seconds
        self.max_body_bytes = settings.max_body_bytes
        self.upload_chunk_bytes = settings.upload_chunk_bytes
        self.header_timer: asyncio.TimerHandle | None = None
        self.body_timer: asyncio.TimerHandle | None = None
        self.draining = False

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._arm_header_timer()
        if not _listening(transport):
            self.shutdown()

    def connection_lost(self, exc) -> None:
        self._cancel(self.header_timer)
        self._cancel(self.body_timer)
        super().connection_lost(exc)

    def handle_events(self) -> None:
        cycle = self.cycle
        super().handle_events()
        if self.cycle is not cycle:  # a request's headers arrived
            self._cancel(self.header_timer)
            if self.conn.their_state is h11.SEND_BODY:
                self.body_timer = self._later(self._body_deadline(), self._body_timed_out)
            if self.draining:
                self._close_after(self.cycle)
        if self.conn.their_state is not h11.SEND_BODY:
            self._cancel(self.body_timer)

    # -- read deadlines ------------------------------------------------------

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_header_timer()  # for the next request on this connection

    def _arm_header_timer(self) -> None:
        self._cancel(self.header_timer)
        self.header_timer = self._later(self.header_timeout, self._headers_timed_out)

    def _headers_timed_out(self) -> None:
        if self.transport.is_closing() or not self._between_requests():
            return
        log.info("connection closed: request headers not received in time", timeout=self.header_timeout)
        self.transport.close()

    def _body_deadline(self) -> float:
        scope = self.cycle.scope
        if scope["method"] != "PUT" or not scope["raw_path"].startswith(UPLOAD_PATH):
            return self.body_timeout
        declared = dict(scope["headers"]).get(b"content-length", b"")
        length = min(int(declared), self.upload_chunk_bytes) if declared.isdigit() else self.upload_chunk_bytes
        return self.body_timeout + max(0, length - self.max_body_bytes) / UPLOAD_MIN_BYTES_PER_SECOND

    def _body_timed_out(self) -> None:
        if self.transport.is_closing() or self.conn.their_state is not h11.SEND_BODY:
            return
        log.info("request cut: body not received in time", timeout=self.body_timeout)
        if not self.cycle.response_started:
            self._send_408()
        self.transport.close()  # the route's receive() then says the client is gone

    def _send_408(self) -> None:
        self.cycle.response_started = self.cycle.disconnected = True  # the route writes nothing now
        body = json.dumps(
            {"message": "Request body not received in time", "code": "REQUEST_TIMEOUT", "details": None}
        ).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            CLOSE_HEADER,
        ]
        events = (h11.Response(status_code=408, headers=headers), h11.Data(data=body), h11.EndOfMessage())
        try:
            for event in events:
                self.transport.write(self.conn.send(event))
        except h11.LocalProtocolError:
            pass  # h11 will not say it now: the close alone must do

    # -- the stop ------------------------------------------------------------

    def shutdown(self) -> None:
        """Called by uvicorn as it stops (see the module docstring)."""
        self.draining = True
        if self._between_requests():
            self._later(SHUTDOWN_IDLE_GRACE_SECONDS, self._close_if_idle)
        elif self.cycle is not None:
            self._close_after(self.cycle)

    def _close_after(self, cycle) -> None:
        cycle.keep_alive = False
        if not cycle.response_started:
            cycle.default_headers = [*cycle.default_headers, CLOSE_HEADER]

    def _close_if_idle(self) -> None:
        # A request begun in the meantime is answered, then closes the
        # connection itself; one whose headers are still on their way is
        # left to the header deadline.
        if not self.transport.is_closing() and self._between_requests() and not self.conn.trailing_data[0]:
            self.conn.send(h11.ConnectionClosed())
            self.transport.close()

    def _between_requests(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _later(self, seconds: float, callback) -> asyncio.TimerHandle:
        # In a context of its own: not the request's, whose id would mark the line.
        return self.loop.call_later(seconds, callback, context=contextvars.Context())

    @staticmethod
    def _cancel(timer: asyncio.TimerHandle | None) -> None:
        if timer is not None:
            timer.cancel()
