"""The gateway's caches, with the whole suite: catalog answers
(gateway/catalog_cache.py): a change in catalog reaches the gateway at once,
a matching If-None-Match is a 304, a gateway that reconnects to the broker
drops what it kept; learning's copies of courses follow catalog too; resolved
sessions (gateway/session_cache.py): a logout or a profile change at one
gateway takes effect at another at once.

On a private RabbitMQ node (the reconnect test kills it) and a database of
its own (the tests change the catalogue behind catalog's back).
"""

import time
import uuid
from datetime import datetime, timezone

import pytest
from nameko.standalone.events import event_dispatcher
from sqlalchemy import text

from shared.events import MEDIA, MEDIA_READY, MediaReady
from tests.support.api_client import ApiClient
from tests.support.broker import PrivateBroker
from tests.support.suite import answers, free_port, suite_with_own_database, wait_until

pytestmark = [
    pytest.mark.suite,
    pytest.mark.skipif(not PrivateBroker.available(), reason="rabbitmq-server is not installed"),
]


@pytest.fixture(scope="module")
def cache_suite(database, private_broker):
    with suite_with_own_database("catalog-cache", private_broker.amqp_uri) as suite:
        yield suite


@pytest.fixture
def client(cache_suite):
    with ApiClient(cache_suite.url) as api:
        yield api


def retitle_behind_catalogs_back(suite, slug: str) -> str:
    """A new title written straight into catalog's table: no event, so only
    an answer fetched anew shows it."""
    title = f"Retitled {uuid.uuid4().hex[:8]}"
    with suite.admin_engine.connect() as conn:
        conn.execute(text("UPDATE catalog.courses SET title = :t WHERE slug = :s"), {"t": title, "s": slug})
    return title


def test_a_media_event_reaches_the_cached_course_page_within_a_second(cache_suite, client):
    page = client.course("level-2")
    lesson = page["lessons"][-1]
    assert lesson["video"] is None
    title = retitle_behind_catalogs_back(cache_suite, "level-2")
    assert client.course("level-2")["course"]["title"] != title  # answered from the cache

    event = MediaReady(
        event_id=str(uuid.uuid4()), media_id=str(uuid.uuid4()), owner_type="lesson", owner_id=lesson["id"],
        imported_at=datetime.now(timezone.utc), duration_seconds=12.0,
    )  # fmt: skip
    sent = time.monotonic()
    event_dispatcher({"AMQP_URI": cache_suite.amqp_uri})(MEDIA, MEDIA_READY, event.to_payload())

    def shown():
        course = client.course("level-2")
        return (next(l for l in course["lessons"] if l["id"] == lesson["id"])["video"] or {}).get("status") == "ready"

    wait_until(shown, 1.0, interval=0.01, message="the lesson's video ready through the gateway")
    assert time.monotonic() - sent < 1.0
    # The whole answer was fetched anew, not only the lesson.
    assert client.course("level-2")["course"]["title"] == title


def test_a_matching_if_none_match_is_a_304_without_a_body(client):
    first = client.get("/api/courses")
    etag = first.headers["etag"]
    assert first.status_code == 200 and etag.startswith('"')
    assert first.headers["cache-control"] == "no-cache"

    again = client.get("/api/courses", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag

    listed = client.get("/api/courses", headers={"If-None-Match": f'"other", W/{etag}'})
    assert listed.status_code == 304
    stale = client.get("/api/courses", headers={"If-None-Match": '"not-this-one"'})
    assert stale.status_code == 200 and stale.json() == first.json()


def test_answers_over_a_kib_are_gzipped_for_clients_that_take_it(client):
    # httpx asks for gzip and decodes it: the encoding shows in the headers.
    compressed = client.get("/api/courses/level-1")
    assert compressed.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in compressed.headers["vary"].lower()
    plain = client.get("/api/courses/level-1", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.json() == compressed.json()
    assert compressed.headers["etag"] != plain.headers["etag"]  # one strong ETag per representation


def test_a_cached_answer_is_never_served_where_a_session_is_needed(client):
    client.get("/api/courses")
    assert client.get("/api/enrollments").status_code == 401
    client.register()
    response = client.get("/api/courses")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"  # a request with a session cookie


def test_a_gateway_that_reconnects_to_the_broker_drops_its_cache(cache_suite, client, private_broker):
    client.course("level-1")
    title = retitle_behind_catalogs_back(cache_suite, "level-1")
    assert client.course("level-1")["course"]["title"] != title  # cached

    private_broker.kill()
    private_broker.start()
    wait_until(lambda: client.get("/api/ready").status_code == 200, 60, interval=0.5, message="reconnection")
    assert client.course("level-1")["course"]["title"] == title


def test_a_change_in_catalog_reaches_the_courses_of_the_enrollments(cache_suite, client):
    client.register()
    client.buy_course("level-1")
    assert client.get("/api/enrollments").json()["enrollments"][0]["course"]["slug"] == "level-1"  # copied
    title = retitle_behind_catalogs_back(cache_suite, "level-1")
    assert client.get("/api/enrollments").json()["enrollments"][0]["course"]["title"] != title  # the copy

    lesson = client.course("level-1")["lessons"][-1]
    event = MediaReady(
        event_id=str(uuid.uuid4()), media_id=str(uuid.uuid4()), owner_type="lesson", owner_id=lesson["id"],
        imported_at=datetime.now(timezone.utc), duration_seconds=12.0,
    )  # fmt: skip
    event_dispatcher({"AMQP_URI": cache_suite.amqp_uri})(MEDIA, MEDIA_READY, event.to_payload())
    wait_until(
        lambda: client.get("/api/enrollments").json()["enrollments"][0]["course"]["title"] == title,
        1.0, interval=0.01, message="the new title in the enrollments",
    )  # fmt: skip


@pytest.fixture(scope="module")
def second_gateway(cache_suite):
    """Another gateway process on the same broker, as a second instance behind a balancer."""
    port = free_port()
    process = cache_suite.start("gateway", env={"PORT": str(port)})
    url = f"http://127.0.0.1:{port}"
    wait_until(lambda: answers(url + "/api/ready"), 60, interval=0.2, message="the second gateway")
    yield url
    cache_suite.stop(process)


def _same_session(first: ApiClient, url: str) -> ApiClient:
    other = ApiClient(url)
    for name, value in first.cookies.items():
        other.cookies.set(name, value)
    return other


def test_a_logout_at_one_gateway_ends_the_session_at_the_other_at_once(cache_suite, client, second_gateway):
    client.register()
    with _same_session(client, second_gateway) as other:
        assert client.get("/api/auth/me").status_code == 200
        assert other.get("/api/auth/me").status_code == 200  # resolved, and kept for seconds
        assert client.post("/api/auth/logout").status_code == 204
        ended = time.monotonic()
        wait_until(lambda: other.get("/api/auth/me").status_code == 401, 1.0, interval=0.01,
                   message="the session ended at the other gateway")  # fmt: skip
        assert time.monotonic() - ended < 1.0


def test_a_profile_change_at_one_gateway_shows_at_the_other_at_once(cache_suite, client, second_gateway):
    user = client.register()
    with _same_session(client, second_gateway) as other:
        assert other.get("/api/auth/me").json()["user"]["username"] == user["username"]
        renamed = f"r{uuid.uuid4().hex[:12]}"
        assert client.put("/api/auth/profile", json={"username": renamed}).status_code == 200
        wait_until(lambda: other.get("/api/auth/me").json()["user"]["username"] == renamed, 1.0, interval=0.01,
                   message="the new username at the other gateway")  # fmt: skip


def test_a_resolved_session_is_kept_for_seconds_at_most(cache_suite, client):
    user = client.register()
    assert client.get("/api/auth/me").status_code == 200
    with cache_suite.admin_engine.connect() as conn:  # ended behind auth's back: no event
        conn.execute(text("DELETE FROM auth.sessions WHERE user_id = :id"), {"id": user["id"]})
    kept = time.monotonic()
    assert client.get("/api/auth/me").status_code == 200  # kept
    wait_until(lambda: client.get("/api/auth/me").status_code == 401, 10, interval=0.1, message="the end")
    assert time.monotonic() - kept <= 5.0 + 1.0  # SESSION_CACHE_SECONDS' default, and a request's time
