"""The ``suite`` marker reaches every test that starts processes, and no other:
checked on the project's own collection, and on the refusal to start a
process from a test that is not marked."""

import os
import subprocess
import sys
import textwrap

import pytest

from tests.support.broker import PrivateBroker
from tests.support.suite import ROOT, Suite

# Collects the project as `pytest` does and prints each test with its mark.
REPORT_MARKS = textwrap.dedent(
    """
    import sys
    import pytest

    class Report:
        def pytest_collection_finish(self, session):
            for item in session.items:
                print("MARK", "suite" if item.get_closest_marker("suite") else "plain", item.nodeid)

    sys.exit(pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider"], plugins=[Report()]))
    """
)


@pytest.fixture(scope="module")
def marks() -> dict[str, str]:
    # The test servers this run already uses: no containers, no other vhost.
    env = {
        **os.environ,
        "TEST_DATABASE_URL": os.environ["DATABASE_URL"],
        "TEST_AMQP_URI": os.environ["AMQP_URI"],
    }
    result = subprocess.run(
        [sys.executable, "-c", REPORT_MARKS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    reported = [line.split(" ", 2)[1:] for line in result.stdout.splitlines() if line.startswith("MARK ")]
    return {nodeid: mark for mark, nodeid in reported}


@pytest.mark.parametrize(
    "nodeid",
    [
        # The `api` fixture.
        "tests/e2e/test_auth_api.py::test_register_answers_201_with_the_user_and_logs_in",
        # `suite`, with parameters.
        "tests/deploy/test_healthcheck_command.py::test_every_running_process_is_healthy[catalog]",
        "services/catalog/tests/integration/test_catalog_rpc.py::test_ping_names_the_migration",
        # `live_url` through a fixture of the module (base_url).
        "tests/browser/test_web_e2e.py::test_buy_a_course_and_learn",
        # Suites and a broker of their own, marked by their modules.
        "tests/e2e/test_graceful_stop.py::test_sigterm_lets_a_service_finish_its_call_and_acknowledge_it",
        "tests/e2e/test_scaling.py::test_calls_are_shared_between_instances",
        "gateway/tests/integration/test_broker_outage.py"
        "::test_gateway_started_while_the_broker_is_down_connects_later",
    ],
)
def test_tests_that_start_processes_are_marked(marks, nodeid):
    assert marks.get(nodeid) == "suite", marks.get(nodeid, "not collected")


@pytest.mark.parametrize(
    "nodeid",
    [
        "services/auth/tests/unit/test_password_rules.py::test_production_cost_is_12",
        "services/auth/tests/integration/test_users_and_sessions.py::test_idle_session_expires",
        "tests/integration/test_migrations.py::test_models_and_migrations_agree[auth]",
        # The broker, but no process.
        "services/commerce/tests/integration/test_event_publishing.py"
        "::test_a_routed_event_is_marked_and_waits_in_the_queue",
        # A command that answers and exits.
        "tests/deploy/test_healthcheck_command.py::test_unknown_process_is_refused",
    ],
)
def test_unit_and_database_tests_are_not_marked(marks, nodeid):
    assert marks.get(nodeid) == "plain", marks.get(nodeid, "not collected")


def test_every_end_to_end_and_browser_test_is_marked(marks):
    through_the_gateway = [nodeid for nodeid in marks if nodeid.startswith(("tests/e2e/", "tests/browser/"))]
    assert len(through_the_gateway) > 50
    assert [nodeid for nodeid in through_the_gateway if marks[nodeid] != "suite"] == []


def test_an_unmarked_test_may_not_start_a_process(tmp_path):
    suite = Suite(tmp_path)
    try:
        with pytest.raises(RuntimeError, match="not marked suite"):
            suite.start("catalog")
        assert suite.processes["catalog"] == []
    finally:
        suite.stop_all()  # should the refusal break, no process outlives the test

    broker = PrivateBroker()
    try:
        with pytest.raises(RuntimeError, match="not marked suite"):
            broker.start()
        assert broker.process is None
    finally:
        broker.close()
