"""The order completed event is never lost and never applied twice.

Events are published here by hand (nameko's standalone dispatcher, as
commerce would) when a test needs to control delivery; orders otherwise go
through the gateway. Every wait polls with a deadline.
"""

import os
import shutil
import subprocess
import uuid
from urllib.parse import unquote, urlsplit

import pytest
from kombu.exceptions import OperationalError
from nameko.standalone.events import event_dispatcher
from sqlalchemy import text
from sqlalchemy.orm import Session

from commerce import orders, outbox
from shared.db import service_engine
from shared.events import COMMERCE, ORDER_COMPLETED, OrderCompleted, event_queue_name
from tests.support.suite import ROOT, wait_until

DEADLINE = 15
LEARNING_QUEUE = event_queue_name(COMMERCE, ORDER_COMPLETED, "learning", "handle_order_completed")


def dispatch(payload: dict) -> None:
    event_dispatcher({"AMQP_URI": os.environ["AMQP_URI"]}, mandatory=True)(COMMERCE, ORDER_COMPLETED, payload)


def queue_depth() -> int:
    """Messages in learning's queue, delivered-but-unacknowledged included."""
    vhost = unquote(urlsplit(os.environ["AMQP_URI"]).path.lstrip("/")) or "/"
    rabbitmqctl = shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"
    listed = subprocess.run(
        [rabbitmqctl, "-q", "list_queues", "-p", vhost, "name", "messages"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    depths = dict(line.split("\t") for line in listed.splitlines() if "\t" in line)
    return int(depths[LEARNING_QUEUE])


def enrolled_course_ids(api) -> list[str]:
    response = api.get("/api/enrollments")
    assert response.status_code == 200, response.text
    return [e["courseId"] for e in response.json()["enrollments"]]


def wait_enrolled(api, course_id):
    wait_until(
        lambda: course_id in enrolled_course_ids(api),
        DEADLINE,
        interval=0.1,
        message=f"enrollment in {course_id}",
    )


def scalar(admin_engine, query, **params):
    with admin_engine.connect() as conn:
        return conn.execute(text(query), params).scalar()


def order_event(user_id, course_id, **overrides) -> dict:
    event = OrderCompleted(
        event_id=str(uuid.uuid4()), order_id=str(uuid.uuid4()), user_id=user_id, course_ids=[course_id]
    )
    return {**event.to_payload(), **overrides}


def test_the_same_event_delivered_twice_enrolls_once(api, admin_engine):
    user = api.register()
    course_id = api.course("level-1")["course"]["id"]
    payload = order_event(user["id"], course_id)
    dispatch(payload)
    dispatch(payload)
    wait_enrolled(api, course_id)
    wait_until(lambda: queue_depth() == 0, DEADLINE, interval=0.3, message="learning's queue to drain")
    assert enrolled_course_ids(api) == [course_id]
    assert (
        scalar(
            admin_engine,
            "SELECT count(*) FROM learning.processed_events WHERE event_id = :e",
            e=payload["eventId"],
        )
        == 1
    )


def test_orders_placed_while_learning_is_down_enroll_when_it_is_back(api_factory, suite):
    buyers = [api_factory() for _ in range(3)]
    for buyer in buyers:
        buyer.register()
    course_id = buyers[0].course("level-2")["course"]["id"]
    with suite.service_down("learning"):
        for buyer in buyers:
            response = buyer.post(
                "/api/orders", json={"items": [{"itemType": "course", "itemId": course_id}]}
            )
            assert response.status_code == 201, response.text
        assert queue_depth() >= len(buyers)  # kept by the durable queue meanwhile
    for buyer in buyers:
        wait_enrolled(buyer, course_id)
        assert enrolled_course_ids(buyer) == [course_id]


def test_an_order_whose_event_could_not_be_published_still_enrolls(api, admin_engine):
    """The broker goes away between the order's commit and its publish: the
    publish fails, the order stands, and commerce's relay publishes later."""
    user = api.register()
    course = api.course("level-1")["course"]
    items = [{"itemType": "course", "itemId": course["id"]}]
    priced = [{**items[0], "title": course["title"], "price": course["price"]}]
    # A real publish to a broker that does not answer (nothing listens on port 1).
    unreachable = event_dispatcher(
        {"AMQP_URI": "amqp://guest:guest@127.0.0.1:1/"},
        mandatory=True,
        retry_policy={"max_retries": 1, "interval_start": 0.1, "interval_step": 0.1, "interval_max": 0.2},
    )
    engine = service_engine("commerce", pool_size=1)
    try:
        with Session(engine) as db:
            placed = orders.create_order(db, user["id"], items, lambda _items: priced)
            db.commit()  # as the entrypoint does, before it publishes
            with pytest.raises(OperationalError):
                outbox.publish_pending(
                    db,
                    lambda kind, payload: unreachable(COMMERCE, kind, payload),
                    aggregate_id=placed["order"]["id"],
                )
    finally:
        engine.dispose()
    assert api.get("/api/orders").json()["orders"][0]["id"] == placed["order"]["id"]

    wait_enrolled(api, course["id"])
    assert scalar(
        admin_engine,
        "SELECT published_at IS NOT NULL FROM commerce.outbox WHERE aggregate_id = :o",
        o=placed["order"]["id"],
    )


@pytest.fixture
def enrollments_not_insertable(admin_engine):
    """learning loses its right to insert enrollments, as a broken deploy might."""
    with admin_engine.connect() as conn:
        conn.execute(text("REVOKE INSERT ON learning.enrollments FROM learning"))
    try:
        yield lambda: _grant(admin_engine)
    finally:
        _grant(admin_engine)


def _grant(admin_engine):
    with admin_engine.connect() as conn:
        conn.execute(text("GRANT INSERT ON learning.enrollments TO learning"))


def test_a_failing_handler_keeps_the_event_and_retries_it(api, admin_engine, enrollments_not_insertable):
    api.register()
    course_id = api.course("level-1")["course"]["id"]
    order = api.post("/api/orders", json={"items": [{"itemType": "course", "itemId": course_id}]}).json()[
        "order"
    ]

    def failed_status():
        return scalar(
            admin_engine,
            "SELECT status || ':' || attempts FROM learning.failed_events WHERE payload->>'orderId' = :o",
            o=order["id"],
        )

    assert wait_until(failed_status, DEADLINE, message="the failure to be recorded").startswith("pending:")
    assert enrolled_course_ids(api) == []

    enrollments_not_insertable()  # fixed
    wait_enrolled(api, course_id)
    wait_until(lambda: failed_status() is None, DEADLINE, message="the failed event to be cleared")
    assert enrolled_course_ids(api) == [course_id]


def test_a_poison_event_is_parked_and_can_be_replayed(suite, admin_engine):
    payload = order_event("not-a-user", str(uuid.uuid4()))
    dispatch(payload)

    def status():
        return scalar(
            admin_engine,
            "SELECT status FROM learning.failed_events WHERE event_id = :e",
            e=payload["eventId"],
        )

    assert wait_until(status, DEADLINE, message="the poison event to be parked") == "parked"
    listed = _replay_command("--parked")
    assert payload["eventId"] in listed.stdout

    replayed = _replay_command("--replay", payload["eventId"])
    assert "1 parked event(s) sent back for retry" in replayed.stdout
    # Still poison: retried, and parked again where an operator sees it.
    wait_until(
        lambda: scalar(
            admin_engine,
            "SELECT status = 'parked' AND attempts = 1 AND next_attempt_at IS NULL"
            " FROM learning.failed_events WHERE event_id = :e",
            e=payload["eventId"],
        ),
        DEADLINE,
        message="the replayed poison event to be parked again",
    )


def _replay_command(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [os.sys.executable, "-m", "learning.replay", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def publish_raw(routing_key: str, body: bytes, content_type: str, **properties) -> None:
    """A message straight to a queue, bytes as they are (no serializer)."""
    from kombu import Connection

    with Connection(os.environ["AMQP_URI"]) as connection:
        connection.Producer().publish(
            body, exchange="", routing_key=routing_key, content_type=content_type,
            content_encoding="binary", **properties,
        )


def test_an_undecodable_message_is_parked_with_what_it_held(api, admin_engine):
    marker = uuid.uuid4().hex
    publish_raw(LEARNING_QUEUE, b'{"eventId": "' + marker.encode() + b'", broken', "application/json")
    publish_raw(LEARNING_QUEUE, b"\x80" + marker.encode(), "application/x-unknown")

    def parked():
        return scalar(
            admin_engine,
            "SELECT count(*) FROM learning.failed_events WHERE status = 'parked'"
            " AND payload->'undecodable'->>'body' LIKE :m",
            m=f"%{marker}%",
        )

    assert wait_until(lambda: parked() == 2, DEADLINE, message="both undecodable messages to be parked")
    wait_until(lambda: queue_depth() == 0, DEADLINE, interval=0.3, message="learning's queue to drain")
    # learning goes on: the next event enrolls.
    user = api.register()
    course_id = api.course("level-2")["course"]["id"]
    dispatch(order_event(user["id"], course_id))
    wait_enrolled(api, course_id)


def test_an_event_for_a_course_that_does_not_exist_enrolls_nobody(api, admin_engine):
    user = api.register()
    real, missing = api.course("level-1")["course"]["id"], str(uuid.uuid4())
    payload = {**order_event(user["id"], real), "courseIds": [real, missing]}
    dispatch(payload)

    def status():
        return scalar(
            admin_engine, "SELECT status FROM learning.failed_events WHERE event_id = :e", e=payload["eventId"]
        )

    assert wait_until(status, DEADLINE, message="the event to be parked") == "parked"
    assert enrolled_course_ids(api) == []


def test_an_undecodable_rpc_request_gets_an_error_reply(suite):
    from kombu import Connection, Exchange, Queue

    with Connection(os.environ["AMQP_URI"]) as connection:
        # Nameko replies through its exchange, routed by the reply_to name.
        name = f"test-replies-{uuid.uuid4().hex}"
        rpc_exchange = Exchange("nameko-rpc", type="topic", durable=True)
        replies = Queue(name, exchange=rpc_exchange, routing_key=name, exclusive=True, auto_delete=True)
        with connection.SimpleQueue(replies) as reply_queue:
            connection.Producer().publish(
                b"{not json", exchange="nameko-rpc", routing_key="learning.list_failed_events",
                content_type="application/json", content_encoding="utf-8",
                reply_to=replies.name, correlation_id="undecodable-1",
            )
            reply = reply_queue.get(timeout=DEADLINE)
            reply.ack()
    assert reply.properties["correlation_id"] == "undecodable-1"
    assert reply.payload["error"]["exc_type"] == "MalformedRequest"
