"""Checkout under an Idempotency-Key, through the gateway on the real suite:
a retried or redelivered checkout answers the order it placed, once."""

import signal
import uuid

from sqlalchemy import text

from tests.support.rpc import rpc_call
from tests.support.suite import wait_until


def items_of(api, *slugs):
    return [{"itemType": "course", "itemId": api.course(slug)["course"]["id"]} for slug in slugs]


def checkout(api, items, key=None):
    headers = {"Idempotency-Key": key} if key else {}
    return api.post("/api/orders", json={"items": items}, headers=headers)


def placed(admin_engine, user_id) -> list[dict]:
    with admin_engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT o.id::text AS id, o.idempotency_key, (SELECT count(*) FROM commerce.outbox e"
                " WHERE e.aggregate_id = o.id) AS events FROM commerce.orders o WHERE o.user_id = :u"
            ),
            {"u": user_id},
        )
        return [dict(row._mapping) for row in rows]


def test_a_retried_checkout_answers_the_same_order(api, admin_engine):
    user = api.register()
    items, key = items_of(api, "level-1"), str(uuid.uuid4())
    first = checkout(api, items, key)
    retries = [checkout(api, items, key) for _ in range(3)]

    assert first.status_code == 201, first.text
    assert [(r.status_code, r.json()) for r in retries] == [(201, first.json())] * 3
    order = {"id": first.json()["order"]["id"], "idempotency_key": key, "events": 1}
    assert placed(admin_engine, user["id"]) == [order]
    assert len(api.get("/api/orders").json()["orders"]) == 1


def test_a_key_used_for_other_items_is_422(api, admin_engine):
    user = api.register()
    key = str(uuid.uuid4())
    assert checkout(api, items_of(api, "level-1"), key).status_code == 201
    response = checkout(api, items_of(api, "level-2"), key)
    assert response.status_code == 422
    assert response.json()["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert len(placed(admin_engine, user["id"])) == 1


def test_a_malformed_key_is_400(api):
    api.register()
    response = checkout(api, items_of(api, "level-1"), "not a key")
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["details"]["fields"]


def test_a_redelivered_checkout_without_a_clients_key_answers_its_order(api, admin_engine):
    """What the broker hands commerce again after a crash past the commit is
    the same message: the call, with the key the gateway gave it."""
    user = api.register()
    items = items_of(api, "level-1")
    first = checkout(api, items)
    assert first.status_code == 201, first.text
    (order,) = placed(admin_engine, user["id"])
    assert uuid.UUID(order["idempotency_key"]), "the gateway sent a key of its own"

    redelivered = rpc_call("commerce", "create_order", user["id"], items, order["idempotency_key"])
    assert redelivered == first.json()
    assert len(placed(admin_engine, user["id"])) == 1


def test_after_a_504_the_same_key_gets_the_one_order(suite, api, admin_engine):
    user = api.register()
    items, key = items_of(api, "level-1"), str(uuid.uuid4())
    (commerce,) = suite.processes["commerce"]
    commerce.send_signal(signal.SIGSTOP)
    try:
        timed_out = checkout(api, items, key)
    finally:
        commerce.send_signal(signal.SIGCONT)
    assert timed_out.status_code == 504
    body = timed_out.json()
    assert "unknown" in body["message"]
    assert body["details"] == {"outcome": "unknown", "check": "GET /api/orders", "idempotencyKey": key}

    retried = wait_until(lambda: _created(checkout(api, items, key)), 30, interval=0.5, message="the retry")
    assert [o["id"] for o in api.get("/api/orders").json()["orders"]] == [retried["order"]["id"]]
    assert len(placed(admin_engine, user["id"])) == 1


def _created(response):
    return response.json() if response.status_code == 201 else None
