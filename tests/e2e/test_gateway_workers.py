"""A gateway of several worker processes (``--workers``, gateway/serve.py):
one session secret for all of them, one /metrics that adds them up and
tells each worker's broker connection apart, a logout that ends the session
at every worker at once, and workers that stop when their supervisor is
killed.

Each test starts a gateway of its own beside the suite's, on a port of its
own, with GATEWAY_WORKERS=2 and no SESSION_SECRET, its metrics directory
where the test can read each worker's files.
"""

import os
import signal
import time

import httpx
import pytest

from tests.support.api_client import ApiClient
from tests.support.observe import broker_connected_by_worker, metric_samples, metric_value, requests_by_worker
from tests.support.suite import answers, free_port, wait_until

pytestmark = pytest.mark.suite

WORKERS = 2
ME = "/api/auth/me"
SESSION_CACHE_SECONDS = 5  # the default: a session kept at a worker would answer 200 this long


class WorkersGateway:
    def __init__(self, suite, tmp_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.metrics_dir = tmp_path / "metrics"
        self.metrics_dir.mkdir()
        # Left by an earlier run: it must not be read (nor added) by this one.
        (self.metrics_dir / "counter_1.db").write_bytes(b"not a metrics file")
        self.process = suite.start("gateway", env={
            "PORT": str(self.port),
            "GATEWAY_WORKERS": str(WORKERS),
            "SESSION_SECRET": "",
            "PROMETHEUS_MULTIPROC_DIR": str(self.metrics_dir),
        })  # fmt: skip
        wait_until(lambda: answers(self.url + "/api/ready"), 60, interval=0.2, message="the gateway's workers")

    def metrics(self) -> list:
        return metric_samples(f"http://127.0.0.1:{self.process.metrics_port}/metrics")

    def answered_by_worker(self, route: str) -> dict[int, float]:
        return requests_by_worker(self.metrics_dir, route)

    def answered_at_every_worker(self, route: str, cookies=None) -> list[int]:
        """GETs of ``route`` on new connections until each worker has answered one."""
        return get_on_new_connections(self, route, cookies, lambda: len(self.answered_by_worker(route)) == WORKERS)


@pytest.fixture
def gateway(suite, tmp_path):
    started = WorkersGateway(suite, tmp_path)
    yield started
    suite.stop(started.process)


def get_on_new_connections(gateway, path: str, cookies, until, seconds: float = 30) -> list[int]:
    """GET ``path``, each time on a new connection (which any worker may
    accept), until ``until()`` holds, for ``seconds`` at most (a worker may
    still be starting when the first answers); the statuses."""
    statuses = []
    deadline = time.monotonic() + seconds
    while not until() and time.monotonic() < deadline:
        statuses.append(httpx.get(gateway.url + path, cookies=cookies, timeout=10).status_code)
    return statuses


def test_the_stale_files_of_an_earlier_run_are_removed_at_the_start(gateway):
    assert not (gateway.metrics_dir / "counter_1.db").exists()


def test_a_session_made_at_one_worker_is_read_by_every_worker_without_a_session_secret(gateway):
    with ApiClient(gateway.url) as client:
        client.register()
        statuses = gateway.answered_at_every_worker(ME, client.cookies)
    assert len(gateway.answered_by_worker(ME)) == WORKERS, gateway.answered_by_worker(ME)
    assert set(statuses) == {200}, statuses


def test_metrics_add_up_every_worker(gateway):
    before = metric_value(gateway.metrics(), "gateway_requests_total", route="/api/health", status="200")
    statuses = gateway.answered_at_every_worker("/api/health")
    after = metric_value(gateway.metrics(), "gateway_requests_total", route="/api/health", status="200")
    by_worker = gateway.answered_by_worker("/api/health")
    assert len(by_worker) == WORKERS, by_worker
    assert after == sum(by_worker.values())
    assert after - before >= len(statuses) > 0


def test_each_worker_reports_its_broker_connection_and_a_replaced_one_is_dropped(gateway):
    def connected():
        return broker_connected_by_worker(gateway.process)

    # 0 from a worker's start until its connection is up.
    wait_until(lambda: list(connected().values()) == [1] * WORKERS, 30, interval=0.2, message="both connected")
    by_worker = connected()
    assert gateway.process.pid not in by_worker  # the supervisor has no connection of its own

    killed = min(by_worker)
    os.kill(killed, signal.SIGKILL)

    # The supervisor starts another worker; the dead one's value goes with it.
    def replaced():
        now = connected()
        return killed not in now and list(now.values()) == [1] * WORKERS

    wait_until(replaced, 30, interval=0.2, message="the replacement's gauge, without the killed worker's")
    assert answers(gateway.url + "/api/ready")


def test_a_logout_ends_the_session_at_every_worker_at_once(gateway):
    with ApiClient(gateway.url) as client:
        client.register()
        # Resolved at both workers, and kept there for seconds (SESSION_CACHE_SECONDS).
        gateway.answered_at_every_worker(ME, client.cookies)
        cookies = dict(client.cookies)
        assert client.post("/api/auth/logout").status_code == 204
        ended = time.monotonic()
        before = gateway.answered_by_worker(ME)
        statuses = get_on_new_connections(
            gateway, ME, cookies, lambda: all(gateway.answered_by_worker(ME).get(pid, 0) > before[pid] + 2 for pid in before)
        )  # fmt: skip
    assert set(statuses) == {401}, statuses
    assert time.monotonic() - ended < SESSION_CACHE_SECONDS


def test_the_workers_stop_when_their_supervisor_is_killed(gateway):
    gateway.answered_at_every_worker("/api/health")
    workers = list(gateway.answered_by_worker("/api/health"))
    assert len(workers) == WORKERS and gateway.process.pid not in workers

    gateway.process.send_signal(signal.SIGKILL)
    assert gateway.process.wait(10) == -signal.SIGKILL

    wait_until(lambda: not any(_alive(pid) for pid in workers), 30, interval=0.2, message="the workers' stop")
    assert not answers(gateway.url + "/api/health")


def _alive(pid: int) -> bool:
    """Running: neither gone nor a zombie (init reaps a dead orphan soon after)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False
