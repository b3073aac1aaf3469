"""The suite on a three-node RabbitMQ cluster with quorum queues: orders
flow while one node is SIGKILLed, and later another; nothing acknowledged is
lost, nothing is applied twice, every process is still running.

The nodes are the test's own (loopback ports, node names and data
directories of their own; tests/support/broker.py PrivateCluster), and so is
the database. Every process is given the three addresses (AMQP_URI with
";"): kombu's failover for the services, shared/amqp.py for the gateway.
Each node comes back before the next is killed: a quorum of three holds
with one node down. The figures (orders/s, answers other than 201 around
each failover, time until orders were confirmed again) are printed
(pytest -s shows them).
"""

import time

import httpx
import pytest

from tests.support.broker import PrivateBroker, PrivateCluster
from tests.support.checkouts import CheckoutLoad, settle_and_count
from tests.support.suite import suite_with_own_database

pytestmark = [
    pytest.mark.suite,
    pytest.mark.skipif(not PrivateBroker.available(), reason="rabbitmq-server is not installed"),
]

LOAD_SECONDS = 38
BUYERS = 4
SETTLE_SECONDS = 60
# (seconds into the load, the node killed); each is started again 8 s later.
# Every process starts on the first address, so the first kill moves them
# all; kombu's round robin takes the services to the second, killed next.
KILLS = ((5, 0), (22, 1))
DOWN_SECONDS = 8


@pytest.fixture(scope="module")
def cluster():
    nodes = PrivateCluster(3)
    try:
        nodes.start()
        yield nodes
    finally:
        nodes.close()


@pytest.fixture(scope="module")
def cluster_suite(database, cluster):
    with suite_with_own_database("cluster", cluster.amqp_uri, {"BROKER_QUORUM_QUEUES": "true"}) as suite:
        yield suite


def queues_of(node: PrivateBroker) -> dict[str, tuple[str, bool]]:
    """Each queue's type and whether it outlives its consumers (durable and
    not auto-delete)."""
    import subprocess

    listed = subprocess.run(
        ["rabbitmqctl", "-n", node.name, "-q", "list_queues", "name", "type", "durable", "auto_delete",
         "--no-table-headers"],
        capture_output=True, text=True, timeout=60, check=True,
    )
    rows = [line.split("\t") for line in listed.stdout.splitlines() if line.count("\t") >= 3]
    return {name: (kind, durable == "true" and auto_delete == "false") for name, kind, durable, auto_delete, *_ in rows}


def test_the_durable_queues_are_quorum_queues_and_the_reply_queues_classic(cluster_suite, cluster):
    queues = queues_of(cluster.nodes[0])
    # The services' RPC queues and the event queues of reliable delivery.
    kept = {name: kind for name, (kind, lasting) in queues.items() if lasting and name.startswith(("rpc-", "evt-"))}
    assert "rpc-commerce" in kept and "evt-commerce-order_completed--learning.handle_order_completed" in kept
    assert set(kept.values()) == {"quorum"}, kept
    # The reply queues (Nameko's expire unused), and the broadcast queues of
    # the gateways' caches and learning's copy of courses, which live with
    # their connection: classic.
    others = {name: kind for name, (kind, _) in queues.items() if name not in kept}
    assert any(name.startswith("rpc.reply-") for name in others)
    assert set(others.values()) == {"classic"}, others


def failover_figures(timeline: list, since: float, until: float, started: float) -> str:
    """What the buyers heard from a node's kill until the next kill (or the
    end): how many answers were not a success, and when the last of them came."""
    window = [(t, what) for t, what in timeline if since <= t < until]
    failed = [(t, what) for t, what in window if not what.endswith((":201", ":409"))]
    last = f"{failed[-1][0] - since:.1f} s after" if failed else "none"
    return f"kill at {since - started:.0f} s: {len(failed)} of {len(window)} answers failed, the last {last}"


def test_no_order_is_lost_or_doubled_while_nodes_die(cluster_suite, cluster):
    suite = cluster_suite
    course_id = httpx.get(suite.url + "/api/courses/level-1", timeout=10).json()["course"]["id"]
    load = CheckoutLoad(suite.url, course_id, BUYERS)
    results, at, started = load.results, load.at, load.started

    killed_at = []
    for seconds, index in KILLS:
        at(seconds)
        killed_at.append(time.monotonic())
        cluster.nodes[index].kill()
        at(seconds + DOWN_SECONDS)
        cluster.nodes[index].start()
    at(LOAD_SECONDS)
    elapsed = load.stop()

    suite.wait_ready(timeout=SETTLE_SECONDS)
    suite.check_alive()
    assert len(results["confirmed"]) >= 10, results["statuses"]
    outcome = settle_and_count(suite.admin_engine, results, course_id, SETTLE_SECONDS)
    print(
        f"\ncluster: {outcome.summary()}; {outcome.confirmed / elapsed:.1f} orders/s confirmed; "
        + "; ".join(
            failover_figures(results["timeline"], since, until, started)
            for since, until in zip(killed_at, [*killed_at[1:], time.monotonic()])
        )
        + f"; statuses {dict(sorted(results['statuses'].items()))}"
    )
    assert outcome.lost == [] and outcome.doubled == [] and outcome.told_other_order == []
    assert outcome.strangers == []
    # Faults are answered as such (503, 504), never as an unexpected error.
    assert not [what for what in results["statuses"] if what.endswith(":500")], results["statuses"]
    for name, running in suite.processes.items():
        assert running and all(p.poll() is None for p in running), name
