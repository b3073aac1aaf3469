"""The sales overview for admins: revenue and orders per day over a period,
refunds and the money refunded per day, and units and revenue per item,
from commerce's own orders and refunds.

An order counts on the day it was placed, for what was paid, even if it was
refunded later; a refund counts on the day it was made (so a day's revenue
less its refunded money is that day's net takings).

Days are UTC calendar days; ``date_from`` and ``date_to`` are both included.
Money is summed in the database as numeric and leaves as "149.00".
"""

from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import Date, cast, func, select
from sqlalchemy.orm import Session

from commerce.models import Order, OrderItem, Refund
from commerce.refunds import PLACED
from shared.errors import InvalidInput
from shared.formats import money

# A longer period is several requests: its per-day rows stay a bounded answer.
MAX_DAYS = 366
DEFAULT_DAYS = 30


def parse_period(date_from, date_to, today: date | None = None) -> tuple[date, date]:
    """The period asked for, each end an ISO date (``2026-11-30``) or None:
    by default the last 30 days up to today. InvalidInput names what is wrong."""
    today = today or datetime.now(timezone.utc).date()
    end = _parse_date(date_to, "to") if date_to is not None else today
    start = _parse_date(date_from, "from") if date_from is not None else end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise InvalidInput("The period ends before it starts", details={"fields": {"from": "After 'to'"}})
    if (end - start).days + 1 > MAX_DAYS:
        raise InvalidInput(
            f"The period is longer than {MAX_DAYS} days", details={"fields": {"from": f"At most {MAX_DAYS} days"}}
        )
    return start, end


def _parse_date(value, field: str) -> date:
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput("Invalid date", details={"fields": {field: "A date as YYYY-MM-DD"}}) from None


def sales(db: Session, date_from=None, date_to=None) -> dict:
    start, end = parse_period(date_from, date_to)
    since = datetime.combine(start, time.min, tzinfo=timezone.utc)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=timezone.utc)
    in_period = (Order.created_at >= since) & (Order.created_at < until) & Order.status.in_(PLACED)
    day = cast(func.timezone("UTC", Order.created_at), Date)
    refunded_in_period = (Refund.created_at >= since) & (Refund.created_at < until)
    refund_day = cast(func.timezone("UTC", Refund.created_at), Date)

    per_day = {
        row.day: row
        for row in db.execute(
            select(day.label("day"), func.count().label("orders"), func.sum(Order.total_amount).label("revenue"))
            .where(in_period)
            .group_by(day)
        )
    }
    refunds_per_day = {
        row.day: row
        for row in db.execute(
            select(refund_day.label("day"), func.count().label("refunds"), func.sum(Refund.amount).label("refunded"))
            .where(refunded_in_period)
            .group_by(refund_day)
        )
    }
    days = []
    for offset in range((end - start).days + 1):
        current = start + timedelta(days=offset)
        row, refunds = per_day.get(current), refunds_per_day.get(current)
        days.append(
            {
                "date": current.isoformat(),
                "orders": row.orders if row else 0,
                "revenue": money(row.revenue if row else 0),
                "refunds": refunds.refunds if refunds else 0,
                "refunded": money(refunds.refunded if refunds else 0),
            }
        )
    items = [
        {"itemType": row.item_type, "itemId": row.item_id, "units": row.units, "revenue": money(row.revenue)}
        for row in db.execute(
            select(
                OrderItem.item_type,
                OrderItem.item_id,
                func.count().label("units"),
                func.sum(OrderItem.price).label("revenue"),
            )
            .join(Order, Order.id == OrderItem.order_id)
            .where(in_period)
            .group_by(OrderItem.item_type, OrderItem.item_id)
            .order_by(func.sum(OrderItem.price).desc(), OrderItem.item_type, OrderItem.item_id)
        )
    ]
    totals = db.execute(
        select(func.count().label("orders"), func.coalesce(func.sum(Order.total_amount), 0).label("revenue")).where(
            in_period
        )
    ).one()
    refund_totals = db.execute(
        select(func.count().label("refunds"), func.coalesce(func.sum(Refund.amount), 0).label("refunded")).where(
            refunded_in_period
        )
    ).one()
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "orders": totals.orders,
        "revenue": money(totals.revenue),
        "refunds": refund_totals.refunds,
        "refunded": money(refund_totals.refunded),
        "days": days,
        "items": items,
    }
