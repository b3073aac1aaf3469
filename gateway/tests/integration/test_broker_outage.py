"""The suite across a broker outage, on a private RabbitMQ node (the machine's
broker is shared and must keep running)."""

import time

import httpx
import pytest
from sqlalchemy import text

from tests.support.api_client import ApiClient
from tests.support.broker import PrivateBroker
from tests.support.suite import Suite, log_dir_for, running_suite, wait_until

# A broker node and suites of their own, outside the `suite` fixture.
pytestmark = [
    pytest.mark.suite,
    pytest.mark.skipif(not PrivateBroker.available(), reason="rabbitmq-server is not installed"),
]


@pytest.fixture
def broker():
    node = PrivateBroker()
    node.start()
    yield node
    node.close()


@pytest.fixture
def outage_suite(database, broker):
    with running_suite("outage", broker.amqp_uri) as suite:
        yield suite


def test_broker_down_is_a_prompt_503_and_service_resumes_after_restart(outage_suite, broker, admin_engine):
    with ApiClient(outage_suite.url) as client:
        user = client.register()
        course = client.course("level-1")["course"]
        orders_before = _order_count(admin_engine, user["id"])

        broker.kill()
        started = time.monotonic()
        response = client.post("/api/orders", json={"items": [{"itemType": "course", "itemId": course["id"]}]})
        elapsed = time.monotonic() - started
        assert response.status_code == 503
        assert response.json()["code"] == "SERVICE_UNAVAILABLE"
        assert elapsed < 5  # well below the 10 s RPC timeout
        assert client.get("/api/ready").status_code == 503
        assert _order_count(admin_engine, user["id"]) == orders_before

        broker.start()
        # The gateway and every service reconnect by themselves.
        wait_until(lambda: _ok(client.get, "/api/ready"), 60, interval=0.5, message="reconnection")
        assert client.get("/api/auth/me").json()["user"]["id"] == user["id"]
        assert client.get("/api/courses").status_code == 200


def test_gateway_started_while_the_broker_is_down_connects_later(database, broker):
    suite = Suite(log_dir_for("late-broker"), env={"AMQP_URI": broker.amqp_uri})
    broker.kill()
    suite.start("gateway")
    try:
        wait_until(lambda: _ok(httpx.get, suite.url + "/api/health"), 30, message="the gateway")
        response = httpx.get(suite.url + "/api/courses", timeout=10)
        assert response.status_code == 503
        broker.start()
        suite.start("catalog")
        wait_until(lambda: _ok(httpx.get, suite.url + "/api/courses"), 60, interval=0.5, message="courses")
    finally:
        suite.stop_all()


def _ok(get, url) -> bool:
    try:
        return get(url).status_code == 200
    except httpx.HTTPError:
        return False


def _order_count(engine, user_id) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM commerce.orders WHERE user_id = :u"), {"u": user_id}).scalar()
