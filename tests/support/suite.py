"""The real suite as processes: the Procfile's commands, as `make run` runs them."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.support.markers import require_suite_mark

ROOT = Path(__file__).resolve().parents[2]


def read_procfile(path: Path = ROOT / "Procfile") -> dict[str, str]:
    commands = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_-]+):\s*(.+)$", line)
        if match:
            commands[match.group(1)] = match.group(2)
    return commands


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log_dir_for(name: str) -> Path:
    """Where a suite started by the tests writes its processes' logs."""
    return ROOT / ".run" / "test-logs" / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{name}"


@contextmanager
def running_suite(name: str, amqp_uri: str, env: dict | None = None, process_env: dict[str, dict] | None = None):
    """Every Procfile process on the broker (or vhost) of ``amqp_uri``, for
    tests that must not share queues with the session's suite. Learning's
    event queue is declared first, as `make db-migrate` does.
    ``process_env`` adds to the environment of the processes it names."""
    from deploy.bootstrap import declare_broker_entities
    from shared.settings import Settings

    # As the processes will read their settings (BROKER_QUORUM_QUEUES).
    given = {name.lower(): value for name, value in (env or {}).items() if name.lower() in Settings.model_fields}
    declare_broker_entities(amqp_uri, Settings(**given))
    suite = Suite(log_dir_for(name), env={**(env or {}), "AMQP_URI": amqp_uri}, process_env=process_env)
    suite.amqp_uri = amqp_uri
    try:
        suite.start_all()
        yield suite
    finally:
        suite.stop_all()


@contextmanager
def suite_with_own_database(name: str, amqp_uri: str, settings: dict | None = None):
    """``running_suite`` on a database of its own (made afresh, dropped after:
    tests/support/environment.py ``private_database``), for a test that counts
    rows or changes data other suites read; ``suite.admin_engine`` is a
    superuser's engine on it. ``settings``: more environment for the
    database's steps and the processes."""
    from sqlalchemy import create_engine

    from shared.settings import sqlalchemy_url
    from tests.support.environment import drop_private_database, private_database

    env = private_database(amqp_uri, name.replace("-", "_"), settings=settings)
    try:
        with running_suite(name, amqp_uri, env) as suite:
            suite.admin_engine = create_engine(sqlalchemy_url(env["DATABASE_URL"]), isolation_level="AUTOCOMMIT")
            try:
                yield suite
            finally:
                suite.admin_engine.dispose()
    finally:
        drop_private_database(env)


def answers(url: str, timeout: float = 2) -> bool:
    """Whether a GET of ``url`` is answered 200 within ``timeout``: a process up, for ``wait_until``."""
    try:
        return httpx.get(url, timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


def wait_until(predicate, timeout: float, interval: float = 0.05, message: str = "condition"):
    """Poll ``predicate`` until it returns a truthy value; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message}")
        time.sleep(interval)


class Suite:
    def __init__(
        self, log_dir: Path, env: dict | None = None, port: int | None = None, process_env: dict | None = None
    ):
        self.commands = read_procfile()
        self.process_env = process_env or {}
        self.log_dir = log_dir
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # The venv's bin first, as `make` puts it, so that `nameko` and
        # `uvicorn` are the project's own (and import its installed packages).
        path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
        # A local SMTP server of its own (the Procfile's mail-sink) on a free
        # port, keeping this suite's mail in its log directory.
        self.mail_dir = self.log_dir / "mail"
        self.env = {
            **os.environ,
            "SMTP_URL": f"smtp://127.0.0.1:{free_port()}",
            "MAIL_DIR": str(self.mail_dir),
            **(env or {}),
            "PATH": path,
            "PORT": str(self.port),
            "HOST": "127.0.0.1",
        }
        self.processes: dict[str, list[subprocess.Popen]] = {name: [] for name in self.commands}
        self.last_ready = None

    def start(self, name: str, env: dict | None = None) -> subprocess.Popen:
        """Start one more instance of ``name``. Like honcho, give it a PORT of
        its own (the gateway's is the suite's URL; a service serves its
        /metrics and /health there), and the gateway one more for its
        /metrics; ``process.port``, ``process.metrics_port`` and
        ``process.log_path`` tell them."""
        require_suite_mark(f"starting {name}")
        index = len(self.processes[name])
        port = self.port if name == "gateway" else free_port()
        metrics_port = free_port() if name == "gateway" else port
        log_path = self.log_dir / f"{name}-{index}-{int(time.time() * 1000)}.log"
        log = open(log_path, "wb")
        process = subprocess.Popen(
            ["bash", "-c", "exec " + self.commands[name]],
            cwd=ROOT,
            env={
                **self.env,
                "PORT": str(port),
                "GATEWAY_METRICS_PORT": str(metrics_port),
                **self.process_env.get(name, {}),
                **(env or {}),
            },
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        process.port, process.metrics_port, process.log_path = port, metrics_port, log_path
        self.processes[name].append(process)
        return process

    def start_all(self) -> None:
        for name in self.commands:
            self.start(name)
        self.wait_ready()

    def stop(self, process: subprocess.Popen, sig=signal.SIGTERM, timeout: float = 30) -> int:
        if process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                # The whole session: a gateway's worker processes with it.
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
        for running in self.processes.values():
            if process in running:
                running.remove(process)
        return process.returncode

    def stop_all(self) -> None:
        # Side by side: each graceful stop waits for its process's drain, and
        # one after another they took about 20 s a suite.
        running = [process for processes in self.processes.values() for process in processes]
        if running:
            with ThreadPoolExecutor(len(running)) as pool:
                list(pool.map(self.stop, running))

    @contextmanager
    def service_down(self, name: str):
        """Stop every instance of ``name``; bring one back afterwards."""
        for process in list(self.processes[name]):
            self.stop(process)
        try:
            yield
        finally:
            self.start(name)
            self.wait_ready()

    def ready(self) -> bool:
        try:
            response = httpx.get(self.url + "/api/ready", timeout=5)
        except httpx.HTTPError as exc:
            self.last_ready = repr(exc)
            return False
        self.last_ready = response.text
        return response.status_code == 200

    def check_alive(self) -> None:
        for name, running in self.processes.items():
            for process in running:
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {process.returncode}; see {self.log_dir}")

    def wait_ready(self, timeout: float = 90) -> None:
        def ready():
            self.check_alive()
            return self.ready()

        try:
            wait_until(ready, timeout, interval=0.2, message=f"the suite at {self.url} to be ready")
        except AssertionError as exc:
            raise AssertionError(f"{exc}; last answer: {self.last_ready}; logs in {self.log_dir}") from None
