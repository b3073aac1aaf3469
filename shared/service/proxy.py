"""RPC from one service to another: a prompt 503 when the target is down, and
a deadline when it is slow.

Nameko 2.14's ``RpcProxy`` waits for a reply forever, and a service's RPC
queue outlives its instances, so while ``catalog`` is down a call to it would
sit in the queue, hold the caller's worker, and run whenever catalog came
back: an order priced minutes after its buyer was told the request failed.
``ServiceRpc`` behaves like the gateway's client (``shared.rpc``) instead:

- before a call it asks the broker whether some instance consumes
  ``rpc-<service>`` (a passive declare tells the consumer count; a positive
  answer is trusted for ``INSTANCE_CHECK_TTL``), so a call to a service with
  no running instance fails at once;
- each call has a deadline, and its request message the same expiry, so the
  broker drops a call the caller gave up on rather than deliver it late.

Either failure is ``DependencyUnavailable`` (503) for the caller.
"""

import time

import eventlet
from amqp.exceptions import ChannelError
from eventlet.semaphore import Semaphore
from kombu import Connection
from kombu.exceptions import OperationalError
from nameko.constants import AMQP_URI_CONFIG_KEY
from nameko.exceptions import UnknownService
from nameko.rpc import RpcProxy

from shared.errors import DependencyUnavailable
from shared.logging import get_logger
from shared.settings import get_settings

log = get_logger(__name__)

# As the gateway's client: long enough to spare the broker a declare per
# call, short enough that a stopped service is noticed within a request.
INSTANCE_CHECK_TTL = 0.5
CHECK_TIMEOUT_SECONDS = 2.0


class InstanceCheck:
    """Whether a service has a running instance, asked of the broker over one
    connection per process (green threads take turns on it)."""

    def __init__(self, amqp_uri: str):
        self.amqp_uri = amqp_uri
        self._seen: dict[str, float] = {}
        self._lock = Semaphore()
        self._connection = None
        self._channel = None

    def running(self, service: str) -> bool:
        if self._recently_seen(service):
            return True
        with self._lock:
            if self._recently_seen(service):  # another green thread just asked
                return True
            consumers = self._consumer_count(f"rpc-{service}")
        if consumers:
            self._seen[service] = time.monotonic()
        else:
            self._seen.pop(service, None)
        return bool(consumers)

    def _recently_seen(self, service: str) -> bool:
        seen = self._seen.get(service)
        return seen is not None and time.monotonic() - seen < INSTANCE_CHECK_TTL

    def _consumer_count(self, queue: str) -> int:
        try:
            if self._channel is None:
                self._connection = Connection(self.amqp_uri, connect_timeout=CHECK_TIMEOUT_SECONDS)
                self._channel = self._connection.channel()
            return self._channel.queue_declare(queue=queue, passive=True).consumer_count
        except ChannelError:
            # No such queue: the service never ran. The broker closed the channel.
            self._reset()
            return 0
        except Exception as exc:  # the broker is unreachable: no call can get through either
            log.warning("instance check failed", queue=queue, error=repr(exc))
            self._reset()
            return 0

    def _reset(self) -> None:
        connection, self._connection, self._channel = self._connection, None, None
        if connection is not None:
            try:
                connection.release()
            except Exception:
                pass

    def close(self) -> None:
        with self._lock:
            self._reset()


class ServiceRpc(RpcProxy):
    def __init__(self, target_service: str, timeout: float | None = None):
        super().__init__(target_service)
        self.timeout = timeout
        self.instances = None

    def setup(self):
        if self.timeout is None:
            self.timeout = get_settings().service_rpc_timeout_seconds
        self.options["expiration"] = self.timeout
        self.instances = InstanceCheck(self.container.config[AMQP_URI_CONFIG_KEY])
        super().setup()

    def stop(self):
        self.instances.close()
        super().stop()

    def kill(self):
        self.instances.close()
        super().kill()

    def get_dependency(self, worker_ctx):
        return _DeadlineProxy(super().get_dependency(worker_ctx), self.target_service, self.timeout, self.instances)


class _DeadlineProxy:
    def __init__(self, proxy, service: str, timeout: float, instances: InstanceCheck):
        self._proxy, self._service, self._timeout, self._instances = proxy, service, timeout, instances

    def __getattr__(self, method: str):
        remote = getattr(self._proxy, method)

        def call(*args, **kwargs):
            if not self._instances.running(self._service):
                raise self._unavailable()
            try:
                with eventlet.Timeout(self._timeout):
                    return remote(*args, **kwargs)
            except (eventlet.Timeout, UnknownService) as exc:
                raise self._unavailable() from exc
            except OperationalError as exc:
                # The broker refused or lost the call (a queue's node died: a
                # quorum queue nacks until its new leader is elected).
                raise self._unavailable() from exc

        return call

    def _unavailable(self) -> DependencyUnavailable:
        return DependencyUnavailable(
            f"The {self._service} service is unavailable", details={"service": self._service}
        )
