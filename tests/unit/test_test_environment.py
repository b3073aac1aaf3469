"""The tests' own environment: where their servers come from."""

from sqlalchemy.engine import make_url

from tests.support import environment


class FakeContainer:
    def __init__(self, url=None):
        self.url = url

    def get_connection_url(self):
        return self.url

    def get_container_host_ip(self):
        return "10.1.2.3"

    def get_exposed_port(self, port):
        return 32768


def test_containers_give_each_role_a_password_on_the_test_database(monkeypatch):
    import testcontainers.community.postgres as postgres_module
    import testcontainers.core.container as container_module
    import testcontainers.core.waiting_utils as waiting

    monkeypatch.setattr(postgres_module, "PostgresContainer", lambda *a, **k: "postgres")
    monkeypatch.setattr(container_module, "DockerContainer", lambda *a, **k: _Exposing())
    monkeypatch.setattr(waiting, "wait_for_logs", lambda *a, **k: None)

    class Stack:
        def enter_context(self, thing):
            return FakeContainer("postgresql://test:pw@10.1.2.3:32769/test") if thing == "postgres" else FakeContainer()

    env = environment.start_containers(Stack())
    assert make_url(env["DATABASE_URL"]).database == "infinite_studio_test"
    assert make_url(env["DATABASE_URL"]).username == "test"
    assert env["AMQP_URI"] == "amqp://guest:guest@10.1.2.3:32768/"
    assert env["REDIS_URL"] == "redis://10.1.2.3:32768/0"
    catalog = make_url(env["CATALOG_DATABASE_URL"])
    assert (catalog.username, catalog.password, catalog.database) == ("catalog", "test-catalog", "infinite_studio_test")


class _Exposing:
    def with_exposed_ports(self, *ports):
        return "rabbit"


def test_explicit_test_servers_turn_containers_off(monkeypatch):
    monkeypatch.setenv("TEST_AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/x")
    assert environment.docker_available() is False


def test_each_xdist_worker_gets_a_database_and_a_vhost_of_its_own():
    database, amqp = "postgresql://postgres@127.0.0.1:5432/infinite_studio_test", "amqp://guest:guest@127.0.0.1:5672/x"
    assert environment.for_worker(database, amqp, None) == (database, amqp)
    assert environment.for_worker(database, amqp, "gw1") == (
        "postgresql://postgres@127.0.0.1:5432/infinite_studio_test_gw1",
        "amqp://guest:guest@127.0.0.1:5672/x-gw1",
    )
    assert environment.for_worker(database, "amqp://guest:guest@127.0.0.1:5672/", "gw0")[1].endswith("/root-gw0")


def test_a_random_uuid_parameter_gets_an_id_every_worker_collects_alike():
    import uuid

    from tests.support.fixtures import pytest_make_parametrize_id

    assert pytest_make_parametrize_id(None, str(uuid.uuid4()), "item_id") == "random-uuid"
    assert pytest_make_parametrize_id(None, uuid.uuid4(), "item_id") == "random-uuid"
    # Fixed values keep pytest's own ids.
    assert pytest_make_parametrize_id(None, "00000000-0000-0000-0000-000000000000", "item_id") is None
    assert pytest_make_parametrize_id(None, "not-a-uuid", "item_id") is None
    assert pytest_make_parametrize_id(None, 42, "item_id") is None


def test_the_files_that_start_servers_of_their_own_are_the_ones_run_together():
    import re

    from tests.support.scheduling import PRIVATE_SERVER_MODULES
    from tests.support.suite import ROOT

    starts_servers = re.compile(r"\b(running_suite|suite_with_own_database|private_broker|PrivateBroker|PrivateCluster|Suite)\(")
    found = sorted(
        str(path.relative_to(ROOT))
        for folder in ("services", "gateway", "tests")
        for path in (ROOT / folder).rglob("test_*.py")
        if "node_modules" not in path.parts and starts_servers.search(path.read_text())
    )
    # The marker's own test names the helpers without starting anything.
    assert [path for path in found if path != "tests/unit/test_suite_marker.py"] == sorted(PRIVATE_SERVER_MODULES)


def test_those_files_run_first_each_in_its_own_order():
    from types import SimpleNamespace

    from tests.support.scheduling import private_servers_first

    items = [SimpleNamespace(nodeid=n) for n in (
        "tests/unit/test_a.py::one", "tests/e2e/test_chaos.py::x", "tests/unit/test_a.py::two", "tests/e2e/test_chaos.py::y",
    )]  # fmt: skip
    private_servers_first(items)
    assert [item.nodeid for item in items] == [
        "tests/e2e/test_chaos.py::x", "tests/e2e/test_chaos.py::y", "tests/unit/test_a.py::one", "tests/unit/test_a.py::two",
    ]  # fmt: skip
