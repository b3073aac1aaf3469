"""Coupons through the gateway on the real suite: the admin routes with
every role, a quote then an order with a coupon, each coupon error as a 400
with its code, and buyers at once at the limit."""

import os
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import text

from shared.errors import Forbidden
from tests.support.api_client import ApiClient, unique
from tests.support.rpc import rpc_call
from tests.support.suite import ROOT, wait_until

pytestmark = pytest.mark.suite

MISSING = "00000000-0000-4000-8000-000000000000"


def give_role(client: ApiClient, role: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "auth.admin", client.user["email"], "--role", role],
        cwd=ROOT,
        env=os.environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def people(suite):
    """A client per role, each logged in as a user of that role; and a visitor."""
    clients = {}
    for role in ("learner", "instructor", "admin"):
        clients[role] = ApiClient(suite.url)
        clients[role].register()
        if role != "learner":
            give_role(clients[role], role)
    clients["visitor"] = ApiClient(suite.url)
    yield clients
    for client in clients.values():
        client.close()


@pytest.fixture(scope="module")
def items(people) -> dict:
    """Two seed courses and an asset, as order lines, with their prices."""
    api = people["visitor"]
    found = {}
    for slug in ("level-1", "level-2"):
        course = api.course(slug)["course"]
        found[slug] = ({"itemType": "course", "itemId": course["id"]}, Decimal(course["price"]))
    asset = api.assets()[0]
    found["asset"] = ({"itemType": "asset", "itemId": asset["id"]}, Decimal(asset["price"]))
    return found


def create(admin: ApiClient, **fields) -> dict:
    response = admin.post(
        "/api/admin/coupons", json={"code": unique("e2e-"), "kind": "percent", "value": "20", **fields}
    )
    assert response.status_code == 201, response.text
    return response.json()["coupon"]


def buyer(api_factory) -> ApiClient:
    client = api_factory()
    client.register()
    return client


def order(client: ApiClient, lines: list[dict], code: str | None):
    return client.post("/api/orders", json={"items": lines, "couponCode": code})


def quote(client: ApiClient, lines: list[dict], code: str | None):
    return client.post("/api/orders/quote", json={"items": lines, "couponCode": code})


def routes(coupon_id: str) -> list[tuple[str, str, dict]]:
    return [
        ("GET", "/api/admin/coupons", {}),
        ("POST", "/api/admin/coupons", {"json": {"code": unique("r-"), "kind": "fixed", "value": "5.00"}}),
        ("DELETE", f"/api/admin/coupons/{coupon_id}", {}),
    ]


@pytest.mark.parametrize(("role", "status"), [("visitor", 401), ("learner", 403), ("instructor", 403)])
def test_the_coupon_routes_refuse_who_is_not_admin(people, role, status):
    coupon = create(people["admin"])
    for method, path, kwargs in routes(coupon["id"]):
        response = people[role].request(method, path, **kwargs)
        assert response.status_code == status, (method, path, response.text)
        if status == 403:
            assert response.json()["code"] == "ROLE_REQUIRED"
    listed = people["admin"].get("/api/admin/coupons").json()["coupons"]
    assert [c["active"] for c in listed if c["id"] == coupon["id"]] == [True]
    assert not any(c["code"] == routes(coupon["id"])[1][2]["json"]["code"].upper() for c in listed)


def test_an_admin_may_use_every_coupon_route(people):
    coupon = create(people["admin"])
    expected = {"GET": 200, "POST": 201, "DELETE": 204}
    for method, path, kwargs in routes(coupon["id"]):
        response = people["admin"].request(method, path, **kwargs)
        assert response.status_code == expected[method], (method, path, response.text)


def test_commerce_refuses_a_learner_called_directly(people):
    learner = {"id": people["learner"].user["id"], "role": "learner"}
    for method, args in (
        ("list_coupons", ()),
        ("create_coupon", ({"code": unique("d-"), "kind": "percent", "value": "90"},)),
        ("deactivate_coupon", (MISSING,)),
    ):
        with pytest.raises(Forbidden):
            rpc_call("commerce", method, learner, *args)


def test_an_admin_creates_lists_and_deactivates_a_coupon(people, items):
    admin = people["admin"]
    course = items["level-1"][0]
    code = unique("Spring-")
    coupon = create(
        admin,
        code=code,
        kind="fixed",
        value="10.00",
        expiresAt="2099-12-31T23:59:59+00:00",
        maxRedemptions=5,
        maxPerUser=None,
        items=[course],
    )
    assert {k: coupon[k] for k in ("code", "kind", "value", "expiresAt", "maxRedemptions", "maxPerUser")} == {
        "code": code.upper(),
        "kind": "fixed",
        "value": "10.00",
        "expiresAt": "2099-12-31T23:59:59Z",
        "maxRedemptions": 5,
        "maxPerUser": None,
    }
    assert (coupon["items"], coupon["redemptions"], coupon["active"]) == ([course], 0, True)
    assert create(admin)["maxPerUser"] == 1 and create(admin)["items"] is None

    taken = admin.post("/api/admin/coupons", json={"code": code.lower(), "kind": "percent", "value": "5"})
    assert (taken.status_code, taken.json()["code"]) == (409, "COUPON_CODE_TAKEN")

    assert admin.delete(f"/api/admin/coupons/{coupon['id']}").status_code == 204
    (listed,) = [c for c in admin.get("/api/admin/coupons").json()["coupons"] if c["id"] == coupon["id"]]
    assert listed["active"] is False
    for unknown in (MISSING, "not-an-id"):
        response = admin.delete(f"/api/admin/coupons/{unknown}")
        assert (response.status_code, response.json()["code"]) == (404, "COUPON_NOT_FOUND")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"code": "ab"}, "code"),
        ({"code": "has space"}, "code"),
        ({"kind": "bogo"}, "kind"),
        ({"value": "0"}, "value"),
        ({"value": "101"}, "value"),
        ({"value": 20}, "value"),
        ({"kind": "fixed", "value": "10"}, "value"),
        ({"kind": "fixed", "value": "-1.00"}, "value"),
        ({"expiresAt": "2099-01-01T00:00:00"}, "expiresAt"),
        ({"expiresAt": "2000-01-01T00:00:00Z"}, "expiresAt"),
        ({"maxRedemptions": 0}, "maxRedemptions"),
        ({"maxPerUser": "2"}, "maxPerUser"),
        ({"items": []}, "items"),
        ({"items": [{"itemType": "bundle", "itemId": MISSING}]}, "items"),
    ],
)
def test_a_bad_coupon_is_a_400_naming_the_field_and_creates_nothing(people, body, field):
    admin = people["admin"]
    code = unique("bad-")
    response = admin.post("/api/admin/coupons", json={"code": code, "kind": "percent", "value": "20", **body})
    assert response.status_code == 400, response.text
    assert any(name.startswith(field) for name in response.json()["details"]["fields"]), response.json()
    assert not any(c["code"] == code.upper() for c in admin.get("/api/admin/coupons").json()["coupons"])


def test_a_coupon_for_an_item_not_for_sale_is_a_404(people):
    response = people["admin"].post(
        "/api/admin/coupons",
        json={
            "code": unique("x-"),
            "kind": "percent",
            "value": "5",
            "items": [{"itemType": "course", "itemId": MISSING}],
        },
    )
    assert (response.status_code, response.json()["code"]) == (404, "ITEM_NOT_FOUND")


def test_quote_then_order_with_a_coupon(people, items, api_factory):
    coupon = create(people["admin"], value="25", items=[items["level-1"][0]])
    client = buyer(api_factory)
    (course, course_price), (asset, asset_price) = items["level-1"], items["asset"]
    lines = [course, asset]

    quoted = quote(client, lines, coupon["code"].lower())
    assert quoted.status_code == 200, quoted.text
    discount = (course_price * Decimal("0.25")).quantize(Decimal("0.01"), "ROUND_HALF_UP")
    body = quoted.json()
    assert (body["subtotal"], body["discount"], body["total"], body["couponCode"]) == (
        f"{course_price + asset_price:.2f}",
        f"{discount:.2f}",
        f"{course_price + asset_price - discount:.2f}",
        coupon["code"],
    )
    assert [(i["itemId"], i["price"], i["discount"]) for i in body["items"]] == [
        (course["itemId"], f"{course_price:.2f}", f"{discount:.2f}"),
        (asset["itemId"], f"{asset_price:.2f}", "0.00"),
    ]

    placed = order(client, lines, coupon["code"].lower())
    assert placed.status_code == 201, placed.text
    made = placed.json()
    assert (made["order"]["totalAmount"], made["order"]["discount"], made["order"]["couponCode"]) == (
        body["total"],
        body["discount"],
        coupon["code"],
    )
    assert [i["price"] for i in made["items"]] == [f"{course_price - discount:.2f}", f"{asset_price:.2f}"]
    (listed,) = client.get("/api/orders").json()["orders"]
    assert (listed["discount"], listed["couponCode"]) == (body["discount"], coupon["code"])
    wait_until(
        lambda: any(
            e["courseId"] == course["itemId"] for e in client.get("/api/enrollments").json()["enrollments"]
        ),
        10,
        message="the enrollment",
    )
    (counted,) = [
        c for c in people["admin"].get("/api/admin/coupons").json()["coupons"] if c["id"] == coupon["id"]
    ]
    assert counted["redemptions"] == 1


def test_an_order_without_a_coupon_shows_no_discount(items, api_factory):
    client = buyer(api_factory)
    placed = client.post("/api/orders", json={"items": [items["level-2"][0]]})
    assert placed.status_code == 201, placed.text
    assert (placed.json()["order"]["discount"], placed.json()["order"]["couponCode"]) == ("0.00", None)


def test_a_visitor_gets_no_quote(people, items):
    assert quote(people["visitor"], [items["level-1"][0]], None).status_code == 401


def expect_refused(client: ApiClient, lines, code: str, error: str) -> None:
    for call in (quote, order):
        response = call(client, lines, code)
        assert (response.status_code, response.json()["code"]) == (400, error), (call.__name__, response.text)
    assert client.get("/api/orders").json()["orders"] == []


def test_every_coupon_error_is_a_400_with_its_code_and_places_nothing(
    people, items, api_factory, admin_engine
):
    admin, course, other = people["admin"], items["level-1"][0], items["level-2"][0]

    expect_refused(buyer(api_factory), [course], "NO-SUCH-CODE", "COUPON_NOT_FOUND")
    deactivated = create(admin)
    admin.delete(f"/api/admin/coupons/{deactivated['id']}")
    expect_refused(buyer(api_factory), [course], deactivated["code"], "COUPON_NOT_FOUND")

    expired = create(admin, expiresAt=(datetime.now(timezone.utc) + timedelta(hours=1)).isoformat())
    with admin_engine.connect() as conn:  # as if the hour had passed
        conn.execute(
            text("UPDATE commerce.coupons SET expires_at = now() - interval '1 second' WHERE id = :id"),
            {"id": expired["id"]},
        )
    expect_refused(buyer(api_factory), [course], expired["code"], "COUPON_EXPIRED")

    once = create(admin, maxRedemptions=1)
    assert order(buyer(api_factory), [course], once["code"]).status_code == 201
    expect_refused(buyer(api_factory), [course], once["code"], "COUPON_USED_UP")

    per_user = create(admin)
    repeat = buyer(api_factory)
    assert order(repeat, [course], per_user["code"]).status_code == 201
    for call in (quote, order):
        response = call(repeat, [other], per_user["code"])
        assert (response.status_code, response.json()["code"]) == (400, "COUPON_ALREADY_USED")
    assert len(repeat.get("/api/orders").json()["orders"]) == 1

    restricted = create(admin, items=[course])
    expect_refused(buyer(api_factory), [other], restricted["code"], "COUPON_NOT_APPLICABLE")


def test_buyers_at_once_at_the_limit_get_exactly_the_limit(people, items, api_factory):
    coupon = create(people["admin"], maxRedemptions=2)
    clients = [buyer(api_factory) for _ in range(5)]
    start = threading.Barrier(len(clients))
    answers: list = [None] * len(clients)

    def checkout(n: int) -> None:
        start.wait(10)
        answers[n] = order(clients[n], [items["level-1"][0]], coupon["code"])

    threads = [threading.Thread(target=checkout, args=(n,)) for n in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    outcomes = sorted((a.status_code, a.json().get("code")) for a in answers)
    assert outcomes == [(201, None)] * 2 + [(400, "COUPON_USED_UP")] * 3, [a.text for a in answers]
    placed = [len(c.get("/api/orders").json()["orders"]) for c in clients]
    assert sorted(placed) == [0, 0, 0, 1, 1]
    (listed,) = [
        c for c in people["admin"].get("/api/admin/coupons").json()["coupons"] if c["id"] == coupon["id"]
    ]
    assert listed["redemptions"] == 2
