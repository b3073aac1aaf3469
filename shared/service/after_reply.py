"""Work an entrypoint leaves for after its reply: ``self.after_reply(fn)``.

An order is durable once its transaction commits, with its event in the
outbox; publishing that event at once only makes the enrollment prompt (the
relay would publish it within a second anyway). Done inside the call, the
publish (persistent, with a confirm) and the commit that marks it made the
buyer wait for the broker's disk and a second database commit: a fifth of a
checkout's p50 where it was measured (docs/performance.md).

Nameko runs a worker's dependencies' ``worker_result`` after the entrypoint's
``handle_result``, which sends an RPC's reply and acknowledges its message
(an event's too), and before ``worker_teardown`` closes the worker's
session. So a function queued here runs in the same worker, with the same
``self.db`` and dependencies, once the caller has its answer; a graceful
stop waits for it as for the rest of the worker. It runs only when the
entrypoint returned: a call that raised rolled back what it wrote. A
failure is logged, not raised: the reply went out already.
"""

from typing import Callable
from weakref import WeakKeyDictionary

from nameko.extensions import DependencyProvider

from shared.logging import get_logger

log = get_logger(__name__)


class AfterReply(DependencyProvider):
    def __init__(self):
        self.queued = WeakKeyDictionary()

    def get_dependency(self, worker_ctx) -> Callable[[Callable[[], object]], None]:
        queued = self.queued.setdefault(worker_ctx, [])
        return queued.append

    def worker_result(self, worker_ctx, result=None, exc_info=None):
        queued = self.queued.pop(worker_ctx, [])
        if exc_info is not None:
            return
        for function in queued:
            try:
                function()
            except Exception as exc:
                log.exception("work after the reply failed", method=worker_ctx.entrypoint.method_name, error=repr(exc))
