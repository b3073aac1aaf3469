"""Coupons: what staff create (a percentage or an amount off, an expiry,
limits in total and per buyer, some items or all), and what checkout does
with a code: find it usable, share its discount among the eligible items in
cents, and count the redemption with the order."""

import re
from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from commerce.models import Coupon, CouponItem, CouponRedemption
from shared.contracts.catalog import ITEM_TYPES
from shared.contracts.coupons import (
    COUPON_CODE_PATTERN,
    MAX_COUPON_ITEMS,
    MAX_COUPON_LIMIT,
    CouponPublic,
)
from shared.errors import Conflict, InvalidInput, NotFound
from shared.formats import money, parse_uuid

PERCENT, FIXED = "percent", "fixed"
CENT = Decimal("0.01")

PriceItems = Callable[[list[dict]], list[dict]]


# -- staff ---------------------------------------------------------------


def create_coupon(db: Session, actor_id: str, fields, price_items: PriceItems) -> dict:
    """A new active coupon from ``fields`` (CouponCreate's wire names):
    ``CouponPublic``. InvalidInput naming the fields that break a rule;
    NotFound ITEM_NOT_FOUND for an item catalog does not sell; Conflict
    COUPON_CODE_TAKEN (any case) and nothing written."""
    checked = check_new_coupon(fields)
    items = checked.pop("items")
    if items:
        price_items(items)  # raises NotFound for an item that is not for sale
    if db.scalar(select(Coupon.id).where(Coupon.code == checked["code"])) is not None:
        raise _code_taken()
    try:
        with db.begin_nested():
            coupon = Coupon(**checked, created_by=actor_id)
            db.add(coupon)
            db.flush()
            db.add_all(
                CouponItem(coupon_id=coupon.id, item_type=i["itemType"], item_id=i["itemId"]) for i in items
            )
    except IntegrityError as exc:  # created by someone else in the meantime
        raise _code_taken() from exc
    db.commit()
    return _public(db, [coupon])[0]


def _code_taken() -> Conflict:
    return Conflict(
        "A coupon has this code already", code="COUPON_CODE_TAKEN", details={"fields": {"code": "taken"}}
    )


def list_coupons(db: Session) -> list[dict]:
    """Every coupon, active or not, newest first."""
    return _public(db, db.scalars(select(Coupon).order_by(Coupon.created_at.desc(), Coupon.id)).all())


def deactivate_coupon(db: Session, coupon_id) -> None:
    """Checkout takes the coupon no more; it stays, for the orders that used
    it (again: no change). NotFound COUPON_NOT_FOUND."""
    coupon_id = parse_uuid(coupon_id)
    coupon = db.get(Coupon, coupon_id) if coupon_id else None
    if coupon is None:
        raise NotFound("Coupon not found", code="COUPON_NOT_FOUND")
    coupon.active = False
    db.commit()


def _public(db: Session, coupons: list[Coupon]) -> list[dict]:
    ids = [c.id for c in coupons]
    items: dict[str, list[dict]] = {i: [] for i in ids}
    counts: dict[str, int] = {}
    if ids:
        for row in db.scalars(
            select(CouponItem)
            .where(CouponItem.coupon_id.in_(ids))
            .order_by(CouponItem.item_type, CouponItem.item_id)
        ):
            items[row.coupon_id].append({"itemType": row.item_type, "itemId": row.item_id})
        counts = dict(
            db.execute(
                select(CouponRedemption.coupon_id, func.count())
                .where(CouponRedemption.coupon_id.in_(ids))
                .group_by(CouponRedemption.coupon_id)
            ).all()
        )
    return [
        CouponPublic.to_wire(
            {
                **{
                    name: getattr(c, name)
                    for name in ("id", "code", "kind", "expires_at", "active", "created_at")
                },
                **{name: getattr(c, name) for name in ("max_redemptions", "max_per_user")},
                "value": show_value(c.kind, c.value),
                "items": items[c.id] or None,
                "redemptions": counts.get(c.id, 0),
            }
        )
        for c in coupons
    ]


def show_value(kind: str, value: Decimal) -> str:
    """The value as the API shows it: "20" (percent) or "10.00" (money)."""
    return str(int(value)) if kind == PERCENT else money(value)


def check_new_coupon(fields, now: datetime | None = None) -> dict:
    """The coupon's columns (and ``items``, canonical) from CouponCreate's
    wire names; InvalidInput VALIDATION_ERROR with ``details.fields`` naming
    every field that breaks a rule."""
    if not isinstance(fields, dict):
        raise InvalidInput("A coupon is an object", details={"fields": {"body": "expected an object"}})
    errors: dict[str, str] = {}
    code = fields.get("code")
    if not isinstance(code, str) or not re.fullmatch(COUPON_CODE_PATTERN, code):
        errors["code"] = "3 to 32 of A-Z, 0-9, '-' and '_'"
    kind = fields.get("kind")
    if kind not in (PERCENT, FIXED):
        errors["kind"] = "expected 'percent' or 'fixed'"
    value = _value(kind, fields.get("value"))
    if value is None and kind in (PERCENT, FIXED):
        errors["value"] = (
            "a whole number from 1 to 100"
            if kind == PERCENT
            else "an amount over 0 with two decimals, like 10.00"
        )
    expires_at = _expiry(fields.get("expiresAt"), now or datetime.now(timezone.utc), errors)
    limits = {}
    for name, column, default in (
        ("maxRedemptions", "max_redemptions", None),
        ("maxPerUser", "max_per_user", 1),
    ):
        limit = fields.get(name, default)
        if limit is not None and (type(limit) is not int or not 1 <= limit <= MAX_COUPON_LIMIT):
            errors[name] = "a whole number from 1, or null for no limit"
        limits[column] = limit
    items = _items(fields.get("items"), errors)
    if errors:
        raise InvalidInput("Invalid coupon", details={"fields": errors})
    return {
        "code": code.upper(),
        "kind": kind,
        "value": value,
        "expires_at": expires_at,
        **limits,
        "items": items,
    }


def _value(kind, value) -> Decimal | None:
    if not isinstance(value, str):
        return None
    if kind == PERCENT and re.fullmatch(r"[0-9]{1,3}", value) and 1 <= int(value) <= 100:
        return Decimal(value)
    if kind == FIXED and re.fullmatch(r"[0-9]{1,8}\.[0-9]{2}", value) and Decimal(value) > 0:
        return Decimal(value)
    return None


def _expiry(value, now: datetime, errors: dict) -> datetime | None:
    if value is None:
        return None
    try:
        # Python reads a date alone too: a zone is what tells a moment.
        parsed = datetime.fromisoformat(value) if isinstance(value, str) and "T" in value else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        errors["expiresAt"] = "an ISO-8601 date and time with a zone, like 2027-01-31T23:59:59Z"
    elif parsed <= now:
        errors["expiresAt"] = "must be in the future"
    else:
        return parsed
    return None


def _items(items, errors: dict) -> list[dict]:
    if items is None:
        return []
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_COUPON_ITEMS:
        errors["items"] = f"a list of 1 to {MAX_COUPON_ITEMS} items, or null for every item"
        return []
    checked, seen = [], set()
    for n, item in enumerate(items):
        item_type = item.get("itemType") if isinstance(item, dict) else None
        item_id = parse_uuid(item.get("itemId")) if isinstance(item, dict) else None
        if item_type not in ITEM_TYPES or item_id is None or (item_type, item_id) in seen:
            errors[f"items.{n}"] = "a course or an asset by its id, once"
            continue
        seen.add((item_type, item_id))
        checked.append({"itemType": item_type, "itemId": item_id})
    return checked


# -- checkout --------------------------------------------------------------


def normalize_code(code) -> str | None:
    """The code as stored (upper-case), None for no coupon (none or blank).
    InvalidInput COUPON_NOT_FOUND for what cannot be a code."""
    if code is None or (isinstance(code, str) and not code.strip()):
        return None
    code = code.strip() if isinstance(code, str) else None
    if code is None or not re.fullmatch(COUPON_CODE_PATTERN, code):
        raise _not_found()
    return code.upper()


def _not_found() -> InvalidInput:
    return InvalidInput("This coupon code is not valid", code="COUPON_NOT_FOUND")


def usable_coupon(db: Session, code: str, user_id: str, lock: bool, now: datetime | None = None) -> Coupon:
    """The active coupon ``code`` if ``user_id`` may use it now. With
    ``lock`` its row stays locked until the transaction ends, so that the
    counts read here hold until this checkout's redemption is written:
    concurrent checkouts with one coupon take turns. InvalidInput
    COUPON_NOT_FOUND (unknown or deactivated), COUPON_EXPIRED,
    COUPON_USED_UP (the total limit), COUPON_ALREADY_USED (the user's)."""
    query = select(Coupon).where(Coupon.code == code)
    coupon = db.scalar(query.with_for_update() if lock else query)
    if coupon is None or not coupon.active:
        raise _not_found()
    if coupon.expires_at is not None and coupon.expires_at <= (now or datetime.now(timezone.utc)):
        raise InvalidInput("This coupon has expired", code="COUPON_EXPIRED")
    redeemed = (
        select(func.count()).select_from(CouponRedemption).where(CouponRedemption.coupon_id == coupon.id)
    )
    if coupon.max_redemptions is not None and db.scalar(redeemed) >= coupon.max_redemptions:
        raise InvalidInput("This coupon has been used up", code="COUPON_USED_UP")
    if coupon.max_per_user is not None and (
        db.scalar(redeemed.where(CouponRedemption.user_id == user_id)) >= coupon.max_per_user
    ):
        raise InvalidInput("You have used this coupon already", code="COUPON_ALREADY_USED")
    return coupon


def item_discounts(db: Session, coupon: Coupon, items: list[dict], prices: list[Decimal]) -> list[Decimal]:
    """Each item's share of the coupon's discount, in the items' order.
    InvalidInput COUPON_NOT_APPLICABLE when no item is eligible."""
    restricted_to = {
        (row.item_type, row.item_id)
        for row in db.scalars(select(CouponItem).where(CouponItem.coupon_id == coupon.id))
    }
    eligible = [not restricted_to or (i["itemType"], i["itemId"]) in restricted_to for i in items]
    if not any(eligible):
        raise InvalidInput(
            "This coupon applies to none of these items",
            code="COUPON_NOT_APPLICABLE",
            details={"code": coupon.code},
        )
    return allocate(coupon.kind, coupon.value, prices, eligible)


def allocate(kind: str, value: Decimal, prices: list[Decimal], eligible: list[bool]) -> list[Decimal]:
    """The discount of a ``kind`` coupon of ``value`` on the eligible items,
    shared among them in proportion to their prices, in whole cents (largest
    remainder: the cents left over go to the largest fractions, the earlier
    item first on a tie). No share exceeds its item's price, and the shares
    add up to the discount exactly: so each item's price minus its share is
    what was paid for it, and a refund of that item gives back that much."""
    base = sum((p for p, e in zip(prices, eligible, strict=True) if e), Decimal("0"))
    if base <= 0:
        return [Decimal("0.00")] * len(prices)
    if kind == PERCENT:
        total = (base * value / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    else:
        total = min(value, base)
    cents = int(total / CENT)
    base_cents = int(base / CENT)
    exact = [int(p / CENT) * cents if e else 0 for p, e in zip(prices, eligible, strict=True)]
    shares = [x // base_cents for x in exact]
    leftover = cents - sum(shares)
    by_remainder = sorted(range(len(prices)), key=lambda n: (-(exact[n] % base_cents), n))
    for n in by_remainder[:leftover]:
        shares[n] += 1
    return [Decimal(s) * CENT for s in shares]


def redeem(db: Session, coupon: Coupon, user_id: str, order_id: str) -> None:
    """Count the coupon's use by this order (in the order's transaction)."""
    db.add(CouponRedemption(coupon_id=coupon.id, user_id=user_id, order_id=order_id))
