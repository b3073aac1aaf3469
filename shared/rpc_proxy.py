"""RPC from one service to another, with a deadline.

Nameko 2.14's ``RpcProxy`` waits for a reply forever. A service's RPC queue
outlives its instances, so while ``catalog`` is down a call to it would sit
in the queue, hold the caller's worker, and run whenever catalog came back:
an order priced minutes after its buyer was told the request failed.
``ServiceRpc`` gives each call a deadline (and the request message the same
expiry, so the broker drops it rather than deliver it late) and turns a
missing or silent service into ``DependencyUnavailable`` (503).
"""

import eventlet
from nameko.exceptions import UnknownService
from nameko.rpc import RpcProxy

from shared.errors import DependencyUnavailable
from shared.settings import get_settings


class ServiceRpc(RpcProxy):
    def __init__(self, target_service: str, timeout: float | None = None):
        super().__init__(target_service)
        self.timeout = timeout

    def setup(self):
        if self.timeout is None:
            self.timeout = get_settings().service_rpc_timeout_seconds
        self.options["expiration"] = self.timeout
        super().setup()

    def get_dependency(self, worker_ctx):
        return _DeadlineProxy(super().get_dependency(worker_ctx), self.target_service, self.timeout)


class _DeadlineProxy:
    def __init__(self, proxy, service: str, timeout: float):
        self._proxy, self._service, self._timeout = proxy, service, timeout

    def __getattr__(self, method: str):
        remote = getattr(self._proxy, method)

        def call(*args, **kwargs):
            try:
                with eventlet.Timeout(self._timeout):
                    return remote(*args, **kwargs)
            except (eventlet.Timeout, UnknownService) as exc:
                raise DependencyUnavailable(
                    f"The {self._service} service is unavailable", details={"service": self._service}
                ) from exc

        return call
