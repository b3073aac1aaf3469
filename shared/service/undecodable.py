"""Messages that cannot be decoded reach their entrypoint instead of the bin.

Nameko 2.14 consumes through kombu's ``ConsumerMixin``, whose
``on_decode_error`` logs a message it cannot decode (bad JSON, a content
type it does not accept) and acknowledges it: the message is gone with
nothing but a log line. ``install()`` hands such a message to the entrypoint
whose queue it came from, as a payload that describes it::

    {"undecodable": {"contentType", "contentEncoding", "error", "body"}}

An event handler then treats it like any event it cannot read: the service's
failed events table records it as parked (``shared.service.failures``), in
the handler's transaction, before the message is acknowledged. An RPC
entrypoint finds no ``args`` in it and replies with Nameko's
``MalformedRequest``, so the caller gets an answer instead of a timeout.
"""

from functools import partial

from nameko.messaging import QueueConsumer

from shared.logging import get_logger

log = get_logger(__name__)

# Enough of the body for an operator to see what it was.
BODY_KEPT_CHARS = 16_384

_original_get_consumers = QueueConsumer.get_consumers


def describe(message, exc: BaseException) -> dict:
    """The payload an entrypoint receives for an undecodable message."""
    body = message.body
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else str(body)
    return {
        "undecodable": {
            "contentType": message.content_type,
            "contentEncoding": message.content_encoding,
            "error": f"{type(exc).__name__}: {exc}"[:2000],
            "body": text[:BODY_KEPT_CHARS],
        }
    }


def _on_decode_error(queue_consumer, provider, message, exc) -> None:
    log.error("undecodable message handed to its entrypoint", queue=provider.queue.name, error=str(exc))
    queue_consumer.handle_message(provider, describe(message, exc), message)


def _get_consumers(self, consumer_cls, channel):
    consumers = _original_get_consumers(self, consumer_cls, channel)
    for provider, consumer in self._consumers.items():
        consumer.on_decode_error = partial(_on_decode_error, self, provider)
    return consumers


def install() -> None:
    """Patch ``QueueConsumer`` (idempotent; the service kit calls it on
    import, after ``graceful`` has checked the Nameko version)."""
    QueueConsumer.get_consumers = _get_consumers
