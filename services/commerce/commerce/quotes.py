"""Quotes: what an order would cost, coupon included, before it is placed;
computed as checkout computes it (commerce/orders.py), nothing written."""

from decimal import Decimal

from sqlalchemy.orm import Session

from commerce import coupons, orders
from shared.contracts.catalog import PricedItem
from shared.contracts.coupons import OrderQuote
from shared.errors import InvalidInput
from shared.formats import parse_uuid


def quote(db: Session, user_id: str, items, coupon_code, price_items: orders.PriceItems) -> dict:
    """``OrderQuote`` for ``items`` with ``coupon_code`` (or none): the
    catalog's prices, each item's share of the discount and the totals.
    The errors of checkout: InvalidInput and NotFound as ``check_items``,
    Conflict ALREADY_PURCHASED, and the coupon's InvalidInput codes
    (whether the user may still use it is checked, nothing is counted)."""
    user_id = parse_uuid(user_id)
    if user_id is None:
        raise InvalidInput("Invalid user id", code="INVALID_USER")
    items = orders.check_items(items)
    code = coupons.normalize_code(coupon_code)
    orders._ensure_not_owned(db, user_id, items)  # checkout would answer 409 too
    priced = {(p.item_type, parse_uuid(p.item_id)): p for p in map(PricedItem.from_wire, price_items(items))}
    prices = orders.list_prices(items, {key: p.price for key, p in priced.items()})
    discounts = [Decimal("0.00")] * len(items)
    coupon = coupons.usable_coupon(db, code, user_id, lock=False) if code else None
    if coupon is not None:
        discounts = coupons.item_discounts(db, coupon, items, prices)
    subtotal, discount = orders.order_total(prices), orders.order_total(discounts)
    lines = [
        {**item, "title": priced[(item["itemType"], item["itemId"])].title, "price": price, "discount": share}
        for item, price, share in zip(items, prices, discounts, strict=True)
    ]
    return OrderQuote.to_wire(
        {
            "subtotal": subtotal,
            "discount": discount,
            "total": subtotal - discount,
            "coupon_code": coupon.code if coupon else None,
            "items": lines,
        }
    )
