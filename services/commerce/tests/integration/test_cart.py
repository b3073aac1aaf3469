"""The cart on the real database, as the `commerce` role: replaced whole,
merged with a visitor's at login without what the user owns, emptied of
what an order bought."""

import uuid

import pytest

from commerce import cart, orders
from shared.errors import InvalidInput, NotFound


def line(item_type="course", item_id=None):
    return {"itemType": item_type, "itemId": item_id or str(uuid.uuid4())}


class Catalog:
    """catalog's ``price_items`` over the items it sells."""

    def __init__(self, *sold):
        self.sold = {(l["itemType"], l["itemId"]) for l in sold}

    def __call__(self, items):
        for item in items:
            if (item["itemType"], item["itemId"]) not in self.sold:
                raise NotFound("Item not found", code="ITEM_NOT_FOUND", details={"itemId": item["itemId"]})
        return [{**item, "title": "T", "price": "10.00"} for item in items]


def test_a_new_user_has_an_empty_cart(db):
    assert cart.get_cart(db, str(uuid.uuid4())) == {"items": []}


def test_the_cart_is_replaced_whole_and_kept_in_order(db):
    user, a, b, c = str(uuid.uuid4()), line(), line("asset"), line("asset")
    catalog = Catalog(a, b, c)
    cart.replace_cart(db, user, [a, b], catalog)
    assert cart.replace_cart(db, user, [c, a], catalog) == {"items": [c, a]}
    assert cart.get_cart(db, user) == {"items": [c, a]}
    assert cart.replace_cart(db, user, [], catalog) == {"items": []}
    assert cart.get_cart(db, user) == {"items": []}


def test_a_bad_line_changes_nothing(db):
    user, a = str(uuid.uuid4()), line()
    catalog = Catalog(a)
    cart.replace_cart(db, user, [a], catalog)
    unknown_type = {"itemType": "song", "itemId": a["itemId"]}
    for bad, error in (([a, a], InvalidInput), ([line()], NotFound), ([unknown_type], InvalidInput), ("x", InvalidInput)):
        with pytest.raises(error):
            cart.replace_cart(db, user, bad, catalog)
    assert cart.get_cart(db, user) == {"items": [a]}


def test_an_owned_item_cannot_be_put_in_the_cart(db):
    user, owned = str(uuid.uuid4()), line()
    catalog = Catalog(owned)
    orders.create_order(db, user, [owned], catalog)
    with pytest.raises(InvalidInput) as refused:
        cart.replace_cart(db, user, [owned], catalog)
    assert refused.value.code == "ALREADY_OWNED"


def test_merging_adds_the_visitors_lines_once_and_leaves_out_what_the_user_owns(db):
    user, kept, visitor_only, owned, gone = str(uuid.uuid4()), line(), line("asset"), line(), line()
    catalog = Catalog(kept, visitor_only, owned)
    orders.create_order(db, user, [owned], catalog)
    cart.replace_cart(db, user, [kept], catalog)

    merged = cart.merge_cart(db, user, [kept, visitor_only, owned, gone, {"junk": 1}], catalog)
    assert merged == {"items": [kept, visitor_only], "removed": [owned]}
    assert cart.get_cart(db, user) == {"items": [kept, visitor_only]}


def test_an_order_takes_what_it_bought_out_of_the_cart(db):
    user, bought, later = str(uuid.uuid4()), line(), line("asset")
    catalog = Catalog(bought, later)
    cart.replace_cart(db, user, [bought, later], catalog)
    placed = orders.create_order(db, user, [bought], catalog)
    cart.remove_bought(db, user, placed["items"])
    assert cart.get_cart(db, user) == {"items": [later]}


def test_one_users_cart_is_not_anothers(db):
    alice, bob, a = str(uuid.uuid4()), str(uuid.uuid4()), line()
    cart.replace_cart(db, alice, [a], Catalog(a))
    assert cart.get_cart(db, bob) == {"items": []}
