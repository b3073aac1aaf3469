"""The staff order routes with a fake RPC client: what reaches commerce."""

import pytest
from fastapi.testclient import TestClient

from gateway import cookies
from gateway.app import create_app
from gateway.deps import get_rpc, get_throttle
from tests.support.gateway_fakes import USER, FakeRpc, FakeThrottle

ADMIN = {**USER, "role": "admin"}
ACTOR = {"id": ADMIN["id"], "role": "admin"}
ORDER_ID = "3f1c3a57-6b0e-4a53-9a37-1f7d0c5b2e10"
ITEM_ID = "0d6f3c1e-2a4b-4c5d-8e9f-a0b1c2d3e4f5"
ORDER = {
    "id": ORDER_ID, "userId": USER["id"], "totalAmount": "149.00", "status": "refunded",
    "createdAt": "2026-12-01T10:00:00Z", "refunds": [],
    "items": [{"id": ITEM_ID, "orderId": ORDER_ID, "itemType": "course", "itemId": ITEM_ID, "price": "149.00", "refunded": True}],
}
REFUND = {
    "id": ITEM_ID, "orderId": ORDER_ID, "amount": "149.00", "reason": "Mistake", "createdAt": "2026-12-01T11:00:00Z",
    "createdBy": ADMIN["id"], "items": [{"itemType": "course", "itemId": ITEM_ID, "price": "149.00"}],
}


@pytest.fixture
def client(tmp_path):
    from shared.settings import Settings

    settings = Settings(session_secret="s", web_dist_dir=str(tmp_path / "no-web"), log_level="WARNING")
    app = create_app(settings)
    rpc = FakeRpc(
        {
            ("auth", "resolve_session"): ADMIN,
            ("commerce", "list_orders_for_staff"): [ORDER],
            ("commerce", "get_order_for_staff"): ORDER,
            ("commerce", "refund_order"): {"refund": REFUND, "order": ORDER},
        }
    )
    app.dependency_overrides[get_rpc] = lambda: rpc
    app.dependency_overrides[get_throttle] = FakeThrottle
    test_client = TestClient(app, raise_server_exceptions=False)
    test_client.cookies.set("session", cookies.sign(settings.session_secret, "token"))
    test_client.rpc = rpc
    return test_client


def commerce_calls(client):
    return [(method, args) for service, method, args, _ in client.rpc.calls if service == "commerce"]


def test_listing_passes_the_actor_the_user_and_the_limit(client):
    assert client.get("/api/admin/orders").json() == {"orders": [ORDER]}
    assert client.get("/api/admin/orders", params={"userId": USER["id"], "limit": 7}).status_code == 200
    assert commerce_calls(client) == [
        ("list_orders_for_staff", (ACTOR, None, 50)),
        ("list_orders_for_staff", (ACTOR, USER["id"], 7)),
    ]


def test_a_refund_without_items_asks_for_every_item_and_with_items_for_those(client):
    response = client.post(f"/api/admin/orders/{ORDER_ID}/refunds", json={"reason": "Mistake"})
    assert response.status_code == 201 and response.json() == {"refund": REFUND, "order": ORDER}
    items = [{"itemType": "course", "itemId": ITEM_ID}]
    assert client.post(f"/api/admin/orders/{ORDER_ID}/refunds", json={"reason": "R", "items": items}).status_code == 201
    assert commerce_calls(client) == [
        ("refund_order", (ACTOR, ORDER_ID, None, "Mistake")),
        ("refund_order", (ACTOR, ORDER_ID, items, "R")),
    ]


@pytest.mark.parametrize(
    "body",
    [{}, {"reason": ""}, {"reason": "x" * 501}, {"reason": "R", "items": []}, {"reason": "R", "items": [{"itemType": "x", "itemId": "y"}]}],
)
def test_a_bad_refund_body_is_400_without_a_call(client, body):
    response = client.post(f"/api/admin/orders/{ORDER_ID}/refunds", json=body)
    assert response.status_code == 400, response.text
    assert commerce_calls(client) == []
