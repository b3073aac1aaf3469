"""A service that another needs is down: a prompt 503, and nothing happens later."""

import time

from sqlalchemy import text

from shared.settings import get_settings


def _orders_of(admin_engine, user_id) -> int:
    with admin_engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM commerce.orders WHERE user_id = :u"), {"u": user_id}).scalar()


def test_checkout_with_catalog_down_is_503_and_never_places_the_order(suite, api, admin_engine):
    user = api.register()
    course_id = api.course("level-2")["course"]["id"]
    with suite.service_down("catalog"):
        started = time.monotonic()
        response = api.post("/api/orders", json={"items": [{"itemType": "course", "itemId": course_id}]})
        elapsed = time.monotonic() - started
        assert response.status_code == 503
        assert response.json()["code"] == "SERVICE_UNAVAILABLE"
        # Commerce asked the broker whether catalog runs, instead of sending
        # the call and waiting for its deadline.
        assert elapsed < get_settings().service_rpc_timeout_seconds / 2
    # Catalog is back (service_down waited for /api/ready): nothing can place
    # the order now, as no call to price it was ever sent.
    assert _orders_of(admin_engine, user["id"]) == 0
    assert api.get("/api/orders").json()["orders"] == []


def test_enrollments_with_catalog_down_are_503(suite, api):
    api.register()
    with suite.service_down("catalog"):
        enroll = api.post("/api/enrollments", json={"courseId": "9b2f6f5e-3d7c-4f0a-9a55-0f3c2b0c1d11"})
    assert enroll.status_code == 503
