"""Orders, purchases and the outbox on the real database, as the `commerce` role."""

import uuid

import pytest
from sqlalchemy import func, select

from commerce import orders, outbox, receipts
from commerce.models import Order, OrderItem, OutboxEvent, Purchase
from shared.errors import Conflict
from shared.events import ORDER_COMPLETED, OrderCompleted


def priced(item_type, price, item_id=None):
    return {"itemType": item_type, "itemId": item_id or str(uuid.uuid4()), "title": "T", "price": price}


def buy(db, user_id, *priced_items):
    items = [{"itemType": p["itemType"], "itemId": p["itemId"]} for p in priced_items]
    return orders.create_order(db, user_id, items, lambda _items: list(priced_items), request_id="req-1")


def counts(db, user_id):
    return {
        "orders": db.scalar(select(func.count()).select_from(Order).where(Order.user_id == user_id)),
        "items": db.scalar(
            select(func.count()).select_from(OrderItem).join(Order).where(Order.user_id == user_id)
        ),
        "purchases": db.scalar(select(func.count()).select_from(Purchase).where(Purchase.user_id == user_id)),
        "events": db.scalar(
            select(func.count())
            .select_from(OutboxEvent)
            .where(OutboxEvent.payload["userId"].astext == user_id)
        ),
    }


def test_an_order_its_items_and_its_event_are_written_together(db):
    user = str(uuid.uuid4())
    course, asset = priced("course", "149.00"), priced("asset", "29.00")
    placed = buy(db, user, course, asset)

    assert placed["order"]["totalAmount"] == "178.00"
    assert placed["order"]["status"] == "completed"
    assert [(i["itemType"], i["itemId"], i["price"]) for i in placed["items"]] == [
        ("course", course["itemId"], "149.00"),
        ("asset", asset["itemId"], "29.00"),
    ]
    assert counts(db, user) == {"orders": 1, "items": 2, "purchases": 2, "events": 1}
    row = db.scalar(select(OutboxEvent).where(OutboxEvent.aggregate_id == placed["order"]["id"]))
    event = OrderCompleted.from_payload(row.payload)
    assert (row.event_type, row.published_at) == (ORDER_COMPLETED, None)
    assert (event.event_id, event.order_id, event.user_id) == (row.id, placed["order"]["id"], user)
    assert (event.course_ids, event.asset_ids, event.request_id) == (
        [course["itemId"]],
        [asset["itemId"]],
        "req-1",
    )
    # It carries the receipt as commerce answers it, for the receipt mail.
    assert event.receipt == receipts.get_receipt(db, user, placed["order"]["id"], None)
    assert [(i["id"], i["title"]) for i in event.receipt["items"]] == [(i["id"], "T") for i in placed["items"]]


def test_repurchase_is_a_conflict_and_writes_nothing(db):
    user = str(uuid.uuid4())
    course = priced("course", "149.00")
    buy(db, user, course)
    before = counts(db, user)
    with pytest.raises(Conflict) as raised:
        buy(db, user, priced("asset", "29.00"), course)
    assert raised.value.code == "ALREADY_PURCHASED"
    assert counts(db, user) == before


def test_a_lost_race_on_the_same_item_rolls_the_whole_order_back(db, monkeypatch):
    user = str(uuid.uuid4())
    course = priced("course", "149.00")
    buy(db, user, course)
    before = counts(db, user)
    # As if the other order committed between our check and our insert.
    monkeypatch.setattr(orders, "_ensure_not_owned", lambda *args: None)
    with pytest.raises(Conflict):
        buy(db, user, priced("asset", "19.00"), course)
    assert counts(db, user) == before


def test_another_user_may_buy_the_same_course(db):
    course = priced("course", "149.00")
    buy(db, str(uuid.uuid4()), course)
    buy(db, str(uuid.uuid4()), course)


def test_orders_are_listed_newest_first_with_their_items(db):
    user = str(uuid.uuid4())
    first = buy(db, user, priced("course", "149.00"))
    second = buy(db, user, priced("asset", "29.00"), priced("asset", "19.00"))
    listed = orders.list_orders(db, user)
    # One transaction gives both the same now(): the id breaks the tie, so
    # compare as a set here; the e2e test checks the order across requests.
    assert {o["id"] for o in listed} == {first["order"]["id"], second["order"]["id"]}
    by_id = {o["id"]: o for o in listed}
    assert by_id[second["order"]["id"]]["items"] == second["items"]
    assert orders.list_orders(db, str(uuid.uuid4())) == []
    assert orders.list_orders(db, "not-a-uuid") == []


def test_has_purchased_knows_what_the_user_owns(db):
    user, course = str(uuid.uuid4()), priced("course", "149.00")
    buy(db, user, course)
    assert orders.has_purchased(db, user, "course", course["itemId"])
    assert not orders.has_purchased(db, user, "asset", course["itemId"])
    assert not orders.has_purchased(db, str(uuid.uuid4()), "course", course["itemId"])
    assert not orders.has_purchased(db, user, "course", "junk")


def test_relay_publishes_pending_events_and_marks_them(db):
    placed = buy(db, str(uuid.uuid4()), priced("course", "149.00"))
    sent = []
    assert (
        outbox.publish_pending(
            db, lambda kind, payload: sent.append((kind, payload)), aggregate_id=placed["order"]["id"]
        )
        == 1
    )
    assert sent[0][0] == ORDER_COMPLETED and sent[0][1]["orderId"] == placed["order"]["id"]
    row = db.scalar(select(OutboxEvent).where(OutboxEvent.aggregate_id == placed["order"]["id"]))
    assert row.published_at is not None
    assert outbox.publish_pending(db, lambda *a: sent.append(a), aggregate_id=placed["order"]["id"]) == 0
    assert len(sent) == 1


def test_a_failed_publish_leaves_the_event_pending(db):
    placed = buy(db, str(uuid.uuid4()), priced("course", "149.00"))

    def broker_gone(kind, payload):
        raise ConnectionError("broker gone")

    with pytest.raises(ConnectionError):
        outbox.publish_pending(db, broker_gone, aggregate_id=placed["order"]["id"])
    assert not outbox.try_publish(db, broker_gone, aggregate_id=placed["order"]["id"])
    row = db.scalar(select(OutboxEvent).where(OutboxEvent.aggregate_id == placed["order"]["id"]))
    assert row.published_at is None
    assert outbox.try_publish(db, lambda *a: None, aggregate_id=placed["order"]["id"])
    db.commit()  # as the entrypoint does
    db.refresh(row)
    assert row.published_at is not None


def test_commerce_cannot_read_another_service_schema(db):
    from sqlalchemy import text
    from sqlalchemy.exc import ProgrammingError

    with pytest.raises(ProgrammingError) as raised:
        db.execute(text("SELECT 1 FROM learning.enrollments"))
    assert raised.value.orig.pgcode == "42501"


def test_listing_orders_takes_two_queries_however_many(db):
    from tests.support.statements import recorded_statements

    user = str(uuid.uuid4())
    for count in (2, 5):
        while len(orders.list_orders(db, user)) < count:
            buy(db, user, priced("asset", "19.00"), priced("course", "149.00"))
        with recorded_statements(db) as sent:
            listed = orders.list_orders(db, user)
        assert len(listed) == count and all(len(order["items"]) == 2 for order in listed)
        assert len(sent) == 2


def test_the_publish_after_the_reply_commits_its_marks_and_only_them(db):
    placed = buy(db, str(uuid.uuid4()), priced("course", "149.00"))
    db.commit()  # the entrypoint's transaction, over before the reply
    row = db.scalar(select(OutboxEvent).where(OutboxEvent.aggregate_id == placed["order"]["id"]))

    def broker_gone(kind, payload):
        raise ConnectionError("broker gone")

    outbox.publish_after_reply(db, broker_gone, placed["order"]["id"])
    db.rollback()  # what a later failure of the worker would undo: nothing was marked
    db.refresh(row)
    assert row.published_at is None

    sent = []
    outbox.publish_after_reply(db, lambda *a: sent.append(a), placed["order"]["id"])
    db.rollback()  # the mark was committed already
    db.refresh(row)
    assert len(sent) == 1 and row.published_at is not None
