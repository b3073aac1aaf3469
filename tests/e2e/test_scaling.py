"""Two instances of catalog, as `make run SCALE="catalog=2"` or
`docker compose up --scale catalog=2` run them.

RPC calls are shared between the instances, and an instance killed mid-load
loses no request: Nameko acknowledges an RPC message only after it has sent
the reply, so the broker hands the calls a dead instance held to the
survivor, which answers the gateway's waiting reply queue.

The suite here is the test's own, on a vhost of its own: no instance of the
run's shared suite takes part in the counts.
"""

import signal
import uuid

import pytest

from shared.settings import get_settings
from tests.support.environment import can_make_vhosts, private_vhost
from tests.support.observe import (
    Burst,
    handled,
    metric_samples,
    metric_value,
    queue_counts,
    queue_state,
    workers_in_flight,
)
from tests.support.suite import running_suite, wait_until

pytestmark = [
    pytest.mark.suite,
    pytest.mark.skipif(not can_make_vhosts(), reason="needs rabbitmqctl for a vhost of its own"),
]

REQUESTS = 200
THREADS = 20


@pytest.fixture(scope="module")
def scaled(database):
    # Every GET /api/courses a call to catalog: the gateway's cache is off.
    env = {"CATALOG_CACHE": "false"}
    with running_suite("scaling", private_vhost(get_settings().amqp_uri, "scaling"), env) as suite:
        yield suite


@pytest.fixture
def catalogs(scaled):
    """Exactly two live catalog instances, both consuming."""
    for process in list(scaled.processes["catalog"]):
        if process.poll() is not None:
            scaled.processes["catalog"].remove(process)
    while len(scaled.processes["catalog"]) < 2:
        scaled.start("catalog")
    wait_until(
        lambda: queue_state(scaled.amqp_uri, "rpc-catalog")[1] == 2, 60, message="two catalog consumers"
    )
    scaled.wait_ready()
    return list(scaled.processes["catalog"])


def run_id() -> str:
    return uuid.uuid4().hex[:8]


def handled_per_instance(instances, request_ids, expected_total: int) -> list[int]:
    """How many of these calls each instance logged, once all are logged."""

    def counts():
        per_instance = [len(handled(p.log_path, "list_courses", request_ids)) for p in instances]
        return per_instance if sum(per_instance) >= expected_total else None

    return wait_until(counts, 15, interval=0.2, message="the handled lines")


def test_calls_are_shared_between_instances(scaled, catalogs):
    before = [metric_samples(f"http://127.0.0.1:{p.port}/metrics") for p in catalogs]
    burst = Burst(scaled.url, "/api/courses", REQUESTS, THREADS, f"share-{run_id()}").start()
    statuses = burst.wait()
    assert set(statuses.values()) == {200}

    per_instance = handled_per_instance(catalogs, burst.request_ids, REQUESTS)
    assert sum(per_instance) == REQUESTS  # each call ran once
    assert min(per_instance) >= REQUESTS // 10, per_instance

    # Each instance's own /metrics counts what it handled.
    after = [metric_samples(f"http://127.0.0.1:{p.port}/metrics") for p in catalogs]
    labels = {"service": "catalog", "entrypoint": "rpc", "method": "list_courses", "outcome": "ok"}
    deltas = [
        metric_value(a, "service_workers_total", **labels)
        - metric_value(b, "service_workers_total", **labels)
        for a, b in zip(after, before)
    ]
    assert deltas == per_instance


def test_killing_an_instance_mid_load_loses_no_request(scaled, catalogs):
    victim, survivor = catalogs
    burst = Burst(scaled.url, "/api/courses", REQUESTS, THREADS, f"kill-{run_id()}").start()
    wait_until(lambda: burst.done >= REQUESTS // 4, 60, message="a quarter of the requests")
    victim.send_signal(signal.SIGKILL)
    done_at_kill = burst.done
    statuses = burst.wait()

    assert victim.wait(10) == -signal.SIGKILL
    assert done_at_kill < REQUESTS
    assert [request_id for request_id, status in statuses.items() if status != 200] == []
    assert len(handled(survivor.log_path, "list_courses", burst.request_ids)) > 0


def test_calls_held_by_a_killed_instance_are_answered_by_the_survivor(scaled, catalogs):
    victim, survivor = catalogs
    # A frozen instance keeps the calls the broker has delivered to it (up to
    # its prefetch, max_workers) unacknowledged, as a process that dies
    # mid-call does; the survivor answers all the others meanwhile.
    victim.send_signal(signal.SIGSTOP)
    try:
        burst = Burst(scaled.url, "/api/courses", 40, THREADS, f"held-{run_id()}").start()

        def held_by_the_frozen_instance():
            # Every call not yet answered is in the queue, ready or delivered
            # and unacknowledged, and the survivor runs none of them: the
            # frozen instance holds what is not ready.
            pending = burst.pending()
            counts = queue_counts(scaled.amqp_uri, "rpc-catalog")
            in_queue = counts["messages_ready"] + counts["messages_unacknowledged"]
            if pending and len(pending) == in_queue and workers_in_flight(survivor, "catalog") == 0:
                return pending, counts
            return None

        held, counts = wait_until(
            held_by_the_frozen_instance, 60, interval=0.2, message="calls held by the frozen instance"
        )
        assert counts["messages_ready"] == 0  # delivered to the frozen instance, not waiting in the queue
    finally:
        victim.send_signal(signal.SIGKILL)
        victim.send_signal(signal.SIGCONT)
    statuses = burst.wait()

    assert set(statuses.values()) == {200}

    def answered_by_survivor():
        return {line["request_id"] for line in handled(survivor.log_path, "list_courses", held)}

    # An instance logs a call after it has sent the reply.
    wait_until(lambda: answered_by_survivor() >= set(held), 15, message="the survivor's log lines")
    assert answered_by_survivor() == set(held)


def test_sigterm_to_an_instance_mid_load_answers_every_request_once(scaled, catalogs):
    victim, survivor = catalogs
    burst = Burst(scaled.url, "/api/courses", REQUESTS, THREADS, f"term-{run_id()}").start()
    wait_until(lambda: burst.done >= REQUESTS // 4, 60, message="a quarter of the requests")
    victim.send_signal(signal.SIGTERM)
    statuses = burst.wait()

    assert victim.wait(30) == 0
    assert set(statuses.values()) == {200}
    per_instance = handled_per_instance(catalogs, burst.request_ids, REQUESTS)
    assert sum(per_instance) == REQUESTS  # nothing requeued and run again
    assert queue_state(scaled.amqp_uri, "rpc-catalog")[0] == 0
