"""Coupons on the real database, as the `commerce` role: staff create and
deactivate them; checkout and quotes apply them to the eligible items, in
cents; their limits hold when checkouts race."""

import threading
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from commerce import coupons, orders, quotes
from commerce.models import Coupon, CouponRedemption, Order, OrderItem, OutboxEvent, Purchase
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from shared.db import service_engine
from shared.errors import Conflict, InvalidInput, NotFound, Unprocessable
from shared.events import OrderCompleted
from tests.support.api_client import unique

ADMIN = str(uuid.uuid4())


def priced(item_type, price, item_id=None):
    return {
        "itemType": item_type,
        "itemId": item_id or str(uuid.uuid4()),
        "title": f"{item_type} T",
        "price": price,
    }


def catalog(*priced_items):
    """A fake of catalog's price_items that knows these items."""
    known = {(p["itemType"], p["itemId"]): p for p in priced_items}

    def price_items(items):
        try:
            return [known[(i["itemType"], i["itemId"])] for i in items]
        except KeyError:
            raise NotFound("Item not found", code="ITEM_NOT_FOUND") from None

    return price_items


def new_coupon(db, *known, **fields):
    body = {"code": unique("C").upper(), "kind": "percent", "value": "20", **fields}
    return coupons.create_coupon(db, ADMIN, body, catalog(*known))


def keys(*priced_items):
    return [{"itemType": p["itemType"], "itemId": p["itemId"]} for p in priced_items]


def buy(db, user, code, *priced_items, key=None):
    return orders.create_order(
        db, user, keys(*priced_items), catalog(*priced_items), idempotency_key=key, coupon_code=code
    )


def written(db, user) -> dict:
    def count(model, *where):
        return db.scalar(select(func.count()).select_from(model).where(*where))

    return {
        "orders": count(Order, Order.user_id == user),
        "purchases": count(Purchase, Purchase.user_id == user),
        "redemptions": count(CouponRedemption, CouponRedemption.user_id == user),
        "events": count(OutboxEvent, OutboxEvent.payload["userId"].astext == user),
    }


def refused(code, call):
    with pytest.raises(InvalidInput) as raised:
        call()
    assert raised.value.code == code, raised.value.to_dict()


def test_a_percent_coupon_takes_its_share_off_each_item_and_the_prices_add_up(db):
    user, course, asset = str(uuid.uuid4()), priced("course", "149.00"), priced("asset", "29.00")
    coupon = new_coupon(db, value="15")
    placed = buy(db, user, coupon["code"].lower(), course, asset)

    order, items = placed["order"], placed["items"]
    assert (order["discount"], order["couponCode"], order["totalAmount"]) == (
        "26.70",
        coupon["code"],
        "151.30",
    )
    assert [i["price"] for i in items] == ["126.65", "24.65"]
    assert sum(Decimal(i["price"]) for i in items) == Decimal(order["totalAmount"])
    assert written(db, user) == {"orders": 1, "purchases": 2, "redemptions": 1, "events": 1}
    assert coupons.list_coupons(db)[0]["redemptions"] == 1
    # What learning reads is the same as without a coupon.
    row = db.scalar(select(OutboxEvent).where(OutboxEvent.aggregate_id == order["id"]))
    event = OrderCompleted.from_payload(row.payload)
    assert (event.course_ids, event.asset_ids) == ([course["itemId"]], [asset["itemId"]])
    listed = orders.list_orders(db, user)[0]
    assert (listed["discount"], listed["couponCode"], [i["price"] for i in listed["items"]]) == (
        "26.70",
        coupon["code"],
        ["126.65", "24.65"],
    )


def test_a_restricted_fixed_coupon_discounts_only_its_items_and_never_below_zero(db):
    user, course, asset = str(uuid.uuid4()), priced("course", "49.00"), priced("asset", "29.00")
    coupon = new_coupon(db, course, kind="fixed", value="500.00", items=keys(course))
    assert coupon["items"] == keys(course) and coupon["value"] == "500.00"
    placed = buy(db, user, coupon["code"], course, asset)
    assert (placed["order"]["discount"], placed["order"]["totalAmount"]) == ("49.00", "29.00")
    assert [i["price"] for i in placed["items"]] == ["0.00", "29.00"]


def test_a_hundred_percent_coupon_makes_a_free_order(db):
    user, course = str(uuid.uuid4()), priced("course", "149.00")
    placed = buy(db, user, new_coupon(db, value="100")["code"], course)
    assert (placed["order"]["totalAmount"], placed["items"][0]["price"]) == ("0.00", "0.00")
    assert written(db, user)["purchases"] == 1


def test_the_quote_says_what_the_order_then_charges(db):
    user = str(uuid.uuid4())
    items = [priced("course", "10.00"), priced("course", "10.00"), priced("asset", "10.00")]
    coupon = new_coupon(db, kind="fixed", value="10.00")
    quote = quotes.quote(db, user, keys(*items), coupon["code"], catalog(*items))
    assert (quote["subtotal"], quote["discount"], quote["total"], quote["couponCode"]) == (
        "30.00",
        "10.00",
        "20.00",
        coupon["code"],
    )
    assert [(q["price"], q["discount"], q["title"]) for q in quote["items"]] == [
        ("10.00", "3.34", "course T"),
        ("10.00", "3.33", "course T"),
        ("10.00", "3.33", "asset T"),
    ]
    assert written(db, user)["redemptions"] == 0, "a quote counts nothing"
    placed = buy(db, user, coupon["code"], *items)
    assert [i["price"] for i in placed["items"]] == ["6.66", "6.67", "6.67"]
    assert placed["order"]["totalAmount"] == quote["total"]


def test_a_quote_without_a_coupon_is_the_catalog_price(db):
    user, course = str(uuid.uuid4()), priced("course", "149.00")
    quote = quotes.quote(db, user, keys(course), "", catalog(course))
    assert (quote["subtotal"], quote["discount"], quote["total"], quote["couponCode"]) == (
        "149.00",
        "0.00",
        "149.00",
        None,
    )


def test_a_quote_has_the_checkouts_errors(db):
    user, course = str(uuid.uuid4()), priced("course", "149.00")
    coupon = new_coupon(db)
    buy(db, user, coupon["code"], course)
    other = priced("course", "9.00")
    refused(
        "COUPON_ALREADY_USED", lambda: quotes.quote(db, user, keys(other), coupon["code"], catalog(other))
    )
    refused("COUPON_NOT_FOUND", lambda: quotes.quote(db, user, keys(other), "NOPE-NOPE", catalog(other)))
    with pytest.raises(Conflict):
        quotes.quote(db, user, keys(course), None, catalog(course))


def test_unknown_malformed_and_deactivated_codes_are_not_found_and_write_nothing(db):
    user, course = str(uuid.uuid4()), priced("course", "149.00")
    coupon = new_coupon(db)
    coupons.deactivate_coupon(db, coupon["id"])
    coupons.deactivate_coupon(db, coupon["id"])  # again: no change
    for code in (coupon["code"], "NO-SUCH-CODE", "x!", "a" * 40):
        refused("COUPON_NOT_FOUND", lambda code=code: buy(db, user, code, course))
    assert written(db, user) == {"orders": 0, "purchases": 0, "redemptions": 0, "events": 0}
    (listed,) = [c for c in coupons.list_coupons(db) if c["id"] == coupon["id"]]
    assert listed["active"] is False
    with pytest.raises(NotFound):
        coupons.deactivate_coupon(db, str(uuid.uuid4()))
    with pytest.raises(NotFound):
        coupons.deactivate_coupon(db, "not-an-id")


def test_an_expired_coupon_is_refused(db):
    user, course = str(uuid.uuid4()), priced("course", "149.00")
    coupon = new_coupon(db, expiresAt=(datetime.now(timezone.utc) + timedelta(hours=1)).isoformat())
    db.execute(
        update(Coupon).where(Coupon.id == coupon["id"]).values(expires_at=func.now() - timedelta(seconds=1))
    )
    refused("COUPON_EXPIRED", lambda: buy(db, user, coupon["code"], course))
    assert written(db, user)["orders"] == 0


def test_the_total_and_the_per_user_limits(db):
    ann, bob, cat = (str(uuid.uuid4()) for _ in range(3))
    coupon = new_coupon(db, maxRedemptions=2, maxPerUser=1)
    buy(db, ann, coupon["code"], priced("course", "10.00"))
    refused("COUPON_ALREADY_USED", lambda: buy(db, ann, coupon["code"], priced("course", "10.00")))
    buy(db, bob, coupon["code"], priced("course", "10.00"))
    refused("COUPON_USED_UP", lambda: buy(db, cat, coupon["code"], priced("course", "10.00")))
    assert written(db, cat)["orders"] == 0
    unlimited = new_coupon(db, maxPerUser=None)
    for _ in range(3):
        buy(db, ann, unlimited["code"], priced("asset", "1.00"))


def test_a_coupon_for_none_of_the_items_is_not_applicable(db):
    user, course, asset = str(uuid.uuid4()), priced("course", "149.00"), priced("asset", "29.00")
    coupon = new_coupon(db, course, items=keys(course))
    refused("COUPON_NOT_APPLICABLE", lambda: buy(db, user, coupon["code"], asset))
    assert written(db, user)["orders"] == 0


def test_a_replay_answers_its_order_even_once_the_coupon_is_used_up(db):
    user, course = str(uuid.uuid4()), priced("course", "149.00")
    coupon = new_coupon(db, maxRedemptions=1)
    first = buy(db, user, coupon["code"], course, key="attempt-1")
    assert buy(db, user, coupon["code"].lower(), course, key="attempt-1") == first
    for other in (None, new_coupon(db)["code"]):
        with pytest.raises(Unprocessable) as raised:
            buy(db, user, other, course, key="attempt-1")
        assert raised.value.code == "IDEMPOTENCY_KEY_REUSED"
    assert written(db, user) == {"orders": 1, "purchases": 1, "redemptions": 1, "events": 1}


def test_an_order_without_a_coupon_keeps_the_digest_it_always_had():
    items = [{"itemType": "course", "itemId": str(uuid.uuid4())}]
    assert orders.request_digest(items) == orders.request_digest(items, None)
    assert orders.request_digest(items) != orders.request_digest(items, "SPRING")


def test_staff_create_list_and_refuse_a_taken_code_in_any_case(db):
    course = priced("course", "149.00")
    coupon = new_coupon(
        db,
        course,
        code="Spring-Sale_26",
        kind="fixed",
        value="10.00",
        expiresAt="2099-01-01T00:00:00Z",
        maxRedemptions=50,
        maxPerUser=2,
        items=keys(course),
    )
    assert {k: v for k, v in coupon.items() if k not in ("id", "createdAt")} == {
        "code": "SPRING-SALE_26",
        "kind": "fixed",
        "value": "10.00",
        "expiresAt": "2099-01-01T00:00:00Z",
        "maxRedemptions": 50,
        "maxPerUser": 2,
        "items": keys(course),
        "redemptions": 0,
        "active": True,
    }
    assert db.get(Coupon, coupon["id"]).created_by == ADMIN
    with pytest.raises(Conflict) as raised:
        new_coupon(db, code="spring-sale_26")
    assert raised.value.code == "COUPON_CODE_TAKEN"
    assert [c["code"] for c in coupons.list_coupons(db)].count("SPRING-SALE_26") == 1


def test_a_coupon_for_an_item_not_for_sale_is_not_found(db):
    missing = priced("asset", "1.00")
    code = unique("C").upper()
    with pytest.raises(NotFound):
        coupons.create_coupon(
            db, ADMIN, {"code": code, "kind": "percent", "value": "5", "items": keys(missing)}, catalog()
        )
    assert db.scalar(select(Coupon).where(Coupon.code == code)) is None


# -- races: committed for real, each checkout its own transaction ----------


@pytest.fixture
def engine(database):
    engine = service_engine("commerce", pool_size=12)
    yield engine
    engine.dispose()


def committed_coupon(engine, **fields) -> dict:
    with Session(engine) as db:
        return new_coupon(db, **fields)


def race(engine, checkouts) -> list:
    """Run the checkouts at once, each in its own session and thread; what
    each answered (its order or its error), in the order given."""
    start = threading.Barrier(len(checkouts))
    answers: list = [None] * len(checkouts)

    def run(n, checkout):
        with Session(engine) as db:
            start.wait(10)
            try:
                answers[n] = checkout(db)
                db.commit()
            except Exception as exc:  # the answer, checked by the caller
                db.rollback()
                answers[n] = exc

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(checkouts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers


def codes_of(answers) -> list[str]:
    return sorted("OK" if isinstance(a, dict) else getattr(a, "code", repr(a)) for a in answers)


def test_ten_buyers_at_once_cannot_exceed_the_total_limit(engine):
    coupon = committed_coupon(engine, maxRedemptions=3)
    users = [str(uuid.uuid4()) for _ in range(10)]
    answers = race(
        engine, [lambda db, u=u: buy(db, u, coupon["code"], priced("course", "50.00")) for u in users]
    )

    assert codes_of(answers) == ["COUPON_USED_UP"] * 7 + ["OK"] * 3
    with Session(engine) as db:
        assert (
            db.scalar(
                select(func.count())
                .select_from(CouponRedemption)
                .where(CouponRedemption.coupon_id == coupon["id"])
            )
            == 3
        )
        for user, answer in zip(users, answers):
            expected = 1 if isinstance(answer, dict) else 0
            assert written(db, user) == {
                "orders": expected,
                "purchases": expected,
                "redemptions": expected,
                "events": expected,
            }
            if expected:
                assert answer["order"]["totalAmount"] == "40.00"


def test_one_buyer_at_once_in_five_checkouts_cannot_exceed_the_per_user_limit(engine):
    coupon = committed_coupon(engine, maxPerUser=2)
    user = str(uuid.uuid4())
    answers = race(
        engine, [lambda db: buy(db, user, coupon["code"], priced("asset", "5.00")) for _ in range(5)]
    )

    assert codes_of(answers) == ["COUPON_ALREADY_USED"] * 3 + ["OK"] * 2
    with Session(engine) as db:
        assert written(db, user) == {"orders": 2, "purchases": 2, "redemptions": 2, "events": 2}
        assert (
            db.scalar(select(func.count()).select_from(OrderItem).join(Order).where(Order.user_id == user))
            == 2
        )
