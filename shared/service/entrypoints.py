"""Nameko's ``rpc`` and ``event_handler``, declaring their durable queues
with the suite's arguments (shared/queues.py: quorum queues when
BROKER_QUORUM_QUEUES is on). Nameko 2.14 has no setting for a queue's
arguments; these subclasses add them to the queue it builds, before the
queue is declared (at start, by the queue consumer).

An event handled while the broker went away cannot be acknowledged: Nameko
would let the ack's error end the container (the process exits). The kit's
handler logs it instead; the broker delivers the event again once the
connection is back, and every consumer of the suite is idempotent. (RPC
replies have the same care in shared.service.replies.)

An RPC whose database cannot be reached answers ``DependencyUnavailable``
(a 503 at the gateway, retried later) rather than the driver's error, which
the caller could only take for a bug (a 500). Only the reply changes: event
handlers and timers keep their errors, so that the failed events' rules
(shared/service/failures.py) and ``requeue_on_error`` go on deciding what
becomes of an event whose database is away.

Every entrypoint of a service must come from here: two RPC consumers of one
service declaring ``rpc-<service>`` with different arguments would have the
broker refuse the second (tests/unit/test_service_kit.py checks).
"""

import nameko.events
import nameko.rpc

from shared.db import unreachable
from shared.errors import DependencyUnavailable
from shared.logging import get_logger
from shared.queues import event_queue_arguments, rpc_queue_arguments
from shared.service.replies import BROKER_ERRORS
from shared.settings import get_settings

log = get_logger(__name__)


class RpcConsumer(nameko.rpc.RpcConsumer):
    def setup(self):
        super().setup()
        self.queue.queue_arguments = {**(self.queue.queue_arguments or {}), **rpc_queue_arguments(get_settings())}


def database_unavailable() -> DependencyUnavailable:
    return DependencyUnavailable("The service's database is temporarily unavailable", code="DATABASE_UNAVAILABLE")


class Rpc(nameko.rpc.Rpc):
    rpc_consumer = RpcConsumer()

    def handle_result(self, message, worker_ctx, result, exc_info):
        if exc_info is not None and unreachable(exc_info[1]):
            log.warning("rpc failed: database unreachable", method=self.method_name, error=repr(exc_info[1]))
            error = database_unavailable()
            exc_info = (type(error), error, exc_info[2])
        return super().handle_result(message, worker_ctx, result, exc_info)


class EventHandler(nameko.events.EventHandler):
    def setup(self):
        super().setup()
        # Only the durable, shared queues of reliable delivery; a broadcast
        # or auto-delete queue cannot be a quorum queue.
        if self.queue.durable and not self.queue.auto_delete and not self.queue.exclusive:
            arguments = event_queue_arguments(get_settings())
            self.queue.queue_arguments = {**(self.queue.queue_arguments or {}), **arguments}

    def handle_result(self, message, worker_ctx, result=None, exc_info=None):
        try:
            return super().handle_result(message, worker_ctx, result, exc_info)
        except BROKER_ERRORS as exc:
            log.warning(
                "event handled but not acknowledged: broker unreachable; it will be delivered again",
                routing_key=message.delivery_info.get("routing_key"),
                error=repr(exc),
            )
            return result, exc_info


rpc = Rpc.decorator
event_handler = EventHandler.decorator
