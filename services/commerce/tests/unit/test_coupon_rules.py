"""Coupon rules that need no database: what a new coupon may be, and how a
discount is shared among the items in cents."""

import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from commerce import coupons
from commerce.service import CommerceService
from nameko.testing.services import worker_factory

from shared.errors import Forbidden, InvalidInput, Unauthenticated

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def d(*values):
    return [Decimal(v) for v in values]


def fields(**changes):
    return {"code": "spring-20", "kind": "percent", "value": "20", **changes}


def test_percent_on_every_item_shares_by_price_and_adds_up():
    shares = coupons.allocate("percent", Decimal("20"), d("149.00", "29.00"), [True, True])
    assert shares == d("29.80", "5.80")


def test_the_cents_left_over_go_to_the_largest_remainders_then_the_earlier_item():
    # 10.00 over three equal items: 3.33 each and one cent left, for the first.
    assert coupons.allocate("fixed", Decimal("10.00"), d("5.00", "5.00", "5.00"), [True] * 3) == d(
        "3.34", "3.33", "3.33"
    )
    # 1.00 over 1.00 / 2.00: exact shares 0.333.. and 0.666..: the second has the larger remainder.
    assert coupons.allocate("fixed", Decimal("1.00"), d("1.00", "2.00"), [True, True]) == d("0.33", "0.67")


def test_only_eligible_items_share_the_discount():
    shares = coupons.allocate("percent", Decimal("50"), d("100.00", "30.00", "9.99"), [False, True, True])
    assert shares[0] == 0 and sum(shares) == Decimal("20.00")  # half of 39.99, rounded half up


def test_a_fixed_discount_larger_than_the_eligible_items_takes_them_to_zero_not_below():
    shares = coupons.allocate("fixed", Decimal("500.00"), d("149.00", "29.00"), [True, False])
    assert shares == d("149.00", "0.00")


def test_free_eligible_items_get_no_discount():
    assert coupons.allocate("fixed", Decimal("5.00"), d("0.00", "9.00"), [True, False]) == d("0.00", "0.00")


@pytest.mark.parametrize("kind", ["percent", "fixed"])
@pytest.mark.parametrize("value", ["1", "7", "33", "99", "100"])
def test_shares_never_exceed_a_price_and_sum_to_the_discount(kind, value):
    prices = d("0.01", "0.99", "13.37", "149.00", "0.00", "59.95", "1.01")
    eligible = [True, True, False, True, True, True, True]
    amount = Decimal(value) if kind == "percent" else Decimal(value) + Decimal("0.37")
    shares = coupons.allocate(kind, amount, prices, eligible)
    base = sum(p for p, e in zip(prices, eligible) if e)
    expected = (
        (base * amount / 100).quantize(Decimal("0.01"), "ROUND_HALF_UP")
        if kind == "percent"
        else min(amount, base)
    )
    assert sum(shares) == expected
    assert all(Decimal(0) <= s <= p for s, p in zip(shares, prices))
    assert shares[2] == 0
    assert all(s == s.quantize(Decimal("0.01")) for s in shares)


def test_a_new_coupon_is_stored_upper_case_with_one_use_per_user_by_default():
    checked = coupons.check_new_coupon(fields(), now=NOW)
    assert checked == {
        "code": "SPRING-20",
        "kind": "percent",
        "value": Decimal("20"),
        "expires_at": None,
        "max_redemptions": None,
        "max_per_user": 1,
        "items": [],
    }


def test_a_full_coupon_keeps_its_limits_expiry_and_canonical_items():
    item_id = str(uuid.uuid4())
    checked = coupons.check_new_coupon(
        fields(
            kind="fixed",
            value="10.00",
            expiresAt="2027-01-31T23:59:59+01:00",
            maxRedemptions=100,
            maxPerUser=None,
            items=[{"itemType": "course", "itemId": item_id.upper()}],
        ),
        now=NOW,
    )
    assert checked["value"] == Decimal("10.00") and checked["max_per_user"] is None
    assert checked["expires_at"] == datetime(2027, 1, 31, 22, 59, 59, tzinfo=timezone.utc)
    assert checked["items"] == [{"itemType": "course", "itemId": item_id}]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": "ab"}, "code"),
        ({"code": "x" * 33}, "code"),
        ({"code": "no spaces"}, "code"),
        ({"code": "ÄPFEL"}, "code"),
        ({"code": 123}, "code"),
        ({"kind": "bogo"}, "kind"),
        ({"value": "0"}, "value"),
        ({"value": "101"}, "value"),
        ({"value": "12.5"}, "value"),
        ({"value": 20}, "value"),
        ({"value": "-5"}, "value"),
        ({"value": "\u0662\u0660"}, "value"),
        ({"kind": "fixed", "value": "10"}, "value"),
        ({"kind": "fixed", "value": "0.00"}, "value"),
        ({"kind": "fixed", "value": "10.001"}, "value"),
        ({"kind": "fixed", "value": "1e3"}, "value"),
        ({"expiresAt": "2027-01-31T00:00:00"}, "expiresAt"),
        ({"expiresAt": "2027-01-31"}, "expiresAt"),
        ({"expiresAt": "soon"}, "expiresAt"),
        ({"expiresAt": (NOW - timedelta(seconds=1)).isoformat()}, "expiresAt"),
        ({"maxRedemptions": 0}, "maxRedemptions"),
        ({"maxRedemptions": True}, "maxRedemptions"),
        ({"maxRedemptions": "3"}, "maxRedemptions"),
        ({"maxRedemptions": 2**31}, "maxRedemptions"),
        ({"maxPerUser": -1}, "maxPerUser"),
        ({"maxPerUser": 1.5}, "maxPerUser"),
        ({"items": []}, "items"),
        ({"items": "all"}, "items"),
        ({"items": [{"itemType": "bundle", "itemId": str(uuid.uuid4())}]}, "items.0"),
        ({"items": [{"itemType": "course", "itemId": "nope"}]}, "items.0"),
    ],
)
def test_a_coupon_breaking_a_rule_names_its_field(changes, field):
    with pytest.raises(InvalidInput) as raised:
        coupons.check_new_coupon(fields(**changes), now=NOW)
    assert raised.value.code == "VALIDATION_ERROR"
    assert field in raised.value.details["fields"], raised.value.details


def test_the_same_item_twice_is_refused():
    item = {"itemType": "asset", "itemId": str(uuid.uuid4())}
    with pytest.raises(InvalidInput) as raised:
        coupons.check_new_coupon(fields(items=[item, item]), now=NOW)
    assert "items.1" in raised.value.details["fields"]


@pytest.mark.parametrize(
    ("code", "normalized"), [(None, None), ("", None), ("  ", None), (" spring-20 ", "SPRING-20")]
)
def test_a_checkout_code_is_matched_upper_case_and_blank_is_none(code, normalized):
    assert coupons.normalize_code(code) == normalized


@pytest.mark.parametrize("code", ["ab", "x" * 33, "DROP TABLE", 20, ["A"]])
def test_what_cannot_be_a_code_is_not_found(code):
    with pytest.raises(InvalidInput) as raised:
        coupons.normalize_code(code)
    assert raised.value.code == "COUPON_NOT_FOUND"


@pytest.mark.parametrize("actor", [None, {"id": "u", "role": "learner"}, {"id": "u", "role": "instructor"}])
def test_only_an_admin_operates_coupons(actor):
    service = worker_factory(CommerceService)
    expected = Unauthenticated if actor is None else Forbidden
    for call in (
        lambda: service.list_coupons(actor),
        lambda: service.create_coupon(actor, fields()),
        lambda: service.deactivate_coupon(actor, str(uuid.uuid4())),
    ):
        with pytest.raises(expected):
            call()
    service.db.commit.assert_not_called()
    service.catalog_rpc.price_items.assert_not_called()
