"""The sales overview against a known set of orders (commerce/sales.py)."""

import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from commerce import sales
from commerce.models import Order, OrderItem, Refund
from shared.errors import InvalidInput

COURSE, ASSET = str(uuid.uuid4()), str(uuid.uuid4())


def order(db, when: datetime, *items: tuple[str, str, str], status: str = "completed") -> Order:
    placed = Order(
        user_id=str(uuid.uuid4()),
        total_amount=sum(Decimal(price) for _, _, price in items),
        status=status,
        created_at=when,
    )
    db.add(placed)
    db.flush()
    for position, (item_type, item_id, price) in enumerate(items):
        db.add(OrderItem(order_id=placed.id, item_type=item_type, item_id=item_id, price=Decimal(price), position=position))
    db.flush()
    return placed


def refund(db, placed: Order, when: datetime, amount: str, status: str) -> None:
    db.add(Refund(order_id=placed.id, amount=Decimal(amount), reason="r", created_by=str(uuid.uuid4()), created_at=when))
    placed.status = status
    db.flush()


@pytest.fixture
def known_orders(db):
    # Far in the past, so that no other test's orders fall in the period.
    first = order(db, datetime(2001, 3, 1, 23, 59, tzinfo=timezone.utc), ("course", COURSE, "149.00"))
    both = order(
        db, datetime(2001, 3, 3, 0, 0, tzinfo=timezone.utc), ("course", COURSE, "149.00"), ("asset", ASSET, "29.50")
    )
    order(db, datetime(2001, 3, 3, 12, 0, tzinfo=timezone.utc), ("asset", ASSET, "29.50"))
    order(db, datetime(2001, 3, 3, 13, 0, tzinfo=timezone.utc), ("asset", ASSET, "29.50"), status="pending")
    later = order(db, datetime(2001, 3, 4, 0, 0, tzinfo=timezone.utc), ("course", COURSE, "149.00"))  # the day after
    # Refunds count on their own day; their orders still count on theirs.
    refund(db, first, datetime(2001, 3, 3, 9, 0, tzinfo=timezone.utc), "149.00", "refunded")
    refund(db, both, datetime(2001, 3, 3, 10, 0, tzinfo=timezone.utc), "29.50", "partially_refunded")
    refund(db, later, datetime(2001, 3, 4, 1, 0, tzinfo=timezone.utc), "149.00", "refunded")  # the day after
    return db


def test_revenue_and_orders_per_day_and_per_item(known_orders):
    overview = sales.sales(known_orders, "2001-03-01", "2001-03-03")
    assert overview["from"] == "2001-03-01" and overview["to"] == "2001-03-03"
    assert overview["orders"] == 3 and overview["revenue"] == "357.00"
    assert overview["refunds"] == 2 and overview["refunded"] == "178.50"
    assert overview["days"] == [
        {"date": "2001-03-01", "orders": 1, "revenue": "149.00", "refunds": 0, "refunded": "0.00"},
        {"date": "2001-03-02", "orders": 0, "revenue": "0.00", "refunds": 0, "refunded": "0.00"},
        {"date": "2001-03-03", "orders": 2, "revenue": "208.00", "refunds": 2, "refunded": "178.50"},
    ]
    assert overview["items"] == [
        {"itemType": "course", "itemId": COURSE, "units": 2, "revenue": "298.00"},
        {"itemType": "asset", "itemId": ASSET, "units": 2, "revenue": "59.00"},
    ]


def test_an_empty_period_has_a_row_per_day(db):
    overview = sales.sales(db, "1999-01-01", "1999-01-02")
    assert overview["orders"] == 0 and overview["revenue"] == "0.00" and overview["items"] == []
    assert overview["refunds"] == 0 and overview["refunded"] == "0.00"
    assert [d["date"] for d in overview["days"]] == ["1999-01-01", "1999-01-02"]


def test_the_default_period_is_the_last_30_days():
    assert sales.parse_period(None, None, today=date(2026, 12, 1)) == (date(2026, 11, 2), date(2026, 12, 1))


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [("2026-02-30", None), (None, "12/01/2026"), ("2026-12-02", "2026-12-01"), ("2025-01-01", "2026-12-01"), (5, None)],
)
def test_a_bad_period_is_invalid_input(date_from, date_to):
    with pytest.raises(InvalidInput):
        sales.parse_period(date_from, date_to, today=date(2026, 12, 1))
