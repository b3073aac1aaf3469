"""The cart: what a user means to buy, kept by commerce so that it follows
the user from browser to browser and never shows to the next person on the
same one. A line is ``{"itemType", "itemId"}``; prices stay catalog's, read
at checkout.

A visitor's cart lives in the browser; at login the browser hands it over
and ``merge`` adds it to the user's cart, leaving out (and naming) what the
user already owns.
"""

from sqlalchemy import delete, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from commerce.models import CartItem, Purchase
from commerce.orders import PriceItems, check_items
from shared.contracts.commerce import MAX_ORDER_ITEMS
from shared.errors import InvalidInput, NotFound
from shared.formats import parse_uuid


def _user(user_id) -> str:
    parsed = parse_uuid(user_id)
    if parsed is None:
        raise InvalidInput("Malformed user id", code="INVALID_USER")
    return parsed


def _lines(db: Session, user_id: str) -> list[dict]:
    rows = db.execute(
        select(CartItem.item_type, CartItem.item_id)
        .where(CartItem.user_id == user_id)
        .order_by(CartItem.position, CartItem.added_at)
    ).all()
    return [{"itemType": item_type, "itemId": item_id} for item_type, item_id in rows]


def get_cart(db: Session, user_id: str) -> dict:
    """``{"items": [line]}``, in the order they were added."""
    return {"items": _lines(db, _user(user_id))}


def _owned(db: Session, user_id: str, lines: list[dict]) -> set[tuple[str, str]]:
    if not lines:
        return set()
    keys = [(line["itemType"], line["itemId"]) for line in lines]
    rows = db.execute(
        select(Purchase.item_type, Purchase.item_id).where(
            Purchase.user_id == user_id, tuple_(Purchase.item_type, Purchase.item_id).in_(keys)
        )
    ).all()
    return {(item_type, item_id) for item_type, item_id in rows}


def _checked(lines, price_items: PriceItems) -> list[dict]:
    """Lines as check_items accepts them, each one something catalog sells
    (NotFound otherwise). An empty cart is fine."""
    if lines == []:
        return []
    if not isinstance(lines, list):
        raise InvalidInput("A cart is a list of items", code="INVALID_CART")
    checked = check_items(lines)
    price_items(checked)
    return checked


def _store(db: Session, user_id: str, lines: list[dict]) -> None:
    db.execute(delete(CartItem).where(CartItem.user_id == user_id))
    if lines:
        db.execute(
            insert(CartItem).values(
                [
                    {"user_id": user_id, "item_type": line["itemType"], "item_id": line["itemId"], "position": i}
                    for i, line in enumerate(lines)
                ]
            )
        )


def replace_cart(db: Session, user_id: str, lines, price_items: PriceItems) -> dict:
    """Make the cart exactly ``lines`` (the web app sends the whole cart on
    each change): ``{"items"}``. InvalidInput/NotFound as at checkout, for
    a bad line; nothing changes then. Owned items are refused like at
    checkout, since they could never be bought."""
    user_id = _user(user_id)
    checked = _checked(lines, price_items)
    owned = _owned(db, user_id, checked)
    if owned:
        raise InvalidInput(
            "You already own an item in this cart",
            code="ALREADY_OWNED",
            details={"items": [{"itemType": t, "itemId": i} for t, i in sorted(owned)]},
        )
    _store(db, user_id, checked)
    return {"items": checked}


def merge_cart(db: Session, user_id: str, lines, price_items: PriceItems) -> dict:
    """Add a visitor's cart (``lines``) to the user's, without doubles and
    without what the user owns: ``{"items", "removed"}``, ``removed`` being
    the owned lines left out (from either cart), for the web app to say so.
    Lines catalog does not sell are left out too: a visitor's cart may be
    older than the catalog."""
    user_id = _user(user_id)
    current = _lines(db, user_id)
    seen = {(line["itemType"], line["itemId"]) for line in current}
    incoming = []
    for line in lines if isinstance(lines, list) else []:
        try:
            checked = check_items([line])[0]
        except (InvalidInput, NotFound):
            continue
        if (checked["itemType"], checked["itemId"]) not in seen:
            seen.add((checked["itemType"], checked["itemId"]))
            incoming.append(checked)
    if incoming:
        sold = {(p["itemType"], p["itemId"]) for p in _sold(incoming, price_items)}
        incoming = [line for line in incoming if (line["itemType"], line["itemId"]) in sold]
    merged = (current + incoming)[:MAX_ORDER_ITEMS]
    owned = _owned(db, user_id, merged)
    kept = [line for line in merged if (line["itemType"], line["itemId"]) not in owned]
    removed = [line for line in merged if (line["itemType"], line["itemId"]) in owned]
    _store(db, user_id, kept)
    return {"items": kept, "removed": removed}


def _sold(lines: list[dict], price_items: PriceItems) -> list[dict]:
    """The lines catalog prices, one call; each unknown one is dropped by
    pricing the rest again (rare: a visitor's stale cart)."""
    remaining = list(lines)
    while remaining:
        try:
            return price_items(remaining)
        except NotFound as exc:
            missing = (exc.details or {}).get("itemId")
            kept = [line for line in remaining if line["itemId"] != missing]
            if len(kept) == len(remaining):
                return []
            remaining = kept
    return []


def remove_bought(db: Session, user_id: str, lines: list[dict]) -> None:
    """Take what was just bought out of the user's cart (same transaction as the order)."""
    if lines:
        db.execute(
            delete(CartItem).where(
                CartItem.user_id == user_id,
                tuple_(CartItem.item_type, CartItem.item_id).in_(
                    [(line["itemType"], line["itemId"]) for line in lines]
                ),
            )
        )
