"""The gateway's HTTP connections: uvicorn's h11 protocol, with a stop that
answers what is already on its way.

    uvicorn --http gateway.connections:GatewayH11Protocol ...   (the Procfile)

On SIGTERM uvicorn stops listening,
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

import h11
from uvicorn.protocols.http.flow_control import CLOSE_HEADER
from uvicorn.protocols.http.h11_impl import H11Protocol


# Long enough for a request a client sent just before the stop to arrive.
SHUTDOWN_IDLE_GRACE_SECONDS = 1.0


def _listening(transport) -> bool:
    """Whether the server that accepted ``transport`` still accepts: False
    once uvicorn has begun to stop. asyncio keeps that server on the
    transport, under a private name; without it, assume so."""
    server = getattr(transport, "_server", None)
    return server is None or server.is_serving()


class GatewayH11Protocol(H11Protocol):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.draining = False

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        if not _listening(transport):
            self.shutdown()

    def handle_events(self) -> None:
        cycle = self.cycle
        super().handle_events()
        if self.cycle is not cycle and self.draining:  # a request's headers arrived
            self._close_after(self.cycle)

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
        # left to arrive.
        if not self.transport.is_closing() and self._between_requests() and not self.conn.trailing_data[0]:
            self.conn.send(h11.ConnectionClosed())
            self.transport.close()

    def _between_requests(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _later(self, seconds: float, callback) -> asyncio.TimerHandle:
        # In a context of its own: not the request's, whose id would mark the line.
        return self.loop.call_later(seconds, callback, context=contextvars.Context())
