"""The relay against the real broker: an event goes out persistent, confirmed
and routed, or its outbox row stays pending."""

import os
import uuid

import pytest
from kombu import Connection, Queue
from nameko.amqp.publish import UndeliverableMessage
from nameko.standalone.events import event_dispatcher, get_event_exchange
from sqlalchemy import select

from commerce import orders, outbox
from commerce.models import OutboxEvent
from commerce.service import PUBLISH_RETRY_POLICY, CommerceService
from shared.events import ORDER_COMPLETED


@pytest.fixture
def amqp_uri(database):
    return os.environ["AMQP_URI"]


@pytest.fixture
def source(amqp_uri):
    """A source service of our own, with its events exchange and no queue
    yet, so that no real consumer sees these events."""
    name = f"commerce-test-{uuid.uuid4().hex[:8]}"
    exchange = get_event_exchange(name, {})
    with Connection(amqp_uri) as conn:
        exchange(conn.channel()).declare()
        yield name
        exchange(conn.channel()).delete()


def publisher_for(amqp_uri, source):
    dispatch = event_dispatcher({"AMQP_URI": amqp_uri}, mandatory=True, retry_policy=PUBLISH_RETRY_POLICY)
    return lambda event_type, payload: dispatch(source, event_type, payload)


def place_order(db):
    item = {"itemType": "course", "itemId": str(uuid.uuid4())}
    return orders.create_order(
        db, str(uuid.uuid4()), [item], lambda _items: [{**item, "title": "T", "price": "149.00"}]
    )


def outbox_row(db, placed):
    row = db.scalar(select(OutboxEvent).where(OutboxEvent.aggregate_id == placed["order"]["id"]))
    db.refresh(row)
    return row


def test_the_service_publishes_with_confirms_and_mandatory():
    options = CommerceService.dispatch.options
    assert options["mandatory"] is True and options["use_confirms"] is True


def test_an_event_no_queue_would_receive_keeps_its_row_pending(db, amqp_uri, source):
    placed = place_order(db)
    publish = publisher_for(amqp_uri, source)
    with pytest.raises(UndeliverableMessage):
        outbox.publish_pending(db, publish, aggregate_id=placed["order"]["id"])
    assert outbox_row(db, placed).published_at is None


def test_a_routed_event_is_marked_and_waits_in_the_queue(db, amqp_uri, source):
    placed = place_order(db)
    queue = Queue(
        f"{source}-q", exchange=get_event_exchange(source, {}), routing_key=ORDER_COMPLETED, durable=True
    )
    with Connection(amqp_uri) as conn:
        bound = queue(conn.channel())
        bound.declare()
        try:
            assert (
                outbox.publish_pending(
                    db, publisher_for(amqp_uri, source), aggregate_id=placed["order"]["id"]
                )
                == 1
            )
            message = bound.get(no_ack=True)
            assert message.payload["orderId"] == placed["order"]["id"]
            assert message.properties["delivery_mode"] == 2  # persistent
        finally:
            bound.delete()
    assert outbox_row(db, placed).published_at is not None
