"""Prices of what a buyer picked, for commerce to total an order.

The catalog is the only source of prices: commerce sends item types and ids,
never a price of its own, and stores what this module answers.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.courses import listed
from catalog.models import Asset, Course
from shared.errors import InvalidInput, NotFound
from shared.contracts.catalog import ITEM_TYPES, PricedItem
from shared.formats import parse_uuid

PRICED_MODELS = {"course": Course, "asset": Asset}


def parse_items(items) -> list[tuple[str, object, str | None]]:
    """``(itemType, itemId as given, canonical id or None)`` per item.
    InvalidInput when ``items`` is not a list of objects of a known type."""
    if not isinstance(items, (list, tuple)):
        raise InvalidInput("Items must be a list", details={"fields": {"items": "expected a list"}})
    parsed = []
    for index, item in enumerate(items):
        item_type = item.get("itemType") if isinstance(item, dict) else None
        if item_type not in PRICED_MODELS:
            raise InvalidInput(
                "Unknown item type",
                details={"fields": {f"items.{index}.itemType": "expected " + " or ".join(f"'{t}'" for t in ITEM_TYPES)}},
            )
        item_id = item.get("itemId")
        parsed.append((item_type, item_id, parse_uuid(item_id)))
    return parsed


def price_items(db: Session, items, include_unlisted: bool = False) -> list[dict]:
    """``[{"itemType", "itemId", "title", "price"}]`` in the order given, in
    at most one query per item type. NotFound (ITEM_NOT_FOUND) names the first
    item that is unknown, not listed (a draft, deleted; unless
    ``include_unlisted``, for naming what was bought) or has a malformed id;
    InvalidInput for an unknown type."""
    parsed = parse_items(items)
    found = {}
    for item_type, model in PRICED_MODELS.items():
        ids = {canonical for kind, _, canonical in parsed if kind == item_type and canonical}
        if ids:
            # What the store does not list cannot be bought.
            visible = [] if include_unlisted else [listed(model)]
            rows = db.execute(select(model.id, model.title, model.price).where(model.id.in_(ids), *visible))
            found.update(((item_type, row.id), row) for row in rows)
    priced = []
    for item_type, given_id, canonical in parsed:
        row = found.get((item_type, canonical))
        if row is None:
            raise NotFound("Item not found", code="ITEM_NOT_FOUND", details={"itemId": given_id})
        priced.append(PricedItem.to_wire({"item_type": item_type, "item_id": row.id, "title": row.title, "price": row.price}))
    return priced
