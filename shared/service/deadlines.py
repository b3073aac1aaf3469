"""A call whose caller has given up is refused, not run.

A request message expires in its queue with the caller's timeout, but one
the broker has already delivered no longer expires: a call that waits in a
service for a free worker (every worker busy: a transcode, a slow query), or
in the socket of a frozen process, would run whenever a worker got to it,
long after the gateway answered 504 (measured: an order placed after its
504, 10 times in 12). So the caller's deadline travels with the call: the
gateway's RPC client (``shared.rpc``) sends it in the header
``nameko.deadline`` (seconds since the epoch, as text), which Nameko copies
into the worker's context data; calls a worker makes through ``ServiceRpc``
carry it on, as they carry the request id, so they are bound by the same
deadline.

The service kit wraps every RPC entrypoint with ``refusing_late_calls``:
when its worker starts after the deadline, it raises ``DeadlineExceeded``
before the method runs, so nothing is read or written, and Nameko replies
with that error (504 at the gateway, should it still listen) and
acknowledges the call. The check is at the worker's start, not on delivery:
a call delivered in time may still wait for a worker. The error is added to
the entrypoint's expected exceptions: a refusal is an outcome (``refused``
in the worker's log line and metrics), not a failure of the service.

Event handlers are not wrapped: an event dispatched by a worker carries its
headers, deadline included, but a handled event has nobody waiting and must
never be dropped. For the same reason a worker that is not an RPC call
drops the deadline from its context data, so that the calls it makes in
turn are not bound by it.

The deadline is wall-clock time, compared across hosts: their clocks must
agree to well under a call's timeout (NTP does).
"""

import functools
import time

from nameko.contextdata import ContextDataProvider
from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR
from nameko.rpc import Rpc

from shared.errors import DeadlineExceeded


class Deadline(ContextDataProvider):
    """The caller's deadline as it came (text), or None."""

    context_key = "deadline"  # shared.rpc sends it as "nameko.deadline"

    def worker_setup(self, worker_ctx):
        if not isinstance(worker_ctx.entrypoint, Rpc):
            worker_ctx.data.pop(self.context_key, None)


def passed(deadline) -> bool:
    """Whether ``deadline`` (seconds since the epoch, as text or a number) has
    passed; False without one, or with one that is not a number (not a
    reason to refuse a call)."""
    if not isinstance(deadline, (str, int, float)):
        return False
    try:
        return time.time() > float(deadline)
    except ValueError:
        return False


def refusing_late_calls(method):
    """``method``, refusing to run when it is an RPC entrypoint whose
    caller's deadline has passed; other entrypoints as they are."""
    entrypoints = getattr(method, ENTRYPOINT_EXTENSIONS_ATTR, set())
    if not any(isinstance(entrypoint, Rpc) for entrypoint in entrypoints):
        return method

    @functools.wraps(method)
    def run(self, *args, **kwargs):
        if passed(self.deadline):
            raise DeadlineExceeded(details={"service": self.name, "method": method.__name__})
        return method(self, *args, **kwargs)

    # Nameko builds each bound entrypoint from its declaration's arguments,
    # so the error is made expected by declaring the entrypoint again.
    setattr(run, ENTRYPOINT_EXTENSIONS_ATTR, {_expecting_refusal(e) for e in entrypoints})
    return run


def _expecting_refusal(entrypoint):
    if not isinstance(entrypoint, Rpc):
        return entrypoint
    expected = entrypoint.expected_exceptions
    expected = expected if isinstance(expected, tuple) else (expected,)
    return type(entrypoint)(
        expected_exceptions=(*expected, DeadlineExceeded), sensitive_arguments=entrypoint.sensitive_arguments
    )
