"""Receipts on the real database, as the `commerce` role."""

import uuid

import pytest
from sqlalchemy import update

from commerce import orders, receipts
from commerce.models import OrderItem
from shared.errors import NotFound


def new_id() -> str:
    return str(uuid.uuid4())


def priced(item_type, title, price):
    return {"itemType": item_type, "itemId": new_id(), "title": title, "price": price}


@pytest.fixture
def placed(db):
    """A user's order of a course and an asset, and catalog naming them as
    it does today (with prices that have changed since)."""
    user = new_id()
    course, asset = priced("course", "MASTER THE GOOGLE ECOSYSTEM", "149.00"), priced("asset", "LUTS", "29.00")
    items = [{"itemType": p["itemType"], "itemId": p["itemId"]} for p in (course, asset)]
    order = orders.create_order(db, user, items, lambda _items: [course, asset])["order"]
    repriced = [{**course, "price": "9.00"}, {**asset, "price": "1.00"}]
    return user, order, course, asset, lambda asked: [p for p in repriced for a in asked if a["itemId"] == p["itemId"]]


def test_a_receipt_has_the_items_with_their_titles_and_the_prices_paid(db, placed):
    user, order, course, asset, name_items = placed
    receipt = receipts.get_receipt(db, user, order["id"], name_items)
    assert {k: receipt[k] for k in order} == order
    assert [(i["itemType"], i["itemId"], i["title"], i["price"]) for i in receipt["items"]] == [
        ("course", course["itemId"], "MASTER THE GOOGLE ECOSYSTEM", "149.00"),
        ("asset", asset["itemId"], "LUTS", "29.00"),
    ]
    assert receipt["totalAmount"] == "178.00"


def test_an_item_is_named_as_bought_whatever_catalog_calls_it_since(db, placed):
    user, order, *_ = placed

    def renamed(asked):
        return [{**a, "title": "RENAMED", "price": "1.00"} for a in asked]

    receipt = receipts.get_receipt(db, user, order["id"], renamed)
    assert [i["title"] for i in receipt["items"]] == ["MASTER THE GOOGLE ECOSYSTEM", "LUTS"]


def test_an_order_from_before_titles_were_kept_asks_catalog_and_names_what_it_lost_by_kind_and_id(db, placed):
    user, order, course, asset, name_items = placed
    db.execute(update(OrderItem).where(OrderItem.order_id == order["id"]).values(title=None))
    receipt = receipts.get_receipt(db, user, order["id"], name_items)
    assert [i["title"] for i in receipt["items"]] == ["MASTER THE GOOGLE ECOSYSTEM", "LUTS"]

    def gone(_items):
        raise NotFound("Item not found", code="ITEM_NOT_FOUND")

    receipt = receipts.get_receipt(db, user, order["id"], gone)
    assert [i["title"] for i in receipt["items"]] == [f"Course {course['itemId']}", f"Asset {asset['itemId']}"]


def test_someone_elses_order_and_an_unknown_one_are_alike_not_found(db, placed):
    user, order, _, _, name_items = placed
    refusals = []
    for asker, order_id in ((new_id(), order["id"]), (user, new_id()), (user, "not-an-id"), ("junk", order["id"])):
        with pytest.raises(NotFound) as raised:
            receipts.get_receipt(db, asker, order_id, name_items)
        refusals.append(raised.value.to_dict())
    assert all(r == refusals[0] for r in refusals) and refusals[0]["code"] == "ORDER_NOT_FOUND"
