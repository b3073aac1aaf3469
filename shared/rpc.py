"""The gateway's RPC client: Nameko's wire protocol over one AMQP connection.

A standalone ``ClusterRpcProxy`` opens a connection and a reply queue per
proxy (~15 ms), and blocks the event loop. This client keeps, per process:

- one robust connection (re-established after a broker restart, on another
  node of a cluster if AMQP_URI names several: ``shared.amqp``) and one
  channel with publisher confirms;
- one exclusive reply queue, bound to ``nameko-rpc`` under its own name,
  because Nameko publishes replies to that exchange with ``reply_to`` as the
  routing key (so RabbitMQ's direct reply-to cannot be used);
- a map of correlation id -> future;
- for events a gateway instance must hear (``subscribe``): exclusive,
  auto-delete queues of its own, one per event, bound to its owner's events
  exchange and named as Nameko names a handler's
  (``evt-<service>-<event>--gateway.<uuid>``, which the broker users of
  deploy/broker_users.py allow), so that every instance gets every event;
  listeners (``on_connection_change``) hear when the connection goes and
  comes back, since events sent meanwhile are lost with those queues.

Requests go to exchange ``nameko-rpc`` with routing key ``<service>.<method>``
and body ``{"args": [...], "kwargs": {...}}``; replies carry
``{"result": ..., "error": null | {"exc_type", "exc_path", "exc_args", "value"}}``.
Requests are ``mandatory``: with no queue bound for the service (no instance
running) the broker returns the message and the call fails at once instead
of waiting for its timeout. Each request expires with the call's timeout, so
a call the client gave up on is not run later: in the queue by the broker's
message expiry, and once delivered by the service kit, which refuses a call
whose deadline (header ``nameko.deadline``, seconds since the epoch) has
passed (``shared.service.deadlines``).
"""

import asyncio
import json
import logging
import time
import uuid
from typing import Callable

import aio_pika
from aio_pika.exceptions import (
    AMQPError,
    ChannelInvalidStateError,
    ChannelNotFoundEntity,
    DeliveryError,
)
from prometheus_client import Gauge, Histogram

from shared import amqp
from shared.errors import DomainError, from_remote
from shared.logging import request_id_var

RPC_EXCHANGE = "nameko-rpc"
# Nameko's RPC queues are durable and outlive their consumers, so ``mandatory``
# alone only catches services that never ran. The client also asks the broker
# how many consumers a service's queue has, and trusts a positive answer for
# this long.
INSTANCE_CHECK_TTL = 0.5
# Nameko copies headers with this prefix into the worker's context data.
CONTEXT_HEADER_PREFIX = "nameko."
# What aio-pika raises while the broker is gone or the connection is coming
# back: its own errors, the socket's, and RuntimeError("Connection was not
# opened") for a channel asked of a connection that is reconnecting.
BROKER_ERRORS = (AMQPError, ChannelInvalidStateError, ConnectionError, RuntimeError)

log = logging.getLogger(__name__)

# Every call, whatever its outcome: ok, domain_error (the service answered
# with one of shared.errors), unavailable, timeout, remote_error, cancelled.
RPC_LATENCY = Histogram(
    "gateway_rpc_duration_seconds",
    "RPC calls from the gateway, from publish to reply",
    ["service", "method", "outcome"],
)
# 1 while this process's connection to the broker is up, one value per
# process (its pid): /api/ready is answered by whichever gateway worker
# accepted the connection, so a worker still reconnecting shows only here.
BROKER_CONNECTED = Gauge(
    "gateway_broker_connected",
    "1 while this gateway process is connected to the broker",
    multiprocess_mode="liveall",
)


class RpcError(Exception):
    """A call that did not produce a reply from the service."""


class ServiceUnavailable(RpcError):
    """No running instance of the service, or the broker is unreachable."""


class RpcTimeout(RpcError):
    """The service did not answer within the timeout: whether the call took
    effect is unknown. ``details`` may say how to find out (in the 504)."""

    def __init__(self, message: str, details: dict | None = None):
        super().__init__(message)
        self.details = details


class RemoteError(RpcError):
    """The service failed with an error that is not a domain error."""

    def __init__(self, exc_type, value):
        super().__init__(f"{exc_type}: {value}")
        self.exc_type = exc_type
        self.value = value


class RpcClient:
    def __init__(self, amqp_uri: str, timeout: float = 10.0, reconnect_interval: float = 1.0):
        self.amqp_uri = amqp_uri
        self.timeout = timeout
        self.reconnect_interval = reconnect_interval
        self.reply_queue_name = f"rpc.reply-gateway-{uuid.uuid4()}"
        self._connection = None
        self._channel = None
        self._exchange = None
        self._pending: dict[str, asyncio.Future] = {}
        self._check_channel = None
        self._check_lock = asyncio.Lock()
        self._instances_seen: dict[str, float] = {}
        self._connector: asyncio.Task | None = None
        self._closing = False
        self.instance_id = uuid.uuid4()
        self._subscriptions: list[tuple[str, str, Callable[[dict], None]]] = []
        self._connection_listeners: list[Callable[[], None]] = []

    def subscribe(self, service: str, event_type: str, handler: Callable[[dict], None]) -> None:
        """Call ``handler(payload)`` for every ``event_type`` that ``service``
        dispatches (Nameko's exchange ``<service>.events``), in this process.
        Before ``start``."""
        self._subscriptions.append((service, event_type, handler))

    def on_connection_change(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` when the connection is lost and when it is back."""
        self._connection_listeners.append(listener)

    # -- lifecycle ---------------------------------------------------------

    async def start(self) -> None:
        """Connect now if the broker answers, otherwise keep trying in the
        background; calls fail with ServiceUnavailable until connected."""
        try:
            await self._connect()
        except (AMQPError, OSError) as exc:
            log.warning("broker unreachable at startup, retrying: %s", exc)
            self._connector = asyncio.create_task(self._connect_forever())

    async def close(self) -> None:
        self._closing = True
        if self._connector:
            self._connector.cancel()
        self._fail_pending(ServiceUnavailable("RPC client closed"))
        if self._connection:
            await self._connection.close()

    async def _connect_forever(self) -> None:
        while not self._closing:
            await asyncio.sleep(self.reconnect_interval)
            try:
                await self._connect()
                log.info("connected to broker")
                return
            except (AMQPError, OSError) as exc:
                log.debug("broker still unreachable: %s", exc)

    async def _connect(self) -> None:
        connection = await amqp.connect(self.amqp_uri, timeout=5, reconnect_interval=self.reconnect_interval)
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        exchange = await channel.declare_exchange(
            RPC_EXCHANGE, aio_pika.ExchangeType.TOPIC, durable=True
        )
        queue = await channel.declare_queue(self.reply_queue_name, exclusive=True)
        await queue.bind(exchange, routing_key=self.reply_queue_name)
        await queue.consume(self._on_reply, no_ack=True)
        # Replies to calls in flight when the connection drops are lost with
        # the exclusive queue: fail those calls now rather than at timeout.
        connection.close_callbacks.add(self._on_connection_lost)
        connection.reconnect_callbacks.add(self._on_reconnected)
        self._check_channel = await connection.channel()
        if self._subscriptions:
            await self._consume_events(channel)
        self._connection, self._channel, self._exchange = connection, channel, exchange
        self._connection_changed()

    async def _consume_events(self, channel) -> None:
        for service, event_type, handler in self._subscriptions:
            # As Nameko declares it: durable topic, named after the service.
            exchange = await channel.declare_exchange(f"{service}.events", aio_pika.ExchangeType.TOPIC, durable=True)
            queue = await channel.declare_queue(
                f"evt-{service}-{event_type}--gateway.{self.instance_id}", exclusive=True, auto_delete=True
            )
            await queue.bind(exchange, routing_key=event_type)
            await queue.consume(_event_consumer(handler), no_ack=True)

    def _on_connection_lost(self, *_args) -> None:
        self._fail_pending(ServiceUnavailable("connection to the broker was lost"))
        self._connection_changed()

    def _on_reconnected(self, *_args) -> None:
        self._connection_changed()

    def _connection_changed(self) -> None:
        BROKER_CONNECTED.set(1 if self.connected else 0)
        for listener in self._connection_listeners:
            listener()

    def _fail_pending(self, exc: Exception) -> None:
        for future in self._pending.values():
            if not future.done():
                future.set_exception(exc)

    @property
    def connected(self) -> bool:
        return (
            self._connection is not None
            and self._connection.connected.is_set()
            and not self._channel.is_closed
        )

    # -- calls ---------------------------------------------------------------

    async def call(self, service: str, method: str, *args, timeout: float | None = None, **kwargs):
        """Call ``service.method(*args, **kwargs)`` and return its result.

        Raises the domain error the service raised, ServiceUnavailable (no
        instance or no broker), RpcTimeout, or RemoteError.
        """
        started = time.perf_counter()
        outcome = "ok"
        try:
            return await self._call(service, method, args, kwargs, timeout)
        except BaseException as exc:
            outcome = _outcome(exc)
            raise
        finally:
            RPC_LATENCY.labels(service, method, outcome).observe(time.perf_counter() - started)

    async def _call(self, service: str, method: str, args, kwargs, timeout: float | None):
        timeout = self.timeout if timeout is None else timeout
        if not self.connected:
            raise ServiceUnavailable("message broker unreachable")

        await self._ensure_instance(service)
        correlation_id = str(uuid.uuid4())
        message = aio_pika.Message(
            body=json.dumps({"args": list(args), "kwargs": kwargs}).encode(),
            content_type="application/json",
            content_encoding="utf-8",
            # A request expires with its timeout, and a broker that dies
            # with it in a queue also drops the connection its caller waits
            # on (503): writing it to disk buys nothing, and costs the
            # confirm an fsync.
            delivery_mode=aio_pika.DeliveryMode.NOT_PERSISTENT,
            reply_to=self.reply_queue_name,
            correlation_id=correlation_id,
            expiration=timeout,
            headers=self._context_headers(deadline=time.time() + timeout),
        )
        future = asyncio.get_running_loop().create_future()
        self._pending[correlation_id] = future
        try:
            async with asyncio.timeout(timeout):
                try:
                    await self._exchange.publish(
                        message, routing_key=f"{service}.{method}", mandatory=True
                    )
                except DeliveryError as exc:
                    raise ServiceUnavailable(f"no running instance of '{service}'") from exc
                except BROKER_ERRORS as exc:
                    raise ServiceUnavailable("message broker unreachable") from exc
                reply = await future
        except TimeoutError as exc:
            raise RpcTimeout(f"'{service}.{method}' did not answer within {timeout}s") from exc
        finally:
            self._pending.pop(correlation_id, None)
        return self._unpack(reply)

    async def _ensure_instance(self, service: str) -> None:
        """Raise ServiceUnavailable unless some instance consumes ``rpc-<service>``."""
        seen = self._instances_seen.get(service)
        if seen is not None and time.monotonic() - seen < INSTANCE_CHECK_TTL:
            return
        # One check at a time: the broker closes the channel when a queue is
        # missing, which would fail any other declare in flight on it.
        async with self._check_lock:
            try:
                queue = await asyncio.wait_for(
                    # robust=False: a robust channel answers a repeated passive
                    # declare from its cache, with a stale consumer count.
                    self._check_channel.declare_queue(f"rpc-{service}", passive=True, robust=False), timeout=2
                )
                running = queue.declaration_result.consumer_count > 0
            except ChannelNotFoundEntity:
                running = False
                await self._reopen_check_channel()
            except (*BROKER_ERRORS, TimeoutError) as exc:
                await self._reopen_check_channel()
                raise ServiceUnavailable("message broker unreachable") from exc
        if not running:
            self._instances_seen.pop(service, None)
            raise ServiceUnavailable(f"no running instance of '{service}'")
        self._instances_seen[service] = time.monotonic()

    async def _reopen_check_channel(self) -> None:
        try:
            channel = await asyncio.wait_for(self._connection.channel(), timeout=2)
        except (*BROKER_ERRORS, TimeoutError):
            return  # the connection is down: robust recovery restores it, and the old channel
        old, self._check_channel = self._check_channel, channel
        if not old.is_closed:
            try:
                await old.close()
            except (*BROKER_ERRORS, TimeoutError):
                pass

    def _context_headers(self, deadline: float) -> dict:
        headers = {
            CONTEXT_HEADER_PREFIX + "call_id_stack": [f"gateway.{uuid.uuid4()}"],
            # As text: Nameko copies it, as context data, into the calls the
            # worker makes in turn, and text crosses every hop unchanged.
            CONTEXT_HEADER_PREFIX + "deadline": f"{deadline:.3f}",
        }
        request_id = request_id_var.get()
        if request_id:
            headers[CONTEXT_HEADER_PREFIX + "request_id"] = request_id
        return headers

    async def _on_reply(self, message: aio_pika.abc.AbstractIncomingMessage) -> None:
        future = self._pending.get(message.correlation_id)
        if future is None or future.done():
            return  # the caller already gave up
        try:
            future.set_result(json.loads(message.body))
        except ValueError as exc:
            future.set_exception(RemoteError("InvalidReply", str(exc)))

    @staticmethod
    def _unpack(reply: dict):
        error = reply.get("error")
        if not error:
            return reply.get("result")
        domain_error = from_remote(error.get("exc_path"), error.get("exc_args") or [])
        if domain_error is not None:
            raise domain_error
        raise RemoteError(error.get("exc_type"), error.get("value"))


def _event_consumer(handler: Callable[[dict], None]):
    async def on_event(message: aio_pika.abc.AbstractIncomingMessage) -> None:
        try:
            payload = json.loads(message.body)
        except ValueError:
            log.warning("undecodable event ignored: %s", message.routing_key)
            return
        handler(payload)

    return on_event


def _outcome(exc: BaseException) -> str:
    if isinstance(exc, asyncio.CancelledError):
        return "cancelled"  # the HTTP client went away
    if isinstance(exc, DomainError):
        return "domain_error"
    if isinstance(exc, ServiceUnavailable):
        return "unavailable"
    if isinstance(exc, RpcTimeout):
        return "timeout"
    return "remote_error"
