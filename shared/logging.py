"""Structured logs for every process: one JSON object per line.

The request id travels with the work: the gateway takes it from
``X-Request-ID`` (or makes one), puts it in ``request_id_var``, the RPC client
sends it as Nameko context data (header ``nameko.request_id``), and
``WorkerLogger`` binds it in each service worker so that every line logged
for that request carries it. Never log passwords, tokens or cookies.
"""

import logging
import sys
import time
from contextvars import ContextVar

import structlog
from nameko.extensions import DependencyProvider
from nameko.timer import Timer

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)


def _add_request_id(_logger, _method, event_dict):
    request_id = request_id_var.get()
    if request_id and "request_id" not in event_dict:
        event_dict["request_id"] = request_id
    return event_dict


def configure_logging(process: str, level: str = "INFO", fmt: str = "json") -> None:
    """Send structlog and the standard library's logging through one JSON renderer."""
    shared_processors = [
        structlog.contextvars.merge_contextvars,
        _add_request_id,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        lambda _l, _m, event_dict: {"process": process, **event_dict},
    ]
    renderer = (
        structlog.processors.JSONRenderer()
        if fmt == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[*shared_processors, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared_processors,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                renderer,
            ],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # The access log is replaced by the gateway's own one line per request.
    logging.getLogger("uvicorn.access").disabled = True


def get_logger(name: str):
    return structlog.get_logger(name)


def worker_outcome(worker_ctx, exc_info) -> str:
    """``ok``, ``expected_error`` (a domain error the entrypoint declares) or ``error``."""
    if exc_info is None:
        return "ok"
    if isinstance(exc_info[1], getattr(worker_ctx.entrypoint, "expected_exceptions", ())):
        return "expected_error"
    return "error"


def entrypoint_kind(worker_ctx) -> str:
    """``rpc``, ``eventhandler`` or ``timer``."""
    return worker_ctx.entrypoint.__class__.__name__.lower()


class WorkerLogger(DependencyProvider):
    """Logs one line per RPC call or event handled, with its request id.

    Every service declares it, so its ``setup`` is also where the process's
    logs become JSON: ``nameko run`` has configured plain-text logging by then.
    """

    def __init__(self):
        self.started = {}
        self.log = get_logger("worker")

    def setup(self):
        from shared.settings import get_settings

        settings = get_settings()
        configure_logging(self.container.service_name, settings.log_level, settings.log_format)

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
        else:
            self.log.error("handled", exc_info=exc_info, **fields)

    def worker_teardown(self, worker_ctx):
        structlog.contextvars.clear_contextvars()
