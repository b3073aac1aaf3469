"""Orders: checkout rules, and the order, its items, the buyer's purchases and
the "order completed" outbox row written in one transaction."""

import uuid
from decimal import Decimal

from sqlalchemy import select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from commerce.models import Order, OrderItem, OutboxEvent, Purchase
from shared.errors import Conflict, InvalidInput, NotFound
from shared.events import ORDER_COMPLETED, OrderCompleted
from shared.formats import iso_utc, money, parse_uuid

ITEM_TYPES = ("course", "asset")
MAX_ITEMS = 50
COMPLETED = "completed"


def order_to_public(order: Order) -> dict:
    return {
        "id": order.id,
        "userId": order.user_id,
        "totalAmount": money(order.total_amount),
        "status": order.status,
        "createdAt": iso_utc(order.created_at),
    }


def item_to_public(item: OrderItem) -> dict:
    return {
        "id": item.id,
        "orderId": item.order_id,
        "itemType": item.item_type,
        "itemId": item.item_id,
        "price": money(item.price),
    }


def check_items(items) -> list[dict]:
    """The items of a checkout as ``[{"itemType", "itemId"}]`` with canonical
    ids. InvalidInput: none, more than MAX_ITEMS, an unknown type, the same
    item twice. NotFound: a malformed id (it names nothing we sell)."""
    if not isinstance(items, list) or not items:
        raise InvalidInput("An order needs at least one item", code="EMPTY_ORDER")
    if len(items) > MAX_ITEMS:
        raise InvalidInput(f"An order holds at most {MAX_ITEMS} items", code="TOO_MANY_ITEMS")
    checked, seen = [], set()
    for item in items:
        item_type = item.get("itemType") if isinstance(item, dict) else None
        if item_type not in ITEM_TYPES:
            raise InvalidInput(
                "Unknown item type",
                code="INVALID_ITEM_TYPE",
                details={"itemType": str(item_type), "allowed": "course, asset"},
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


def create_order(
    db: Session, user_id: str, items: list[dict], priced_items: list[dict], request_id=None
) -> dict:
    """Record a completed order at the prices ``priced_items`` (from catalog,
    in the order of ``items``) and its outbox event; commit once. Returns
    ``{"order", "items"}``. Conflict ALREADY_PURCHASED, and nothing written,
    when the user already owns one of the items."""
    items = check_items(items)
    if [(p["itemType"], parse_uuid(p["itemId"])) for p in priced_items] != [
        (i["itemType"], i["itemId"]) for i in items
    ]:
        raise ValueError("priced items do not match the order's items")
    user_id = parse_uuid(user_id)
    if user_id is None:
        raise InvalidInput("Invalid user id", code="INVALID_USER")
    _ensure_not_owned(db, user_id, items)
    try:
        order, rows = _add_order(db, user_id, items, priced_items)
        db.add(_completed_event(order, items, request_id))
        db.commit()
    except IntegrityError as exc:
        # Another order of this user bought the same item in the meantime.
        db.rollback()
        raise Conflict("You already own this item", code="ALREADY_PURCHASED") from exc
    return {"order": order_to_public(order), "items": [item_to_public(row) for row in rows]}


def _add_order(db: Session, user_id: str, items: list[dict], priced_items: list[dict]):
    total = order_total(p["price"] for p in priced_items)
    order = Order(user_id=user_id, total_amount=total, status=COMPLETED)
    db.add(order)
    db.flush()  # the order's id, for its items
    rows = [
        OrderItem(
            order_id=order.id,
            item_type=i["itemType"],
            item_id=i["itemId"],
            price=Decimal(p["price"]),
            position=n,
        )
        for n, (i, p) in enumerate(zip(items, priced_items, strict=True))
    ]
    db.add_all(rows)
    db.add_all(
        Purchase(user_id=user_id, item_type=i["itemType"], item_id=i["itemId"], order_id=order.id)
        for i in items
    )
    db.flush()  # ids and defaults of the items, for the reply
    return order, rows


def _completed_event(order: Order, items: list[dict], request_id) -> OutboxEvent:
    event = OrderCompleted(
        event_id=str(uuid.uuid4()),
        order_id=order.id,
        user_id=order.user_id,
        course_ids=[i["itemId"] for i in items if i["itemType"] == "course"],
        asset_ids=[i["itemId"] for i in items if i["itemType"] == "asset"],
        request_id=request_id,
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
            items_by_order[item.order_id].append(item_to_public(item))
    return [{**order_to_public(order), "items": items_by_order[order.id]} for order in orders]


def has_purchased(db: Session, user_id: str, item_type: str, item_id: str) -> bool:
    user_id, item_id = parse_uuid(user_id), parse_uuid(item_id)
    if user_id is None or item_id is None or item_type not in ITEM_TYPES:
        return False
    return db.get(Purchase, (user_id, item_type, item_id)) is not None
