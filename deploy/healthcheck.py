"""Health check of one process of the suite, for docker compose (or any
orchestrator that runs a command in the container).

    python -m deploy.healthcheck gateway    # GET /api/health on this container's PORT
    python -m deploy.healthcheck catalog    # this instance's GET /health, then an RPC ping
    python -m deploy.healthcheck media-worker   # this instance's GET /health only
    python -m deploy.healthcheck mail-sink      # the same

A service is healthy when this instance's own HTTP server answers (its event
loop is alive; on the PORT it was given, see shared/metrics.py) and the
service answers ``ping`` over RPC within a few seconds, which also checks its
database schema. The ping may be answered by any instance of the service; the
first check is the one about this container. Exit status 0 when healthy, 1
otherwise, with the reason on stderr. Standard library and the project's own
RPC client only: slim images have no curl.
"""

import asyncio
import sys
import urllib.request

from shared.rpc import RpcClient
from shared.settings import SERVICES, get_settings

TIMEOUT_SECONDS = 3.0
# Processes that are not services of their own: a worker busy for minutes in
# ffmpeg has no free worker to answer a ping, so only its HTTP server counts;
# the local SMTP server (deploy/mail_sink.py) answers no RPC at all.
WORKERS = ("media-worker", "mail-sink")


def http_ok(url: str) -> None:
    with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
        if response.status != 200:
            raise RuntimeError(f"{url} answered {response.status}")


async def rpc_ping(amqp_uri: str, service: str) -> dict:
    client = RpcClient(amqp_uri, timeout=TIMEOUT_SECONDS)
    await client.start()
    try:
        if not client.connected:
            raise RuntimeError("message broker unreachable")
        return await client.call(service, "ping")
    finally:
        await client.close()


def check(process: str) -> str:
    settings = get_settings()
    if process == "gateway":
        http_ok(f"http://127.0.0.1:{settings.port}/api/health")
        return "gateway: ok"
    if process in WORKERS:
        http_ok(f"http://127.0.0.1:{settings.service_metrics_port or settings.port}/health")
        return f"{process}: ok"
    if process not in SERVICES:
        raise ValueError(f"unknown process {process!r}; one of gateway, {', '.join(SERVICES)}")
    if settings.service_metrics_port:
        http_ok(f"http://127.0.0.1:{settings.service_metrics_port}/health")
    return f"{process}: {asyncio.run(rpc_ping(settings.amqp_uri, process))}"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        print(check(argv[0]))
    except Exception as exc:  # any failure at all means "unhealthy"
        print(f"{argv[0]}: unhealthy: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
