"""Checkout under an Idempotency-Key, on the real database as the `commerce`
role: one order per key and user, however often the call comes."""

import threading
import uuid

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from commerce import orders
from commerce.models import Order, OutboxEvent
from shared.db import service_engine
from shared.errors import Conflict, Unprocessable
from tests.support.suite import wait_until


def priced(item_type, price, item_id=None):
    return {"itemType": item_type, "itemId": item_id or str(uuid.uuid4()), "title": "T", "price": price}


def buy(db, user_id, key, *priced_items, price_items=None):
    items = [{"itemType": p["itemType"], "itemId": p["itemId"]} for p in priced_items]
    return orders.create_order(
        db, user_id, items, price_items or (lambda _items: list(priced_items)), idempotency_key=key
    )


def orders_and_events(db, user_id) -> tuple[int, int]:
    placed = db.scalar(select(func.count()).select_from(Order).where(Order.user_id == user_id))
    events = db.scalar(
        select(func.count()).select_from(OutboxEvent).where(OutboxEvent.payload["userId"].astext == user_id)
    )
    return placed, events


def test_the_same_key_answers_the_same_order_without_placing_another(db):
    user, course = str(uuid.uuid4()), priced("course", "149.00")
    first = buy(db, user, "attempt-1", course)

    def not_asked(_items):
        raise AssertionError("a replay asks catalog nothing")

    # What a redelivery after a crash, or the client's retry, sends again:
    # the items are owned by now, and the answer is still the order.
    again = [buy(db, user, "attempt-1", course, price_items=not_asked) for _ in range(3)]
    assert again == [first] * 3
    assert orders_and_events(db, user) == (1, 1)


def test_the_same_key_for_other_items_is_unprocessable_and_writes_nothing(db):
    user, course = str(uuid.uuid4()), priced("course", "149.00")
    first = buy(db, user, "attempt-1", course)
    for other in ([priced("asset", "29.00")], [course, priced("asset", "29.00")]):
        with pytest.raises(Unprocessable) as raised:
            buy(db, user, "attempt-1", *other)
        assert raised.value.code == "IDEMPOTENCY_KEY_REUSED"
        assert raised.value.details == {"orderId": first["order"]["id"]}
    assert orders_and_events(db, user) == (1, 1)


def test_a_key_belongs_to_its_user(db):
    course = priced("course", "149.00")
    ann, bob = str(uuid.uuid4()), str(uuid.uuid4())
    assert buy(db, ann, "attempt-1", course)["order"]["userId"] == ann
    assert buy(db, bob, "attempt-1", course)["order"]["userId"] == bob


def test_a_new_key_for_something_owned_is_still_a_conflict(db):
    user, course = str(uuid.uuid4()), priced("course", "149.00")
    buy(db, user, "attempt-1", course)
    with pytest.raises(Conflict):
        buy(db, user, "attempt-2", course)


def test_two_calls_at_once_with_one_key_place_one_order(database, admin_engine):
    """As when a retry overtakes its redelivered first try: two workers, two
    transactions, committed for real (a user of its own keeps them apart).
    The first holds on while it prices, until the second is seen waiting on
    the key's lock; without the lock the second would place an order too, or
    hit the first's purchases (409)."""
    user, course = str(uuid.uuid4()), priced("course", "149.00")
    engine = service_engine("commerce", pool_size=2)
    first_priced = threading.Event()
    answers, failures = [], []

    def price_items(_items):
        first_priced.set()
        wait_until(lambda: waiting_on_advisory_locks(admin_engine) > 0, 10, message="the second call to wait")
        return [course]

    def checkout(price_items):
        try:
            with Session(engine) as db:
                answers.append(buy(db, user, "attempt-1", course, price_items=price_items))
                db.commit()
        except Exception as exc:  # reported below
            failures.append(exc)

    first = threading.Thread(target=checkout, args=(price_items,))
    second = threading.Thread(target=checkout, args=(lambda _items: [course],))
    try:
        first.start()
        assert first_priced.wait(10)
        second.start()
        for thread in (first, second):
            thread.join(30)
        with Session(engine) as db:
            placed = orders_and_events(db, user)
    finally:
        engine.dispose()
    assert failures == [] and len(answers) == 2, failures
    assert answers[0] == answers[1]
    assert placed == (1, 1)


def waiting_on_advisory_locks(admin_engine) -> int:
    with admin_engine.connect() as conn:
        return conn.scalar(
            text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            )
        )
