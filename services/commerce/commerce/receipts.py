"""Receipts: one of the user's orders, each item with the price paid and the
title it was bought under."""

from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from commerce.models import Order, OrderItem
from shared.contracts.commerce import OrderItemPublic, OrderPublic, Receipt
from shared.errors import NotFound
from shared.formats import parse_uuid

NameItems = Callable[[list[dict]], list[dict]]


def get_receipt(db: Session, user_id: str, order_id, name_items: NameItems) -> dict:
    """The user's order ``order_id`` as its receipt shows it: ``Receipt``.
    Each item is named as it was bought; ``name_items`` (catalog's
    ``price_items``) is asked only for the items of an order placed before
    titles were kept. NotFound ORDER_NOT_FOUND for an unknown or malformed
    id and for someone else's order alike."""
    user_id, order_id = parse_uuid(user_id), parse_uuid(order_id)
    order = db.get(Order, order_id) if order_id else None
    if order is None or order.user_id != user_id:
        raise NotFound("Order not found", code="ORDER_NOT_FOUND")
    items = db.scalars(
        select(OrderItem).where(OrderItem.order_id == order.id).order_by(OrderItem.position)
    ).all()
    titles = _titles([item for item in items if item.title is None], name_items)
    lines = [
        {**_attributes(item, OrderItemPublic), "title": item.title or titles.get(_key(item)) or _untitled(item)}
        for item in items
    ]
    return Receipt.to_wire({**_attributes(order, OrderPublic), "items": lines})


def _attributes(row, shape) -> dict:
    return {name: getattr(row, name) for name in shape.model_fields}


def _key(item: OrderItem) -> tuple[str, str]:
    return item.item_type, item.item_id


def _untitled(item: OrderItem) -> str:
    return f"{item.item_type.capitalize()} {item.item_id}"


def _titles(items: list[OrderItem], name_items: NameItems) -> dict[tuple[str, str], str]:
    """The title of each item, by (type, id); none when catalog no longer
    has one of them (it answers NotFound for the lot): the receipt still
    stands, each item named by its kind and id."""
    if not items:
        return {}
    try:
        named = name_items([{"itemType": item.item_type, "itemId": item.item_id} for item in items])
    except NotFound:
        return {}
    return {(line["itemType"], parse_uuid(line["itemId"])): line["title"] for line in named}
