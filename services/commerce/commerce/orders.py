"""Orders: checkout rules, and the order, its items, the buyer's purchases and
the "order completed" outbox row written in one transaction."""

import hashlib
import json
import re
import uuid
from decimal import Decimal
from typing import Callable

from sqlalchemy import func, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from commerce import coupons
from commerce.models import Coupon, Order, OrderItem, OutboxEvent, Purchase
from shared.contracts.catalog import ITEM_TYPES, PricedItem
from shared.contracts.commerce import (
    IDEMPOTENCY_KEY_MAX_LENGTH,
    IDEMPOTENCY_KEY_PATTERN,
    MAX_ORDER_ITEMS,
    OrderCreated,
    OrderPublic,
    OrderWithItems,
    Receipt,
)
from shared.errors import Conflict, InvalidInput, NotFound, Unprocessable
from shared.events import ORDER_COMPLETED, OrderCompleted
from shared.formats import parse_uuid

COMPLETED = "completed"

PriceItems = Callable[[list[dict]], list[dict]]


def check_items(items) -> list[dict]:
    """The items of a checkout as ``[{"itemType", "itemId"}]`` with canonical
    ids. InvalidInput: none, more than MAX_ORDER_ITEMS, an unknown type, the same
    item twice. NotFound: a malformed id (it names nothing we sell)."""
    if not isinstance(items, list) or not items:
        raise InvalidInput("An order needs at least one item", code="EMPTY_ORDER")
    if len(items) > MAX_ORDER_ITEMS:
        raise InvalidInput(f"An order holds at most {MAX_ORDER_ITEMS} items", code="TOO_MANY_ITEMS")
    checked, seen = [], set()
    for item in items:
        item_type = item.get("itemType") if isinstance(item, dict) else None
        if item_type not in ITEM_TYPES:
            raise InvalidInput(
                "Unknown item type",
                code="INVALID_ITEM_TYPE",
                details={"itemType": str(item_type), "allowed": ", ".join(ITEM_TYPES)},
            )
        item_id = parse_uuid(item.get("itemId"))
        if item_id is None:
            raise NotFound(
                "Item not found", code="ITEM_NOT_FOUND", details={"itemId": str(item.get("itemId"))}
            )
        if (item_type, item_id) in seen:
            raise InvalidInput(
                "The same item is in the order twice", code="DUPLICATE_ITEM", details={"itemId": item_id}
            )
        seen.add((item_type, item_id))
        checked.append({"itemType": item_type, "itemId": item_id})
    return checked


def order_total(prices) -> Decimal:
    return sum((Decimal(price) for price in prices), Decimal("0.00")).quantize(Decimal("0.01"))


def _ensure_not_owned(db: Session, user_id: str, items: list[dict]) -> None:
    keys = [(item["itemType"], item["itemId"]) for item in items]
    owned = db.execute(
        select(Purchase.item_type, Purchase.item_id).where(
            Purchase.user_id == user_id, tuple_(Purchase.item_type, Purchase.item_id).in_(keys)
        )
    ).all()
    if owned:
        raise Conflict(
            "You already own this item" if len(owned) == 1 else "You already own some of these items",
            code="ALREADY_PURCHASED",
            details={"items": [{"itemType": t, "itemId": i} for t, i in owned]},
        )


def check_idempotency_key(key) -> str | None:
    """``key`` if it is a valid Idempotency-Key (or None); InvalidInput otherwise."""
    if key is None:
        return None
    if (
        not isinstance(key, str)
        or len(key) > IDEMPOTENCY_KEY_MAX_LENGTH
        or not re.fullmatch(IDEMPOTENCY_KEY_PATTERN, key)
    ):
        raise InvalidInput("Invalid Idempotency-Key", code="INVALID_IDEMPOTENCY_KEY")
    return key


def request_digest(items: list[dict], coupon_code: str | None = None) -> str:
    """What tells two requests under one key apart: their checked items, in
    order, and the coupon code if any (an order without one keeps the digest
    it always had)."""
    request = items if coupon_code is None else {"items": items, "couponCode": coupon_code}
    return hashlib.sha256(json.dumps(request, sort_keys=True).encode()).hexdigest()


def create_order(
    db: Session,
    user_id: str,
    items,
    price_items: PriceItems,
    request_id: str | None = None,
    idempotency_key: str | None = None,
    coupon_code: str | None = None,
) -> dict:
    """Check ``items``, price them with ``price_items`` (catalog's answer, the
    only source of prices) and record a completed order: the order, its
    items, the buyer's purchases and the order completed outbox event.
    Returns ``{"order", "items"}``. InvalidInput and NotFound as
    ``check_items``; Conflict ALREADY_PURCHASED, and nothing written, when
    the user already owns one of the items.

    With an ``idempotency_key``, the user's order placed under that key, if
    any, is the answer, as when it was placed (a retry, or the broker's
    redelivery after a crash); Unprocessable IDEMPOTENCY_KEY_REUSED if that
    order was for other items or another coupon.

    With a ``coupon_code``, its discount is shared among the eligible items
    (each item's price is what is paid for it) and its redemption counted in
    this transaction, the coupon's row locked: InvalidInput as
    ``coupons.usable_coupon`` and ``coupons.item_discounts``."""
    user_id = parse_uuid(user_id)
    if user_id is None:
        raise InvalidInput("Invalid user id", code="INVALID_USER")
    items = check_items(items)
    code = coupons.normalize_code(coupon_code)
    key, digest = check_idempotency_key(idempotency_key), request_digest(items, code)
    if key is not None:
        # Calls with one key take turns (until the first commits), so the
        # second finds the first's order instead of racing it to the items.
        db.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(f"{user_id}:{key}", 0))))
        placed = _placed_under_key(db, user_id, key, digest)
        if placed is not None:
            return placed
    _ensure_not_owned(db, user_id, items)
    priced = _priced_by_item(price_items(items))
    try:
        with db.begin_nested():  # a lost race undoes this order, not the caller's transaction
            # Locked from here to the commit: the coupon's limits, checked
            # now, still hold when its redemption is counted.
            coupon = coupons.usable_coupon(db, code, user_id, lock=True) if code else None
            order, rows = _add_order(db, user_id, items, priced, key, digest, coupon)
            if coupon is not None:
                coupons.redeem(db, coupon, user_id, order.id)
            db.add(_completed_event(order, rows, request_id))
    except IntegrityError as exc:
        # Another order of this user bought the same item in the meantime.
        raise Conflict("You already own this item", code="ALREADY_PURCHASED") from exc
    return OrderCreated.to_wire({"order": order, "items": rows})


def _placed_under_key(db: Session, user_id: str, key: str, digest: str) -> dict | None:
    order = db.scalar(select(Order).where(Order.user_id == user_id, Order.idempotency_key == key))
    if order is None:
        return None
    if order.request_digest != digest:
        raise Unprocessable(
            "This Idempotency-Key was used for another order",
            code="IDEMPOTENCY_KEY_REUSED",
            details={"orderId": order.id},
        )
    rows = db.scalars(
        select(OrderItem).where(OrderItem.order_id == order.id).order_by(OrderItem.position)
    ).all()
    return OrderCreated.to_wire({"order": order, "items": rows})


def _priced_by_item(priced_items: list[dict]) -> dict[tuple[str, str], PricedItem]:
    priced = [PricedItem.from_wire(p) for p in priced_items]
    return {(p.item_type, parse_uuid(p.item_id)): p for p in priced}


def _add_order(
    db: Session,
    user_id: str,
    items: list[dict],
    priced: dict[tuple[str, str], PricedItem],
    idempotency_key: str | None,
    digest: str,
    coupon: Coupon | None = None,
):
    item_prices = list_prices(items, {key: p.price for key, p in priced.items()})
    # A coupon's share comes off each item: its price is what was paid for it.
    discounts = (
        coupons.item_discounts(db, coupon, items, item_prices) if coupon else [Decimal("0.00")] * len(items)
    )
    item_prices = [price - discount for price, discount in zip(item_prices, discounts, strict=True)]
    total = order_total(item_prices)
    order = Order(
        user_id=user_id,
        total_amount=total,
        status=COMPLETED,
        idempotency_key=idempotency_key,
        request_digest=digest,
        discount=order_total(discounts),
        coupon_code=coupon.code if coupon else None,
    )
    db.add(order)
    db.flush()  # the order's id, for its items
    rows = [
        OrderItem(
            order_id=order.id,
            item_type=i["itemType"],
            item_id=i["itemId"],
            price=price,
            title=priced[i["itemType"], i["itemId"]].title,
            position=n,
        )
        for n, (i, price) in enumerate(zip(items, item_prices, strict=True))
    ]
    db.add_all(rows)
    db.add_all(
        Purchase(user_id=user_id, item_type=i["itemType"], item_id=i["itemId"], order_id=order.id)
        for i in items
    )
    db.flush()  # the items' ids, which the receipt in the order's event names
    return order, rows


def list_prices(items: list[dict], prices: dict[tuple[str, str], Decimal]) -> list[Decimal]:
    """The catalog price of each item, in order; NotFound for one catalog did not price."""
    item_prices = []
    for item in items:
        price = prices.get((item["itemType"], item["itemId"]))
        if price is None:  # catalog did not price it: not for sale
            raise NotFound("Item not found", code="ITEM_NOT_FOUND", details={"itemId": item["itemId"]})
        item_prices.append(price)
    return item_prices


def _completed_event(order: Order, rows: list[OrderItem], request_id) -> OutboxEvent:
    event = OrderCompleted(
        event_id=str(uuid.uuid4()),
        order_id=order.id,
        user_id=order.user_id,
        course_ids=[row.item_id for row in rows if row.item_type == "course"],
        asset_ids=[row.item_id for row in rows if row.item_type == "asset"],
        request_id=request_id,
        receipt=Receipt.to_wire({**_attributes(order), "items": rows}),
    )
    return OutboxEvent(
        id=event.event_id, event_type=ORDER_COMPLETED, aggregate_id=order.id, payload=event.to_payload()
    )


def list_orders(db: Session, user_id: str) -> list[dict]:
    """The user's orders, newest first, each with its items: two queries."""
    user_id = parse_uuid(user_id)
    if user_id is None:
        return []
    orders = db.scalars(
        select(Order).where(Order.user_id == user_id).order_by(Order.created_at.desc(), Order.id)
    ).all()
    items_by_order: dict[str, list[dict]] = {order.id: [] for order in orders}
    if orders:
        for item in db.scalars(
            select(OrderItem).where(OrderItem.order_id.in_(list(items_by_order))).order_by(OrderItem.position)
        ):
            items_by_order[item.order_id].append(item)
    return [OrderWithItems.to_wire({**_attributes(order), "items": items_by_order[order.id]}) for order in orders]


def _attributes(order: Order) -> dict:
    return {name: getattr(order, name) for name in OrderPublic.model_fields}


def has_purchased(db: Session, user_id: str, item_type: str, item_id: str) -> bool:
    user_id, item_id = parse_uuid(user_id), parse_uuid(item_id)
    if user_id is None or item_id is None or item_type not in ITEM_TYPES:
        return False
    return db.get(Purchase, (user_id, item_type, item_id)) is not None
