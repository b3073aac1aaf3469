"""Looking at a running Suite from outside: its processes' JSON log lines,
their Prometheus metrics, the broker's queues, and a burst of HTTP load."""

import json
import shutil
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx
from kombu import Connection
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families


def json_lines(path: Path) -> list[dict]:
    """The JSON objects of a log file (uvicorn's and nameko's plain lines are skipped)."""
    lines = []
    for raw in path.read_text(errors="replace").splitlines():
        if raw.startswith("{"):
            try:
                lines.append(json.loads(raw))
            except ValueError:
                pass  # a line cut short by a kill
    return lines


def process_logs(suite, name: str) -> list[Path]:
    """Every log file of ``name`` in the suite, stopped instances included."""
    return sorted(suite.log_dir.glob(f"{name}-*.log"))


def handled(path: Path, method: str, request_ids) -> list[dict]:
    """The ``handled`` lines of ``method`` for these request ids in one log."""
    wanted = set(request_ids)
    return [
        line
        for line in json_lines(path)
        if line.get("event") == "handled"
        and line.get("method") == method
        and line.get("request_id") in wanted
    ]


def metric_samples(url: str) -> list:
    """Every sample of a ``/metrics`` endpoint: ``(name, labels, value)``."""
    text = httpx.get(url, timeout=10).text
    return [sample for family in text_string_to_metric_families(text) for sample in family.samples]


def broker_connected_by_worker(gateway) -> dict[int, float]:
    """Per worker process of a gateway (its pid), whether it is connected to
    the broker (``gateway_broker_connected``), from the gateway's /metrics."""
    samples = metric_samples(f"http://127.0.0.1:{gateway.metrics_port}/metrics")
    return {int(sample.labels["pid"]): sample.value for sample in samples if sample.name == "gateway_broker_connected"}


def metric_value(samples, name: str, **labels) -> float:
    """Sum of the samples called ``name`` whose labels include ``labels``."""
    return sum(
        sample.value
        for sample in samples
        if sample.name == name and all(sample.labels.get(key) == value for key, value in labels.items())
    )


def queue_state(amqp_uri: str, queue: str) -> tuple[int, int]:
    """``(messages ready, consumers)`` of a queue, from a passive declare."""
    with Connection(amqp_uri, connect_timeout=5) as connection:
        _name, messages, consumers = connection.default_channel.queue_declare(queue, passive=True)
        return messages, consumers


def queue_counts(amqp_uri: str, queue: str) -> dict[str, int]:
    """``messages_ready``, ``messages_unacknowledged`` and ``consumers`` of a
    queue, from rabbitmqctl (a passive declare does not tell the messages
    delivered and not yet acknowledged)."""
    vhost = unquote(urlsplit(amqp_uri).path.lstrip("/")) or "/"
    rabbitmqctl = shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"
    fields = ("messages_ready", "messages_unacknowledged", "consumers")
    listed = subprocess.run(
        [rabbitmqctl, "-q", "list_queues", "-p", vhost, "--no-table-headers", "name", *fields],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    for line in listed.splitlines():
        name, *values = line.split("\t")
        if name == queue:
            return dict(zip(fields, map(int, values)))
    raise AssertionError(f"no queue {queue!r} on vhost {vhost!r}")


def workers_in_flight(process, service: str) -> float:
    """``service_workers_in_flight`` of one service instance, from its own /metrics."""
    samples = metric_samples(f"http://127.0.0.1:{process.port}/metrics")
    return metric_value(samples, "service_workers_in_flight", service=service)


class Burst:
    """``count`` GETs of ``path`` from ``threads`` threads, each with its own
    ``X-Request-ID``; started in the background so the test can act mid-load."""

    def __init__(self, base_url: str, path: str, count: int, threads: int, prefix: str):
        self.request_ids = [f"{prefix}-{i}" for i in range(count)]
        self.statuses: dict[str, int | str] = {}
        self._base_url, self._path = base_url, path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=threads)
        self._futures = []
        self._clients = []

    def start(self) -> "Burst":
        self._futures = [self._pool.submit(self._get, request_id) for request_id in self.request_ids]
        return self

    def _get(self, request_id: str) -> None:
        client = getattr(self._local, "client", None)
        if client is None:
            client = self._local.client = httpx.Client(base_url=self._base_url, timeout=60)
            with self._lock:
                self._clients.append(client)
        try:
            status = client.get(self._path, headers={"X-Request-ID": request_id}).status_code
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        with self._lock:
            self.statuses[request_id] = status

    @property
    def done(self) -> int:
        with self._lock:
            return len(self.statuses)

    def pending(self) -> list[str]:
        with self._lock:
            return [request_id for request_id in self.request_ids if request_id not in self.statuses]

    def wait(self, timeout: float = 60) -> dict:
        for future in self._futures:
            future.result(timeout=timeout)
        self._pool.shutdown()
        for client in self._clients:
            client.close()
        return self.statuses


def requests_by_worker(metrics_dir: Path, route: str, **labels) -> dict[int, float]:
    """Per gateway worker process (its pid), the requests to ``route`` it
    answered (with ``labels``: ``status="200"``), read from its own files in
    the gateway's PROMETHEUS_MULTIPROC_DIR."""
    counts = {}
    for path in Path(metrics_dir).glob("counter_*.db"):
        samples = [s for m in MultiProcessCollector.merge([str(path)]) for s in m.samples]
        counts[int(path.stem.split("_")[1])] = metric_value(samples, "gateway_requests_total", route=route, **labels)
    return {pid: count for pid, count in counts.items() if count}
