"""Pricing what a buyer picked, on the real database."""

import uuid

import pytest

from catalog import assets, courses, pricing
from shared.errors import InvalidInput, NotFound


@pytest.fixture
def catalogue(db):
    return courses.list_courses(db), assets.list_assets(db)


def test_items_are_priced_in_the_order_given(db, catalogue):
    (level_1, level_2), store = catalogue
    items = [
        {"itemType": "asset", "itemId": store[0]["id"]},
        {"itemType": "course", "itemId": level_1["id"]},
        {"itemType": "asset", "itemId": store[5]["id"].upper()},
    ]
    priced = pricing.price_items(db, items)
    assert [(p["itemType"], p["itemId"], p["title"], p["price"]) for p in priced] == [
        ("asset", store[0]["id"], "CYBERPUNK TEXTURES VOL. 1", "29.00"),
        ("course", level_1["id"], "MASTER THE GOOGLE ECOSYSTEM", "149.00"),
        ("asset", store[5]["id"], "FANTASY CHARACTER PACK", "59.00"),
    ]
    assert all(set(p) == {"itemType", "itemId", "title", "price"} for p in priced)


def test_pricing_takes_at_most_two_queries_whatever_the_number_of_items(db, catalogue, queries):
    course_list, store = catalogue
    items = [{"itemType": "course", "itemId": c["id"]} for c in course_list]
    items += [{"itemType": "asset", "itemId": a["id"]} for a in store]
    with queries() as sent:
        priced = pricing.price_items(db, items)
    assert len(priced) == 8 and len(sent) == 2


def test_pricing_only_assets_takes_one_query(db, catalogue, queries):
    _, store = catalogue
    with queries() as sent:
        pricing.price_items(db, [{"itemType": "asset", "itemId": a["id"]} for a in store])
    assert len(sent) == 1


@pytest.mark.parametrize("bad_id", [str(uuid.uuid4()), "not-a-uuid"])
def test_an_unknown_or_malformed_id_is_item_not_found_naming_it(db, catalogue, bad_id):
    (level_1, _), _ = catalogue
    items = [{"itemType": "course", "itemId": level_1["id"]}, {"itemType": "asset", "itemId": bad_id}]
    with pytest.raises(NotFound) as raised:
        pricing.price_items(db, items)
    assert raised.value.code == "ITEM_NOT_FOUND"
    assert raised.value.details == {"itemId": bad_id}


def test_a_course_id_priced_as_an_asset_is_not_found(db, catalogue):
    (level_1, _), _ = catalogue
    with pytest.raises(NotFound) as raised:
        pricing.price_items(db, [{"itemType": "asset", "itemId": level_1["id"]}])
    assert raised.value.details == {"itemId": level_1["id"]}


def test_an_unknown_item_type_is_invalid_input(db, catalogue):
    (level_1, _), _ = catalogue
    with pytest.raises(InvalidInput):
        pricing.price_items(db, [{"itemType": "subscription", "itemId": level_1["id"]}])
