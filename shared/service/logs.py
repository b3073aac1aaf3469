"""One JSON log line per worker of a service, with its request id."""

import logging
import time

import structlog
from nameko.extensions import DependencyProvider
from nameko.timer import Timer

from shared.errors import DeadlineExceeded
from shared.logging import configure_logging, get_logger
from shared.settings import get_settings


def worker_outcome(worker_ctx, exc_info) -> str:
    """``ok``, ``refused`` (its caller's deadline had passed: not run),
    ``expected_error`` (a domain error the entrypoint declares) or ``error``."""
    if exc_info is None:
        return "ok"
    if isinstance(exc_info[1], DeadlineExceeded):
        return "refused"
    if isinstance(exc_info[1], getattr(worker_ctx.entrypoint, "expected_exceptions", ())):
        return "expected_error"
    return "error"


def entrypoint_kind(worker_ctx) -> str:
    """``rpc``, ``eventhandler`` or ``timer``."""
    return worker_ctx.entrypoint.__class__.__name__.lower()


class ExpectedErrorsFilter(logging.Filter):
    """Drops Nameko's warning for an expected error (a NotFound, an
    InvalidInput): it comes with the traceback, and the worker's own line
    says it already (``outcome: expected_error`` and the error's name).
    Formatting that traceback was a seventh of the CPU a 404 cost catalog
    (docs/performance.md). Unexpected errors keep Nameko's traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("(expected) error handling worker")


def quiet_expected_errors() -> None:
    containers = logging.getLogger("nameko.containers")
    if not any(isinstance(f, ExpectedErrorsFilter) for f in containers.filters):
        containers.addFilter(ExpectedErrorsFilter())


class WorkerLogger(DependencyProvider):
    """Logs one line per RPC call or event handled, with its request id.

    The service kit gives it to every service, so its ``setup`` is also where
    the process's logs become JSON: ``nameko run`` has configured plain-text logging by then.
    """

    def __init__(self):
        self.started = {}
        self.log = get_logger("worker")

    def setup(self):
        settings = get_settings()
        configure_logging(self.container.service_name, settings.log_level, settings.log_format)
        quiet_expected_errors()

    def worker_setup(self, worker_ctx):
        self.started[worker_ctx] = time.perf_counter()
        structlog.contextvars.clear_contextvars()
        request_id = worker_ctx.data.get("request_id")
        if request_id is None and worker_ctx.args and isinstance(worker_ctx.args[0], dict):
            request_id = worker_ctx.args[0].get("requestId")  # events carry it in the payload
        if request_id:
            structlog.contextvars.bind_contextvars(request_id=str(request_id))

    def worker_result(self, worker_ctx, result=None, exc_info=None):
        started = self.started.pop(worker_ctx, None)
        outcome = worker_outcome(worker_ctx, exc_info)
        fields = {
            "entrypoint": entrypoint_kind(worker_ctx),
            "method": worker_ctx.entrypoint.method_name,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2) if started else None,
            "outcome": outcome,
        }
        if outcome == "ok":
            # Timers (outbox relay, event retries) tick every second: a line
            # per quiet tick would drown the log.
            quiet = isinstance(worker_ctx.entrypoint, Timer)
            (self.log.debug if quiet else self.log.info)("handled", **fields)
        elif outcome == "expected_error":
            self.log.info("handled", error=type(exc_info[1]).__name__, **fields)
        elif outcome == "refused":
            self.log.warning("handled", reason="the caller's deadline had passed", **fields)
        else:
            self.log.error("handled", exc_info=exc_info, **fields)

    def worker_teardown(self, worker_ctx):
        structlog.contextvars.clear_contextvars()
