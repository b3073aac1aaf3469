"""RPC replies across a broker restart: a reply the broker cannot take is
dropped with a warning, not fatal to the service.

Nameko 2.14 publishes a call's reply from the worker's thread, then
acknowledges the call's message. With the broker gone, the publish retries a
few times (Nameko's policy for replies, which its config cannot change) and
raises ``OperationalError``; the error escapes the worker's thread, Nameko
kills the container and ``nameko run`` exits 1: the service stays down after
the broker is back (measured: a call in flight during a broker restart).

Dying gains nothing. The reply has nowhere to go: the caller's reply queue
went with the broker (the gateway's is exclusive, a service's is not
durable), and the caller has already been told that the call failed. The
call's message, not acknowledged, goes back to its queue (durable, the
message persistent), and the service's queue consumer reconnects by itself
(kombu's ``ConsumerMixin``) and runs it again, as it would after a crash,
unless its caller's deadline has passed by then (``shared.service.deadlines``).

Replies are published without publisher confirms, and not persistent.
They go to their caller's reply queue, which is not durable, and a caller
learns of a lost reply by its connection (the gateway's RPC client fails its
calls in flight when the broker goes) or its timeout; a confirm made every
call wait one more round trip to the broker before its worker ended and the
call was acknowledged (about a fifth of a service's time under load, by
py-spy: docs/performance.md). A publish to a broker that is gone still
fails on the socket, and is handled as below.

``install()`` wraps ``RpcConsumer.handle_result`` (and, for a service's own
calls, ``ReplyListener.handle_message``: ``_handle_reply``): when the reply or the
acknowledgement fails for want of a broker, the message is requeued if its
channel still lives (only the publish failed) and left to the broker if not,
and the worker ends normally. Installed only on the Nameko version it was
checked against (``graceful.check_version``).
"""

from kombu.exceptions import OperationalError
from kombu.transport.pyamqp import Transport
from nameko.amqp.publish import Publisher
from nameko.constants import NON_PERSISTENT
from nameko.rpc import ReplyListener, Responder, RpcConsumer

from shared.logging import get_logger
from shared.service.graceful import check_version

log = get_logger(__name__)

# What a publish or an ack raises when the broker is unreachable: kombu's
# error after its retries, and the transport's own (amqp's, socket errors).
BROKER_ERRORS = (OperationalError, *Transport.connection_errors)

_original_handle_result = RpcConsumer.handle_result


def _handle_result(self, message, result, exc_info):
    try:
        return _original_handle_result(self, message, result, exc_info)
    except BROKER_ERRORS as exc:
        log.warning(
            "rpc reply not sent: broker unreachable; the call goes back to its queue",
            routing_key=message.delivery_info.get("routing_key"),
            error=repr(exc),
        )
        try:
            self.queue_consumer.requeue_message(message)
        except BROKER_ERRORS:
            pass  # the connection is gone too: the broker requeues it
        return result, exc_info


def _handle_reply(self, body, message):
    """``ReplyListener.handle_message`` (a reply to this service's own call
    to another), with an acknowledgement the broker cannot take logged
    instead of raised. Nameko acknowledges first; raised, the error ended the
    container and learning exited 1 when the broker was killed just as a
    reply from catalog arrived (tests/e2e/test_chaos.py). The reply is here:
    its caller gets it. Its queue went with the broker."""
    try:
        self.queue_consumer.ack_message(message)
    except BROKER_ERRORS as exc:
        log.warning("rpc reply not acknowledged: broker unreachable; the caller gets it anyway", error=repr(exc))
    client_event = self._reply_events.pop(message.properties.get("correlation_id"), None)
    if client_event is not None:
        client_event.send(body)


class ReplyPublisher(Publisher):
    use_confirms = False
    delivery_mode = NON_PERSISTENT


def install() -> None:
    """Patch ``RpcConsumer`` and ``Responder`` (idempotent; the service kit calls it on import)."""
    check_version()
    RpcConsumer.handle_result = _handle_result
    ReplyListener.handle_message = _handle_reply
    Responder.publisher_cls = ReplyPublisher
