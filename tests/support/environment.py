"""Where the tests' Postgres, RabbitMQ and Redis are.

With a Docker engine, throwaway containers (testcontainers). Without one,
the servers named by TEST_DATABASE_URL / TEST_AMQP_URI / TEST_REDIS_URL, by
default the local ones, in a database and a vhost of their own (and, in
Redis, under a key prefix of the run's own) so that a running `make run`
keeps its data.
"""

import os
import shutil
import subprocess
import sys
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from shared.settings import SERVICES, Settings

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/infinite_studio_test"
DEFAULT_AMQP_URI = "amqp://guest:guest@127.0.0.1:5672/infinite_studio_test"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


def docker_available() -> bool:
    if any(os.environ.get(name) for name in ("TEST_DATABASE_URL", "TEST_AMQP_URI", "TEST_REDIS_URL")):
        return False
    try:
        import docker

        docker.from_env(timeout=2).ping()
        return True
    except Exception:
        return False


def start_containers(stack) -> dict[str, str]:
    """Start PostgreSQL, RabbitMQ and Redis containers; the environment that names them."""
    from testcontainers.community.postgres import PostgresContainer
    from testcontainers.core.container import DockerContainer
    from testcontainers.core.waiting_utils import wait_for_logs

    postgres = stack.enter_context(PostgresContainer("postgres:15.8", driver=None))
    # A plain container: testcontainers' RabbitMQ module needs pika just to
    # tell its address.
    rabbit = stack.enter_context(DockerContainer("rabbitmq:3.13.7").with_exposed_ports(5672))
    wait_for_logs(rabbit, "Server startup complete", timeout=120)
    redis = stack.enter_context(DockerContainer("redis:7.0.15").with_exposed_ports(6379))
    wait_for_logs(redis, "Ready to accept connections", timeout=60)
    # The container's user is a superuser, as bootstrap needs; the suite gets
    # a database of its own name beside the container's default one.
    database_url = make_url(postgres.get_connection_url()).set(database="infinite_studio_test")
    host, port = rabbit.get_container_host_ip(), rabbit.get_exposed_port(5672)
    env = {
        "DATABASE_URL": database_url.render_as_string(hide_password=False),
        "AMQP_URI": f"amqp://guest:guest@{host}:{port}/",
        "REDIS_URL": f"redis://{redis.get_container_host_ip()}:{redis.get_exposed_port(6379)}/0",
    }
    # The container's server asks for passwords: give each role one.
    for service in SERVICES:
        role_url = database_url.set(username=service, password=f"test-{service}")
        env[f"{service.upper()}_DATABASE_URL"] = role_url.render_as_string(hide_password=False)
    return env


def _rabbitmqctl(*args: str, check: bool = True) -> str:
    rabbitmqctl = shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"
    return subprocess.run([rabbitmqctl, "-q", *args], capture_output=True, text=True, check=check, timeout=60).stdout


def _vhost_of(amqp_uri: str) -> str:
    return unquote(urlsplit(amqp_uri).path.lstrip("/")) or "/"


def _vhost_exists(vhost: str) -> bool:
    return vhost in _rabbitmqctl("list_vhosts", check=False).split()


def ensure_vhost(amqp_uri: str) -> None:
    """Create the vhost of ``amqp_uri`` on the local broker if it is missing."""
    vhost = _vhost_of(amqp_uri)
    if vhost == "/" or _vhost_exists(vhost):
        return
    _rabbitmqctl("add_vhost", vhost)
    user = urlsplit(amqp_uri).username or "guest"
    _rabbitmqctl("set_permissions", "-p", vhost, user, ".*", ".*", ".*")


def delete_vhost(amqp_uri: str) -> None:
    """Delete the vhost of ``amqp_uri`` (not ``/``) on the local broker, with
    every queue in it, if it exists."""
    vhost = _vhost_of(amqp_uri)
    if vhost != "/" and _vhost_exists(vhost):
        _rabbitmqctl("delete_vhost", vhost)


def vhost_path(name: str) -> str:
    return "/" + quote(name, safe="")


def can_make_vhosts() -> bool:
    """Whether ``private_vhost`` can work: the broker's rabbitmqctl is here."""
    return shutil.which("rabbitmqctl") is not None or os.path.exists("/usr/sbin/rabbitmqctl")


def _vhost_plus(amqp_uri: str, suffix: str) -> str:
    parts = urlsplit(amqp_uri)
    vhost = unquote(parts.path.lstrip("/")) or "root"
    return urlunsplit(parts._replace(path=vhost_path(f"{vhost}-{suffix}")))


def private_vhost(amqp_uri: str, suffix: str, fresh: bool = False) -> str:
    """``amqp_uri`` on a vhost of its own (created if missing; ``fresh``:
    deleted first, with what an earlier run left in it), for a suite whose
    instances must not share queues with another suite of the run."""
    private = _vhost_plus(amqp_uri, suffix)
    if fresh:
        delete_vhost(private)
    ensure_vhost(private)
    return private


def for_worker(database_url: str, amqp_uri: str, worker: str | None) -> tuple[str, str]:
    """The database and the vhost of one pytest-xdist worker (``gw0``,
    ``gw1``, ...: `make test` runs several): the given names plus the
    worker's, since each worker seeds its database and starts a suite of its
    own, whose queues and rows no other worker's tests may see."""
    if not worker:
        return database_url, amqp_uri
    url = make_url(database_url)
    database_url = url.set(database=f"{url.database}_{worker}").render_as_string(hide_password=False)
    return database_url, _vhost_plus(amqp_uri, worker)


def private_database(amqp_uri: str, suffix: str, settings: dict[str, str] | None = None) -> dict[str, str]:
    """A database of its own on the test server (the test database's name
    plus ``suffix``), made afresh as `make db-seed` makes one (bootstrap,
    migrations, seed without videos; the broker entities on ``amqp_uri``):
    the environment that names it. For a suite whose outbox relays must not
    publish the rows of another suite sharing the database, nor it theirs.
    ``settings``: more environment for these steps and the suite."""
    admin = make_url(os.environ["DATABASE_URL"])
    name = f"{admin.database}_{suffix}"
    env = {
        **(settings or {}),
        "DATABASE_URL": admin.set(database=name).render_as_string(hide_password=False),
        "AMQP_URI": amqp_uri,
    }
    for service in SERVICES:
        for variable in (f"{service.upper()}_DATABASE_URL", f"{service.upper()}_ADMIN_DATABASE_URL"):
            if os.environ.get(variable):
                url = make_url(os.environ[variable]).set(database=name)
                env[variable] = url.render_as_string(hide_password=False)
    drop_private_database(env)
    for step in ("bootstrap", "migrate", "seed"):
        subprocess.run(
            [sys.executable, "-m", f"deploy.{step}"], env={**os.environ, **env}, check=True, capture_output=True
        )
    return env


def settings_for(env: dict[str, str]) -> Settings:
    """The settings the processes started with ``env`` (over this process's
    environment) read."""
    given = {name.lower(): value for name, value in env.items() if name.lower() in Settings.model_fields}
    return Settings(_env_file=None, **given)


def drop_private_database(env: dict[str, str]) -> None:
    """Drop the database of ``env`` on every server its services are on."""
    from deploy.bootstrap import database_servers

    for server in database_servers(settings_for(env)):
        url = server.admin_url
        engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        finally:
            engine.dispose()
