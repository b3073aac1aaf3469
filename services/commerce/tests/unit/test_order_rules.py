"""Checkout rules that need no database."""

import uuid
from decimal import Decimal

import pytest

from commerce import orders
from shared.errors import InvalidInput, NotFound


def item(item_type="course", item_id=None):
    return {"itemType": item_type, "itemId": item_id or str(uuid.uuid4())}


@pytest.mark.parametrize("items", [[], None, "course", {"itemType": "course"}])
def test_an_order_needs_a_list_of_items(items):
    with pytest.raises(InvalidInput) as raised:
        orders.check_items(items)
    assert raised.value.code == "EMPTY_ORDER"


def test_fifty_items_pass_and_fifty_one_do_not():
    assert len(orders.check_items([item() for _ in range(50)])) == 50
    with pytest.raises(InvalidInput) as raised:
        orders.check_items([item() for _ in range(51)])
    assert raised.value.code == "TOO_MANY_ITEMS"


@pytest.mark.parametrize("item_type", ["bundle", "", None, "Course"])
def test_unknown_item_type_is_invalid(item_type):
    with pytest.raises(InvalidInput) as raised:
        orders.check_items([item(item_type)])
    assert raised.value.code == "INVALID_ITEM_TYPE"


@pytest.mark.parametrize("item_id", ["nope", "", 42, None, "123e4567-e89b-12d3-a456"])
def test_malformed_item_id_is_not_found(item_id):
    with pytest.raises(NotFound) as raised:
        orders.check_items([{"itemType": "asset", "itemId": item_id}])
    assert raised.value.code == "ITEM_NOT_FOUND"


def test_the_same_item_twice_is_invalid_even_spelled_differently():
    same = str(uuid.uuid4())
    with pytest.raises(InvalidInput) as raised:
        orders.check_items([item("course", same), item("course", same.upper())])
    assert raised.value.code == "DUPLICATE_ITEM"


def test_a_course_and_an_asset_may_share_an_id():
    shared_id = str(uuid.uuid4())
    assert len(orders.check_items([item("course", shared_id), item("asset", shared_id)])) == 2


def test_items_keep_only_type_and_canonical_id():
    raw = {"itemType": "asset", "itemId": str(uuid.uuid4()).upper(), "price": "0.01"}
    assert orders.check_items([raw]) == [{"itemType": "asset", "itemId": raw["itemId"].lower()}]


def test_total_is_exact_decimal_money():
    assert orders.order_total(["149.00", "29.00"]) == Decimal("178.00")
    assert orders.order_total(["0.10"] * 3) == Decimal("0.30")
    assert orders.order_total([]) == Decimal("0.00")


@pytest.mark.parametrize("key", [None, "a", "3f2a9c1e-8d4b-4e57-9a0b-5c6d7e8f9a0b", "x" * 255, "!~"])
def test_an_idempotency_key_is_printable_ascii_up_to_255(key):
    assert orders.check_idempotency_key(key) == key


@pytest.mark.parametrize("key", ["", "x" * 256, "with space", "caf\u00e9", "tab\t", 42, ["k"]])
def test_other_idempotency_keys_are_invalid(key):
    with pytest.raises(InvalidInput) as raised:
        orders.check_idempotency_key(key)
    assert raised.value.code == "INVALID_IDEMPOTENCY_KEY"


def test_requests_differ_by_their_items_and_their_order():
    course, asset = item("course"), item("asset")
    assert orders.request_digest([course, asset]) == orders.request_digest([dict(course), dict(asset)])
    assert orders.request_digest([course, asset]) != orders.request_digest([asset, course])
    assert orders.request_digest([course]) != orders.request_digest([course, asset])
