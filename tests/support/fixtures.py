"""Fixtures for every test of the project (loaded by the root conftest.py)."""

import os
import uuid
from contextlib import ExitStack

import pytest
from sqlalchemy.orm import Session

from shared.settings import SERVICES, get_settings
from tests.support import environment
from tests.support.api_client import ApiClient

# Hooks of this plugin: the `suite` marker, applied to the tests that start processes.
from tests.support.markers import pytest_collection_modifyitems, pytest_runtest_protocol  # noqa: F401
from tests.support.suite import ROOT, Suite, log_dir_for

# The pytest-xdist worker this process is (gw0, gw1, ...), if `pytest -n`
# started it: each has servers' databases, vhosts and files of its own.
WORKER = os.environ.get("PYTEST_XDIST_WORKER")

TEST_ENV = {
    "SESSION_SECRET": "test-session-secret",
    # Cost 12 is the production setting (checked in auth's unit tests); the
    # suite registers hundreds of users, so it hashes at the minimum cost.
    "BCRYPT_ROUNDS": "4",
    "LOG_LEVEL": "INFO",
    "WEB_DIST_DIR": str(ROOT / "web" / "dist"),
    # The seed's 56 lesson videos take minutes to make; media's tests import their own.
    "SEED_VIDEOS": "false",
    "TRANSCODE_PRESET": "ultrafast",
    "MEDIA_ROOT": str(ROOT / ".run" / f"test-media{'-' + WORKER if WORKER else ''}"),
    # Apps the tests build themselves serve no metrics; tests/support/suite.py
    # gives each gateway it starts a port of its own.
    "GATEWAY_METRICS_PORT": "0",
    # The rate limits' counts: keys of this run's own in the test Redis.
    "REDIS_KEY_PREFIX": f"infinite-studio-test-{uuid.uuid4().hex[:12]}",
    # Every test's client comes from 127.0.0.1: the per-address limits would
    # stop the suite's hundreds of registrations. tests/e2e/test_rate_limits.py
    # checks them on gateways of its own.
    "LOGIN_LIMIT_PER_ADDRESS": "1000000/minute",
    "REGISTER_LIMIT_PER_ADDRESS": "1000000/minute",
    "PASSWORD_RESET_LIMIT_PER_ADDRESS": "1000000/minute",
    # Mail the SMTP server did not take is tried again within seconds, and
    # parked only after a minute or so (tests/e2e/test_mail.py stops it for 30 s).
    "MAIL_RETRY_FIRST_SECONDS": "0.5",
    "MAIL_RETRY_MAX_SECONDS": "2",
    "MAIL_MAX_ATTEMPTS": "60",
}


def pytest_configure(config):
    """Point every process of the run at the test servers before anything
    reads the settings."""
    stack = ExitStack()
    config._infrastructure = stack
    for service in SERVICES:
        os.environ.pop(f"{service.upper()}_DATABASE_URL", None)
        os.environ.pop(f"{service.upper()}_ADMIN_DATABASE_URL", None)
    if environment.docker_available():
        os.environ.update(environment.start_containers(stack))
    else:
        database_url, amqp_uri = environment.for_worker(
            os.environ.get("TEST_DATABASE_URL", environment.DEFAULT_DATABASE_URL),
            os.environ.get("TEST_AMQP_URI", environment.DEFAULT_AMQP_URI),
            WORKER,
        )
        environment.ensure_vhost(amqp_uri)
        os.environ["AMQP_URI"] = amqp_uri
        os.environ["DATABASE_URL"] = database_url
        os.environ["REDIS_URL"] = os.environ.get("TEST_REDIS_URL", environment.DEFAULT_REDIS_URL)
    os.environ.update(TEST_ENV)
    get_settings.cache_clear()


def pytest_make_parametrize_id(config, val, argname):
    """A random id as a test's parameter (``str(uuid.uuid4())``, made at
    collection) is named ``random-uuid`` in the test's id: pytest-xdist's
    workers each collect the tests and must find the same ids. Each worker
    still draws its own value."""
    try:
        if isinstance(val, (str, uuid.UUID)) and uuid.UUID(str(val)).version == 4:
            return "random-uuid"
    except ValueError:
        pass
    return None


def pytest_unconfigure(config):
    stack = getattr(config, "_infrastructure", None)
    if stack is not None:
        stack.close()


@pytest.fixture(scope="session")
def database():
    """The test database: roles, schemas, migrations and seed, once per run."""
    from deploy import bootstrap, migrate, seed

    bootstrap.main()
    migrate.main()
    seed.main()
    return get_settings()


@pytest.fixture
def service_db(database):
    """``service_db("catalog")``: a session as that service's role, inside a
    transaction rolled back after the test (the code's commits become
    savepoints)."""
    from shared.db import service_engine

    engines, opened = {}, []

    def open_session(service: str) -> Session:
        engine = engines.setdefault(service, service_engine(service, pool_size=2))
        connection = engine.connect()
        transaction = connection.begin()
        session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
        opened.append((session, transaction, connection))
        return session

    yield open_session
    for session, transaction, connection in opened:
        session.close()
        transaction.rollback()
        connection.close()
    for engine in engines.values():
        engine.dispose()


@pytest.fixture(scope="session")
def suite(database):
    """Every process of the Procfile, running against the test servers."""
    running = Suite(log_dir_for("suite"))
    try:
        running.start_all()
        yield running
    finally:
        running.stop_all()


@pytest.fixture(scope="session")
def live_url(suite) -> str:
    return suite.url


@pytest.fixture
def api(live_url):
    with ApiClient(live_url) as client:
        yield client


@pytest.fixture
def api_factory(live_url):
    """More clients (users) for one test: ``alice, bob = api_factory(), api_factory()``."""
    clients = []

    def make() -> ApiClient:
        client = ApiClient(live_url)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture(scope="session")
def admin_engine(database):
    """The test database as its superuser: for arranging what no API can
    (ageing a session, revoking a right) and for looking at rows directly."""
    from sqlalchemy import create_engine

    engine = create_engine(database.admin_database_url, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def moto_endpoint(tmp_path_factory):
    """moto's standalone S3 server on a free local port, stopped after the
    run: the S3 backend of media's storage and of the gateway's serving."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = open(tmp_path_factory.mktemp("moto") / "moto.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(endpoint + "/moto-api/", timeout=1)
            break
        except httpx.HTTPError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"moto server did not start; see {log.name}")
            time.sleep(0.2)
    yield endpoint
    process.terminate()
    process.wait(10)
    log.close()


@pytest.fixture(scope="module")
def private_broker():
    """A RabbitMQ node of the module's own, for tests that kill and restart
    the broker (tests/support/broker.py); gone after the module."""
    from tests.support.broker import PrivateBroker

    node = PrivateBroker()
    node.start()
    yield node
    node.close()
