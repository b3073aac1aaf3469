"""Prometheus metrics of a service process, and the HTTP server that shows them.

``WorkerMetrics`` (a dependency the service kit gives every service) records one
observation per worker: RPC calls, handled events and timer ticks, by
entrypoint type (``rpc``, ``eventhandler``, ``timer``), method and outcome
(``ok``, ``refused``, ``expected_error``, ``error``). Each process serves them itself on
``GET /metrics`` of its own port, beside ``GET /health`` (the process and its
event loop answer), so that each instance of a scaled service is scraped and
checked on its own. The gateway's metrics are in ``gateway/observability.py``
(HTTP) and ``shared/rpc.py`` (RPC latency per service and method).
"""

import json
import logging
import time

import eventlet
import eventlet.wsgi
from nameko.extensions import DependencyProvider
from prometheus_client import Counter, Gauge, Histogram, make_wsgi_app

from shared.service.logs import entrypoint_kind, worker_outcome
from shared.settings import get_settings

WORKERS = Counter(
    "service_workers_total",
    "Workers run: RPC calls, events handled, timer ticks",
    ["service", "entrypoint", "method", "outcome"],
)
WORKER_DURATION = Histogram(
    "service_worker_duration_seconds",
    "Time from a worker's start to its result",
    ["service", "entrypoint", "method"],
)
WORKERS_IN_FLIGHT = Gauge("service_workers_in_flight", "Workers running now", ["service"])

log = logging.getLogger("metrics")


def record_worker(service: str, entrypoint: str, method: str, outcome: str, seconds: float | None) -> None:
    WORKERS.labels(service, entrypoint, method, outcome).inc()
    if seconds is not None:
        WORKER_DURATION.labels(service, entrypoint, method).observe(seconds)


class MetricsServer:
    """``/metrics`` and ``/health`` on ``host:port``, served by a green thread."""

    def __init__(self, service: str, host: str, port: int):
        self.service = service
        self.address = (host, port)
        self._socket = None
        self._thread = None
        self._metrics_app = make_wsgi_app()

    def start(self) -> bool:
        """Listen, or log why not and carry on: metrics are not worth a service."""
        try:
            # No SO_REUSEPORT: a port taken by another process is an error
            # here, not a port shared with it.
            self._socket = eventlet.listen(self.address, reuse_port=False)
        except OSError as exc:
            log.warning("metrics server not started on %s:%s: %s", *self.address, exc)
            return False
        self._thread = eventlet.spawn(
            eventlet.wsgi.server, self._socket, self._app, log=log, log_output=False, debug=False
        )
        log.info("metrics on http://%s:%s/metrics", *self.address)
        return True

    def stop(self) -> None:
        if self._thread is not None:
            self._thread.kill()
            self._thread = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    def _app(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/metrics":
            return self._metrics_app(environ, start_response)
        if path == "/health":
            body = json.dumps({"status": "ok", "service": self.service}).encode()
            start_response("200 OK", [("Content-Type", "application/json")])
            return [body]
        start_response("404 Not Found", [("Content-Type", "application/json")])
        return [b'{"message": "Not found", "code": "NOT_FOUND", "details": null}']


class WorkerMetrics(DependencyProvider):
    """Counts and times every worker of the service, and serves ``/metrics``
    and ``/health`` on the process's port (when it has one)."""

    def __init__(self):
        self.started = {}
        self.server = None

    def setup(self):
        settings = get_settings()
        if settings.service_metrics_port:
            self.server = MetricsServer(self.container.service_name, settings.host, settings.service_metrics_port)

    def start(self):
        if self.server is not None:
            self.server.start()

    def stop(self):
        if self.server is not None:
            self.server.stop()

    def kill(self):
        self.stop()

    def worker_setup(self, worker_ctx):
        self.started[worker_ctx] = time.perf_counter()
        WORKERS_IN_FLIGHT.labels(self.container.service_name).inc()

    def worker_result(self, worker_ctx, result=None, exc_info=None):
        started = self.started.pop(worker_ctx, None)
        record_worker(
            self.container.service_name,
            entrypoint_kind(worker_ctx),
            worker_ctx.entrypoint.method_name,
            worker_outcome(worker_ctx, exc_info),
            time.perf_counter() - started if started else None,
        )

    def worker_teardown(self, worker_ctx):
        WORKERS_IN_FLIGHT.labels(self.container.service_name).dec()
