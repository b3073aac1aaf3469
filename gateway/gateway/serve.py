"""The gateway's command: uvicorn, with what its worker processes share.

    python -m gateway.serve --factory gateway.app:create_app ...   (the Procfile)

The arguments are uvicorn's, and ``--workers`` is GATEWAY_WORKERS unless
given. With ``--workers N`` above 1 uvicorn starts N processes that accept
on one socket, each with an app of its own. Their caches are
right as they are: each has its own queues for ``catalog_changed`` and
``session_ended``, like any gateway instance. Two things must be shared, and
are set here before uvicorn starts:

- one SESSION_SECRET, so that a cookie signed by one worker is read by the
  others (a random one, with a warning, when none is set);
- one set of metrics: prometheus_client's multiprocess mode, in a directory
  made afresh for this run (or PROMETHEUS_MULTIPROC_DIR's, emptied), that this
  process serves on GATEWAY_METRICS_PORT as the sum over all workers, off the
  public port. This process outlives its workers (uvicorn replaces one that
  dies), so the port does not come and go with them; a port already taken
  stops the start.

And two changes to uvicorn's supervisor: on SIGTERM it stops listening at
once, like a gateway of one process, and a worker it replaced is dropped
from the live gauges (see ``Supervisor``).
"""

import importlib
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from uvicorn.supervisors import Multiprocess

from gateway.cookies import ensure_session_secret
from shared.logging import configure_logging
from shared.settings import get_settings

MULTIPROC_DIR = "PROMETHEUS_MULTIPROC_DIR"
# The module: the package's attribute `uvicorn.main` is its command.
uvicorn_main = importlib.import_module("uvicorn.main")


@contextmanager
def metrics_directory():
    """prometheus_client's multiprocess directory, set in the environment the
    workers inherit: the operator's, emptied (values of an earlier run would
    be added to this one's), or a new one, removed afterwards (and from the
    environment)."""
    given = os.environ.get(MULTIPROC_DIR)
    if given:
        Path(given).mkdir(parents=True, exist_ok=True)
        for stale in Path(given).glob("*.db"):
            stale.unlink()
        yield Path(given)
        return
    made = Path(tempfile.mkdtemp(prefix="gateway-metrics-"))
    os.environ[MULTIPROC_DIR] = str(made)
    try:
        yield made
    finally:
        del os.environ[MULTIPROC_DIR]  # a process started later must not look for it
        shutil.rmtree(made, ignore_errors=True)


def serve_metrics(host: str, port: int) -> None:
    """``/metrics``, the sum of every worker's files, in a (daemon) thread of this process."""
    # Imported once the directory is in the environment: prometheus_client
    # picks its value store (in memory, or the directory's files) on import.
    from prometheus_client import CollectorRegistry, multiprocess, start_http_server

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    start_http_server(port, addr=host, registry=registry)


class Supervisor(Multiprocess):
    """uvicorn's supervisor of ``--workers N``, which closes its own copy of
    the listening socket as it stops its workers. A stopping worker stops
    accepting, but the socket lives on while any process holds it: without
    this, new connections would wait unanswered in its backlog until the end
    of the stop instead of being refused (a balancer retries a refused one
    elsewhere at once)."""

    def terminate_all(self) -> None:
        for sock in self.sockets:
            sock.close()
        super().terminate_all()

    # A worker replaced (it died, or SIGHUP restarted them all) leaves its
    # files in the metrics directory. Its live gauges' files are removed, or
    # /metrics would go on reporting the broker connection of a dead process.
    def keep_subprocess_alive(self) -> None:
        running = self._pids()
        super().keep_subprocess_alive()
        self._forget_gone(running)

    def restart_all(self) -> None:
        running = self._pids()
        super().restart_all()
        self._forget_gone(running)

    def _pids(self) -> set[int]:
        return {process.pid for process in self.processes}

    def _forget_gone(self, running: set[int]) -> None:
        # Imported here, as in serve_metrics, once the directory is set.
        from prometheus_client import multiprocess

        for pid in running - self._pids():
            multiprocess.mark_process_dead(pid)


def main() -> None:
    settings = get_settings()
    configure_logging("gateway", settings.log_level, settings.log_format)
    ensure_session_secret(settings)
    os.environ["SESSION_SECRET"] = settings.session_secret  # inherited by every worker
    with metrics_directory():
        if settings.gateway_metrics_port:
            serve_metrics(settings.host, settings.gateway_metrics_port)
        uvicorn_main.Multiprocess = Supervisor  # what uvicorn.run starts for --workers N
        args = ["--workers", str(settings.gateway_workers), *sys.argv[1:]]  # a later --workers wins
        uvicorn_main.main(args=args, prog_name="python -m gateway.serve")


if __name__ == "__main__":
    main()
