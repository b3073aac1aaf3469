"""Refunds, and orders as staff see them: an admin gives back some items of
an order (or all those not given back yet), with a reason.

A refund, in one transaction: the order row locked (two refunds of one
order take turns, so the second sees what the first refunded), a refund
row and a refund item per item (whose primary key, the order item, makes a
second refund of it impossible even so), the items flagged, the buyer's
purchases of them deleted (``has_purchased`` is false: downloads stop, and
the item can be bought again), the order's status, and the
``order_refunded`` outbox row.
"""

import uuid
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session

from commerce.models import Order, OrderItem, OutboxEvent, Purchase, Refund, RefundItem
from commerce.orders import COMPLETED
from shared.contracts.catalog import ITEM_TYPES
from shared.contracts.commerce import OrderItemPublic, OrderPublic
from shared.contracts.refunds import (
    REASON_MAX_LENGTH,
    STAFF_ORDERS_DEFAULT_LIMIT,
    STAFF_ORDERS_MAX_LIMIT,
    RefundPublic,
    StaffOrder,
)
from shared.errors import Conflict, InvalidInput, NotFound
from shared.events import ORDER_REFUNDED, OrderRefunded
from shared.formats import iso_utc, money, parse_uuid

PARTIALLY_REFUNDED, REFUNDED = "partially_refunded", "refunded"
# An order refunded later still counts as placed on its day (sales.py).
PLACED = (COMPLETED, PARTIALLY_REFUNDED, REFUNDED)


def _order_not_found() -> NotFound:
    return NotFound("Order not found", code="ORDER_NOT_FOUND")


def check_reason(reason) -> str:
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason or len(reason) > REASON_MAX_LENGTH:
        raise InvalidInput(
            "A refund needs a reason", details={"fields": {"reason": f"1 to {REASON_MAX_LENGTH} characters"}}
        )
    return reason


def refund_order(db: Session, actor_id: str, order_id, items, reason) -> dict:
    """Refund ``items`` ([{"itemType", "itemId"}]; None: every item not
    refunded yet) of the order: ``{"refund", "order"}``. NotFound
    ORDER_NOT_FOUND; InvalidInput for a missing reason, an empty list or
    ITEM_NOT_IN_ORDER; Conflict ALREADY_REFUNDED (nothing is written)."""
    reason = check_reason(reason)
    if parse_uuid(actor_id) is None:
        raise InvalidInput("Invalid actor id", code="INVALID_USER")
    order_id = parse_uuid(order_id)
    # Refunds of one order take turns from here (released at commit).
    order = db.scalar(select(Order).where(Order.id == order_id).with_for_update()) if order_id else None
    if order is None:
        raise _order_not_found()
    order_items = _items_of(db, [order.id])[order.id]
    chosen = _chosen_items(order_items, items)
    now = datetime.now(timezone.utc)
    refund = Refund(
        order_id=order.id,
        amount=sum((item.price for item in chosen), Decimal("0.00")),
        reason=reason,
        created_by=actor_id,
        created_at=now,
    )
    db.add(refund)
    db.flush()  # the refund's id, for its items
    db.add_all(RefundItem(order_item_id=item.id, refund_id=refund.id) for item in chosen)
    for item in chosen:
        item.refunded_at = now
    db.execute(
        delete(Purchase).where(
            Purchase.user_id == order.user_id,
            Purchase.order_id == order.id,
            tuple_(Purchase.item_type, Purchase.item_id).in_([(i.item_type, i.item_id) for i in chosen]),
        )
    )
    order.status = REFUNDED if all(item.refunded for item in order_items) else PARTIALLY_REFUNDED
    db.add(_refunded_event(order, refund, chosen))
    db.flush()
    return {"refund": _refund_wire(refund, chosen), "order": staff_orders(db, [order])[0]}


def _chosen_items(order_items: list[OrderItem], items) -> list[OrderItem]:
    """The order's items that ``items`` names (None: those not refunded yet)."""
    if items is None:
        chosen = [item for item in order_items if not item.refunded]
        if not chosen:
            raise Conflict("Every item of this order is refunded already", code="ALREADY_REFUNDED")
        return chosen
    if not isinstance(items, list) or not items:
        raise InvalidInput("Name at least one item to refund", details={"fields": {"items": "at least one item"}})
    by_key = {(item.item_type, item.item_id): item for item in order_items}
    chosen = []
    for asked in items:
        asked = asked if isinstance(asked, dict) else {}
        key = (asked.get("itemType"), parse_uuid(asked.get("itemId")))
        item = by_key.get(key) if key[0] in ITEM_TYPES else None
        if item is None:
            raise InvalidInput(
                "This item is not part of the order",
                code="ITEM_NOT_IN_ORDER",
                details={"itemType": str(asked.get("itemType")), "itemId": str(asked.get("itemId"))},
            )
        if item not in chosen:  # named twice: refunded once
            chosen.append(item)
    refunded = [item for item in chosen if item.refunded]
    if refunded:
        raise Conflict(
            "This item is refunded already" if len(refunded) == 1 else "Some of these items are refunded already",
            code="ALREADY_REFUNDED",
            details={"items": [{"itemType": i.item_type, "itemId": i.item_id} for i in refunded]},
        )
    return chosen


def _refunded_event(order: Order, refund: Refund, items: list[OrderItem]) -> OutboxEvent:
    event = OrderRefunded(
        event_id=str(uuid.uuid4()),
        refund_id=refund.id,
        order_id=order.id,
        user_id=order.user_id,
        items=[{"itemType": i.item_type, "itemId": i.item_id} for i in items],
        amount=money(refund.amount),
        reason=refund.reason,
        occurred_at=iso_utc(refund.created_at),
    )
    return OutboxEvent(
        id=event.event_id, event_type=ORDER_REFUNDED, aggregate_id=order.id, payload=event.to_payload()
    )


def list_orders_for_staff(db: Session, user_id=None, limit=STAFF_ORDERS_DEFAULT_LIMIT) -> list[dict]:
    """Orders newest first (one user's, or everyone's), each with its items
    and refunds. InvalidInput for a limit outside 1..200; a malformed user
    id names no one, and has no orders."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= STAFF_ORDERS_MAX_LIMIT:
        raise InvalidInput("Invalid limit", details={"fields": {"limit": f"1 to {STAFF_ORDERS_MAX_LIMIT}"}})
    query = select(Order).order_by(Order.created_at.desc(), Order.id).limit(limit)
    if user_id is not None:
        if parse_uuid(user_id) is None:
            return []
        query = query.where(Order.user_id == parse_uuid(user_id))
    return staff_orders(db, db.scalars(query).all())


def get_order_for_staff(db: Session, order_id) -> dict:
    """One order with its items and refunds. NotFound ORDER_NOT_FOUND."""
    order_id = parse_uuid(order_id)
    order = db.get(Order, order_id) if order_id else None
    if order is None:
        raise _order_not_found()
    return staff_orders(db, [order])[0]


def staff_orders(db: Session, orders: list[Order]) -> list[dict]:
    """``orders`` as StaffOrder: three queries for all of them."""
    ids = [order.id for order in orders]
    items = _items_of(db, ids)
    refunds: dict[str, list[dict]] = {order_id: [] for order_id in ids}
    if ids:
        refund_rows = db.scalars(
            select(Refund).where(Refund.order_id.in_(ids)).order_by(Refund.created_at, Refund.id)
        ).all()
        refunded_items: dict[str, list[OrderItem]] = {refund.id: [] for refund in refund_rows}
        for refund_id, item in db.execute(
            select(RefundItem.refund_id, OrderItem)
            .join(OrderItem, OrderItem.id == RefundItem.order_item_id)
            .where(OrderItem.order_id.in_(ids))
            .order_by(OrderItem.position)
        ).all():
            refunded_items[refund_id].append(item)
        for refund in refund_rows:
            refunds[refund.order_id].append(_refund_wire(refund, refunded_items[refund.id]))
    return [
        StaffOrder.to_wire(
            {
                **{name: getattr(order, name) for name in OrderPublic.model_fields},
                "items": [{name: getattr(i, name) for name in OrderItemPublic.model_fields} for i in items[order.id]],
                "refunds": refunds[order.id],
            }
        )
        for order in orders
    ]


def _items_of(db: Session, order_ids: list[str]) -> dict[str, list[OrderItem]]:
    found: dict[str, list[OrderItem]] = {order_id: [] for order_id in order_ids}
    if order_ids:
        for item in db.scalars(
            select(OrderItem).where(OrderItem.order_id.in_(order_ids)).order_by(OrderItem.position)
        ):
            found[item.order_id].append(item)
    return found


def _refund_wire(refund: Refund, items: list[OrderItem]) -> dict:
    return RefundPublic.to_wire(
        {
            "id": refund.id,
            "order_id": refund.order_id,
            "amount": refund.amount,
            "reason": refund.reason,
            "created_at": refund.created_at,
            "created_by": refund.created_by,
            "items": [{"item_type": i.item_type, "item_id": i.item_id, "price": i.price} for i in items],
        }
    )
