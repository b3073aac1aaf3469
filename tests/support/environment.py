"""Where the tests' Postgres and RabbitMQ are.

With a Docker engine, throwaway containers (testcontainers). Without one,
the servers named by TEST_DATABASE_URL / TEST_AMQP_URI, by default the local
ones, in a database and a vhost of their own so that a running `make run`
keeps its data.
"""

import os
import shutil
import subprocess
from urllib.parse import quote, urlsplit

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/infinite_studio_test"
DEFAULT_AMQP_URI = "amqp://guest:guest@127.0.0.1:5672/infinite_studio_test"


def docker_available() -> bool:
    if os.environ.get("TEST_DATABASE_URL") or os.environ.get("TEST_AMQP_URI"):
        return False
    try:
        import docker

        docker.from_env(timeout=2).ping()
        return True
    except Exception:
        return False


def start_containers(stack) -> tuple[str, str]:
    from testcontainers.postgres import PostgresContainer
    from testcontainers.rabbitmq import RabbitMqContainer

    postgres = stack.enter_context(PostgresContainer("postgres:15", driver=None))
    rabbit = stack.enter_context(RabbitMqContainer("rabbitmq:3.13"))
    database_url = postgres.get_connection_url().replace("/test", "/infinite_studio_test")
    params = rabbit.get_connection_params()
    amqp_uri = f"amqp://guest:guest@{params.host}:{params.port}/"
    return database_url, amqp_uri


def ensure_vhost(amqp_uri: str) -> None:
    """Create the vhost of ``amqp_uri`` on the local broker if it is missing."""
    vhost = urlsplit(amqp_uri).path.lstrip("/") or "/"
    if vhost == "/":
        return
    rabbitmqctl = shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"
    listed = subprocess.run([rabbitmqctl, "-q", "list_vhosts"], capture_output=True, text=True, timeout=60)
    if vhost in listed.stdout.split():
        return
    subprocess.run([rabbitmqctl, "-q", "add_vhost", vhost], check=True, timeout=60)
    user = urlsplit(amqp_uri).username or "guest"
    subprocess.run(
        [rabbitmqctl, "-q", "set_permissions", "-p", vhost, user, ".*", ".*", ".*"], check=True, timeout=60
    )


def vhost_path(name: str) -> str:
    return "/" + quote(name, safe="")
