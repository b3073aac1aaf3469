"""The shape of a pricing request, checked before any query."""

import pytest

from catalog import pricing
from shared.errors import InvalidInput

ID = "0b6e6a4c-3f1e-4a51-9d55-6f7e0b8f2a10"


@pytest.mark.parametrize("item_type", ["bundle", "Course", "", None, 1])
def test_an_unknown_item_type_is_invalid_input_naming_the_item(item_type):
    items = [{"itemType": "course", "itemId": ID}, {"itemType": item_type, "itemId": ID}]
    with pytest.raises(InvalidInput) as raised:
        pricing.price_items(None, items)
    assert raised.value.details == {"fields": {"items.1.itemType": "expected 'course' or 'asset'"}}


@pytest.mark.parametrize("items", [None, "course", {"itemType": "course", "itemId": ID}, ["course"]])
def test_items_must_be_a_list_of_objects(items):
    with pytest.raises(InvalidInput):
        pricing.price_items(None, items)


def test_an_unknown_type_wins_over_an_unknown_id():
    # A malformed request is reported as such, whatever its ids.
    with pytest.raises(InvalidInput):
        pricing.price_items(
            None, [{"itemType": "course", "itemId": "nope"}, {"itemType": "gift", "itemId": ID}]
        )


def test_ids_are_read_in_canonical_form():
    parsed = pricing.parse_items(
        [{"itemType": "asset", "itemId": ID.upper()}, {"itemType": "course", "itemId": "x"}]
    )
    assert parsed == [("asset", ID.upper(), ID), ("course", "x", None)]


def test_nothing_to_price_is_an_empty_list():
    assert pricing.price_items(None, []) == []
