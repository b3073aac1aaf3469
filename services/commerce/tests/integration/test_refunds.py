"""Refunds on the real database, as the `commerce` role (commerce/refunds.py)."""

import threading
import uuid

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from commerce import orders, refunds
from commerce.models import Order, OutboxEvent, Purchase, Refund
from shared.db import service_engine
from shared.errors import Conflict, InvalidInput, NotFound
from shared.events import ORDER_REFUNDED, OrderRefunded
from tests.support.suite import wait_until

ADMIN = str(uuid.uuid4())


def priced(item_type, price, item_id=None):
    return {"itemType": item_type, "itemId": item_id or str(uuid.uuid4()), "title": "T", "price": price}


def buy(db, user_id, *priced_items):
    items = [{"itemType": p["itemType"], "itemId": p["itemId"]} for p in priced_items]
    return orders.create_order(db, user_id, items, lambda _items: list(priced_items))


def key(p):
    return {"itemType": p["itemType"], "itemId": p["itemId"]}


@pytest.fixture
def bought(db):
    """A user's order of a course (149.00) and an asset (29.50)."""
    user, course, asset = str(uuid.uuid4()), priced("course", "149.00"), priced("asset", "29.50")
    placed = buy(db, user, course, asset)
    return user, placed["order"]["id"], course, asset


def refund_events(db, order_id):
    rows = db.scalars(
        select(OutboxEvent).where(OutboxEvent.aggregate_id == order_id, OutboxEvent.event_type == ORDER_REFUNDED)
    ).all()
    return [OrderRefunded.read(row.payload) for row in rows]


def test_refunding_one_item_records_it_and_its_event_together(db, bought):
    user, order_id, course, asset = bought
    answer = refunds.refund_order(db, ADMIN, order_id, [key(course)], "  Bought by mistake  ")

    refund = answer["refund"]
    assert (refund["orderId"], refund["amount"], refund["reason"], refund["createdBy"]) == (
        order_id, "149.00", "Bought by mistake", ADMIN,
    )
    assert refund["items"] == [{"itemType": "course", "itemId": course["itemId"], "price": "149.00"}]
    order = answer["order"]
    assert order["status"] == "partially_refunded"
    assert [(i["itemType"], i["refunded"]) for i in order["items"]] == [("course", True), ("asset", False)]
    assert order["refunds"] == [refund]
    [event] = refund_events(db, order_id)
    assert (event.refund_id, event.order_id, event.user_id, event.amount, event.reason) == (
        refund["id"], order_id, user, "149.00", "Bought by mistake",
    )
    assert event.items == [key(course)] and event.course_ids == [course["itemId"]] and event.asset_ids == []
    assert not orders.has_purchased(db, user, "course", course["itemId"])
    assert orders.has_purchased(db, user, "asset", asset["itemId"])


def test_refunding_without_items_refunds_the_rest_and_the_order_is_refunded(db, bought):
    user, order_id, course, asset = bought
    refunds.refund_order(db, ADMIN, order_id, [key(asset)], "Broken file")
    answer = refunds.refund_order(db, ADMIN, order_id, None, "Unhappy")

    assert answer["refund"]["amount"] == "149.00"
    assert [i["itemId"] for i in answer["refund"]["items"]] == [course["itemId"]]
    assert answer["order"]["status"] == "refunded"
    assert [r["amount"] for r in answer["order"]["refunds"]] == ["29.50", "149.00"]
    assert len(refund_events(db, order_id)) == 2
    assert db.scalar(select(func.count()).select_from(Purchase).where(Purchase.user_id == user)) == 0
    with pytest.raises(Conflict) as raised:
        refunds.refund_order(db, ADMIN, order_id, None, "Again")
    assert raised.value.code == "ALREADY_REFUNDED"


def test_an_item_refunded_already_is_a_conflict_and_writes_nothing(db, bought):
    _, order_id, course, asset = bought
    refunds.refund_order(db, ADMIN, order_id, [key(course)], "First")
    with pytest.raises(Conflict) as raised:
        refunds.refund_order(db, ADMIN, order_id, [key(asset), key(course)], "Second")
    assert raised.value.code == "ALREADY_REFUNDED"
    assert db.scalar(select(func.count()).select_from(Refund).where(Refund.order_id == order_id)) == 1
    assert orders.has_purchased(db, db.get(Order, order_id).user_id, "asset", asset["itemId"])


@pytest.mark.parametrize(
    "items",
    [
        [{"itemType": "course", "itemId": str(uuid.uuid4())}],
        [{"itemType": "asset", "itemId": "not-a-uuid"}],
        [{"itemType": "bundle", "itemId": str(uuid.uuid4())}],
        ["course"],
    ],
)
def test_an_item_not_in_the_order_is_invalid_and_writes_nothing(db, bought, items):
    _, order_id, _, _ = bought
    with pytest.raises(InvalidInput) as raised:
        refunds.refund_order(db, ADMIN, order_id, items, "Reason")
    assert raised.value.code == "ITEM_NOT_IN_ORDER"
    assert refund_events(db, order_id) == []


@pytest.mark.parametrize(("items", "reason"), [([], "Reason"), (None, ""), (None, "   "), (None, "x" * 501), (None, 5)])
def test_no_items_or_no_reason_is_invalid(db, bought, items, reason):
    _, order_id, _, _ = bought
    with pytest.raises(InvalidInput):
        refunds.refund_order(db, ADMIN, order_id, items, reason)
    assert db.get(Order, order_id).status == "completed"


@pytest.mark.parametrize("order_id", [str(uuid.uuid4()), "nope", None])
def test_an_unknown_order_is_not_found(db, order_id):
    with pytest.raises(NotFound) as raised:
        refunds.refund_order(db, ADMIN, order_id, None, "Reason")
    assert raised.value.code == "ORDER_NOT_FOUND"
    with pytest.raises(NotFound):
        refunds.get_order_for_staff(db, order_id)


def test_a_refunded_item_can_be_bought_again_and_refunded_again(db, bought):
    user, order_id, course, asset = bought
    refunds.refund_order(db, ADMIN, order_id, [key(course)], "Mistake")
    with pytest.raises(Conflict):
        buy(db, user, asset)  # still owned
    again = buy(db, user, course)
    assert orders.has_purchased(db, user, "course", course["itemId"])
    # The old order's refund does not touch the new purchase, nor can the old item be refunded twice.
    with pytest.raises(Conflict):
        refunds.refund_order(db, ADMIN, order_id, [key(course)], "Twice")
    assert orders.has_purchased(db, user, "course", course["itemId"])
    refunds.refund_order(db, ADMIN, again["order"]["id"], None, "Mistake again")
    assert not orders.has_purchased(db, user, "course", course["itemId"])


def test_the_learners_orders_show_status_and_refunded_items(db, bought):
    user, order_id, course, _ = bought
    refunds.refund_order(db, ADMIN, order_id, [key(course)], "Mistake")
    [listed] = orders.list_orders(db, user)
    assert listed["status"] == "partially_refunded"
    assert [i["refunded"] for i in listed["items"]] == [True, False]
    assert "refunds" not in listed


def test_staff_list_orders_newest_first_per_user_or_all(db, bought):
    user, order_id, course, _ = bought
    second = buy(db, user, priced("asset", "5.00"))["order"]["id"]
    # One transaction gives both orders its start time: the first is made older.
    db.execute(text("UPDATE commerce.orders SET created_at = created_at - interval '1 minute' WHERE id = :id"), {"id": order_id})
    refunds.refund_order(db, ADMIN, order_id, [key(course)], "Mistake")
    listed = refunds.list_orders_for_staff(db, user, 50)
    assert [o["id"] for o in listed] == [second, order_id]
    assert [len(o["refunds"]) for o in listed] == [0, 1]
    assert len(refunds.list_orders_for_staff(db, None, 1)) == 1
    assert refunds.list_orders_for_staff(db, "not-a-uuid", 50) == []
    assert refunds.get_order_for_staff(db, order_id) == listed[1]
    for limit in (0, 201, "5", True):
        with pytest.raises(InvalidInput):
            refunds.list_orders_for_staff(db, user, limit)


def test_two_refunds_of_one_item_at_once_refund_it_once(database, admin_engine):
    """Two workers, two transactions, committed for real. The first holds
    its refund open until the second is seen waiting on the order's row
    lock; then the second reads the first's refund and is refused."""
    engine = service_engine("commerce", pool_size=3)
    user, course = str(uuid.uuid4()), priced("course", "149.00")
    with Session(engine) as db:
        order_id = buy(db, user, course)["order"]["id"]
        db.commit()
    first_refunded = threading.Event()
    answers, failures = [], []

    def refund(hold: bool):
        try:
            with Session(engine) as db:
                answers.append(refunds.refund_order(db, ADMIN, order_id, [key(course)], "Race"))
                if hold:
                    first_refunded.set()
                    wait_until(lambda: waiting_on_locks(admin_engine) > 0, 10, message="the second refund to wait")
                db.commit()
        except Exception as exc:  # reported below
            failures.append(exc)

    first = threading.Thread(target=refund, args=(True,))
    second = threading.Thread(target=refund, args=(False,))
    try:
        first.start()
        assert first_refunded.wait(10)
        second.start()
        for thread in (first, second):
            thread.join(30)
        with Session(engine) as db:
            count = db.scalar(select(func.count()).select_from(Refund).where(Refund.order_id == order_id))
            events = len(refund_events(db, order_id))
    finally:
        engine.dispose()
    assert len(answers) == 1 and [type(f) for f in failures] == [Conflict], failures
    assert failures[0].code == "ALREADY_REFUNDED"
    assert (count, events) == (1, 1)


def waiting_on_locks(admin_engine) -> int:
    with admin_engine.connect() as conn:
        return conn.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND datname = current_database()"
            )
        )
