"""Orders under load while the broker restarts and services are SIGKILLed:
nothing acknowledged is lost, nothing is applied twice, and every process
is running and answering at the end.

Buyers register and buy level-1, each checkout retried with its own
Idempotency-Key until a 201 or the end of the run (what the web app does).
Meanwhile the private broker is killed and started again twice, and commerce
and learning are each SIGKILLed and started again (what `make run`'s
supervisor and compose's restart policy do). Then, from the databases:

- lost: a buyer told 201 without an enrollment once the suite settles;
- doubled: a buyer with two orders, or an order with two enrollments.

Bounded: about a minute of load, then at most a minute to settle. The
figures are printed (pytest -s shows them).
"""

import time

import httpx
import pytest

from tests.support.broker import PrivateBroker
from tests.support.checkouts import CheckoutLoad, settle_and_count
from tests.support.suite import suite_with_own_database

pytestmark = [
    pytest.mark.suite,
    pytest.mark.skipif(not PrivateBroker.available(), reason="rabbitmq-server is not installed"),
]

LOAD_SECONDS = 60
BUYERS = 4  # concurrent buyer threads
SETTLE_SECONDS = 60


@pytest.fixture(scope="module")
def chaos_suite(database, private_broker):
    with suite_with_own_database("chaos", private_broker.amqp_uri) as suite:
        yield suite


def test_no_order_is_lost_or_doubled_through_broker_restarts_and_killed_services(
    chaos_suite, private_broker
):
    suite = chaos_suite
    course_id = httpx.get(suite.url + "/api/courses/level-1", timeout=10).json()["course"]["id"]
    load = CheckoutLoad(suite.url, course_id, BUYERS)
    results, at = load.results, load.at

    def restart(name: str) -> None:
        for process in list(suite.processes[name]):
            suite.stop(process, sig=9)
        time.sleep(2)
        suite.start(name)
        # Up again (it answers /api/ready) before the next fault: a Nameko
        # process that meets a refused broker while it is still starting
        # exits, and here nothing would start it again (its supervisor would).
        suite.wait_ready(timeout=SETTLE_SECONDS)

    at(8)
    private_broker.kill()
    time.sleep(3)
    private_broker.start()
    at(22)
    restart("commerce")
    at(34)
    restart("learning")
    at(44)
    private_broker.kill()
    time.sleep(3)
    private_broker.start()
    at(LOAD_SECONDS)
    load.stop()

    # Settled: every process up, every order's event delivered.
    suite.wait_ready(timeout=SETTLE_SECONDS)
    suite.check_alive()
    assert len(results["confirmed"]) >= 10, results["statuses"]
    outcome = settle_and_count(suite.admin_engine, results, course_id, SETTLE_SECONDS)
    print(f"\nchaos: {outcome.summary()}; statuses {dict(sorted(results['statuses'].items()))}")
    assert outcome.lost == [] and outcome.doubled == [] and outcome.told_other_order == []
    assert outcome.strangers == []
    # Faults are answered as such (503, 504), never as an unexpected error.
    assert not [what for what in results["statuses"] if what.endswith(":500")], results["statuses"]
    for name in ("auth", "catalog", "learning", "commerce", "media"):
        assert suite.processes[name] and all(p.poll() is None for p in suite.processes[name]), name
