"""Structured logs for every process: one JSON object per line.

The request id travels with the work: the gateway takes it from
``X-Request-ID`` (or makes one), puts it in ``request_id_var``, the RPC client
sends it as Nameko context data (header ``nameko.request_id``), and
``shared.service.logs.WorkerLogger`` binds it in each service worker so that
every line logged for that request carries it. Never log passwords, tokens or
cookies.
"""

import logging
import sys
from contextvars import ContextVar

import structlog

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
