"""Routes with a fake RPC client: validation, status codes and error bodies."""

import uuid

import pytest
from fastapi.testclient import TestClient

from gateway import cookies
from gateway.app import create_app
from gateway.deps import get_rpc, get_throttle
from shared import errors
from shared.rpc import RemoteError, RpcTimeout, ServiceUnavailable
from shared.settings import SERVICES, Settings
from tests.support.gateway_fakes import USER, FakeRpc, FakeThrottle

@pytest.fixture
def settings(tmp_path):
    return Settings(session_secret="s", web_dist_dir=str(tmp_path / "no-web"), log_level="WARNING")


@pytest.fixture
def make_client(settings):
    def make(answers=None, throttle=None):
        app = create_app(settings)
        rpc, throttle = FakeRpc(answers), throttle or FakeThrottle()
        app.dependency_overrides[get_rpc] = lambda: rpc
        app.dependency_overrides[get_throttle] = lambda: throttle
        client = TestClient(app, raise_server_exceptions=False)
        client.rpc, client.throttle = rpc, throttle
        return client

    return make


def logged_in(client, settings):
    client.cookies.set("session", cookies.sign(settings.session_secret, "token"))
    return client


def test_register_sets_an_httponly_lax_cookie(make_client):
    client = make_client({("auth", "register"): {"user": USER, "token": "t0k"}})
    response = client.post("/api/auth/register", json={"username": "ann", "email": "a@x.io", "password": "p" * 8})
    assert response.status_code == 201
    assert response.json() == {"user": USER}
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie and "Secure" not in cookie


def test_cookie_is_secure_when_configured(tmp_path):
    app = create_app(Settings(session_secret="s", cookie_secure=True, web_dist_dir=str(tmp_path)))
    app.dependency_overrides[get_rpc] = lambda: FakeRpc({("auth", "login"): {"user": USER, "token": "t"}})
    app.dependency_overrides[get_throttle] = FakeThrottle
    response = TestClient(app).post("/api/auth/login", json={"email": "a@x.io", "password": "p"})
    assert "Secure" in response.headers["set-cookie"]


def test_a_login_over_a_limit_is_429_with_retry_after_and_no_call_to_auth(make_client):
    client = make_client(throttle=FakeThrottle(errors.TooManyRequests(details={"retryAfterSeconds": 42})))
    response = client.post("/api/auth/login", json={"email": "a@x.io", "password": "p" * 8})
    assert response.status_code == 429
    assert response.headers["retry-after"] == "42"
    assert response.json() == {
        "message": "Too many attempts; try again later",
        "code": "RATE_LIMITED",
        "details": {"retryAfterSeconds": 42},
    }
    assert client.rpc.calls == []


def test_a_password_reset_request_is_202_with_no_body_whatever_auth_knows(make_client):
    client = make_client({("auth", "request_password_reset"): None})
    response = client.post("/api/auth/password-reset", json={"email": "a@x.io"})
    assert (response.status_code, response.content) == (202, b"")
    assert client.throttle.attempts == [("password reset", "a@x.io", "testclient")]


def test_a_password_reset_request_over_the_limit_is_429_and_no_call_to_auth(make_client):
    client = make_client(throttle=FakeThrottle(errors.TooManyRequests(details={"retryAfterSeconds": 9})))
    response = client.post("/api/auth/password-reset", json={"email": "a@x.io"})
    assert (response.status_code, response.headers["retry-after"]) == (429, "9")
    assert client.rpc.calls == []


def test_a_password_change_sets_the_new_sessions_cookie(make_client, settings):
    client = logged_in(
        make_client({("auth", "resolve_session"): USER, ("auth", "change_password"): {"user": USER, "token": "n3w"}}),
        settings,
    )
    response = client.put("/api/auth/password", json={"currentPassword": "old one", "newPassword": "new one!"})
    assert response.status_code == 204
    assert cookies.sign(settings.session_secret, "n3w") in response.headers["set-cookie"]


def test_a_registration_over_the_limit_is_429_and_no_call_to_auth(make_client):
    client = make_client(throttle=FakeThrottle(errors.TooManyRequests(details={"retryAfterSeconds": 5})))
    response = client.post("/api/auth/register", json={"username": "ann", "email": "a@x.io", "password": "p" * 8})
    assert (response.status_code, response.headers["retry-after"]) == (429, "5")
    assert client.rpc.calls == []


def test_only_a_successful_login_starts_the_account_count_over(make_client):
    client = make_client({("auth", "login"): errors.Unauthenticated()})
    assert client.post("/api/auth/login", json={"email": "a@x.io", "password": "wrong"}).status_code == 401
    assert client.throttle.attempts == [("login", "a@x.io", "testclient")]
    client = make_client({("auth", "login"): {"user": USER, "token": "t"}})
    assert client.post("/api/auth/login", json={"email": "a@x.io", "password": "right"}).status_code == 200
    assert client.throttle.attempts == [("login", "a@x.io", "testclient"), ("login succeeded", "a@x.io")]


def test_a_profile_update_passes_the_current_password_and_session_and_counts_the_attempt(make_client, settings):
    client = logged_in(make_client({("auth", "resolve_session"): USER, ("auth", "update_profile"): USER}), settings)
    body = {"email": "new@x.io", "currentPassword": "correct horse battery"}
    assert client.put("/api/auth/profile", json=body).status_code == 200
    assert client.rpc.calls[-1] == (
        "auth",
        "update_profile",
        (USER["id"],),
        {"username": None, "email": "new@x.io", "current_password": "correct horse battery", "token": "token"},
    )
    assert client.throttle.attempts == [("login", USER["email"], "testclient")]


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (errors.InvalidInput("bad"), 400),
        (errors.Unauthenticated(), 401),
        (errors.PaymentRequired("pay"), 402),
        (errors.NotFound(), 404),
        (errors.Conflict("taken"), 409),
        (ServiceUnavailable("down"), 503),
        (RpcTimeout("slow"), 504),
        (RemoteError("KeyError", "'secret detail'"), 500),
    ],
)
def test_rpc_failures_map_to_statuses_with_one_body_shape(make_client, error, status):
    client = make_client({("catalog", "list_courses"): error})
    response = client.get("/api/courses")
    assert response.status_code == status
    assert set(response.json()) == {"message", "code", "details"}
    assert "secret detail" not in response.text and "Traceback" not in response.text


def test_validation_errors_are_400_with_the_fields(make_client):
    response = make_client().post("/api/auth/login", json={"email": "a@x.io"})
    assert response.status_code == 400
    assert response.json()["code"] == "VALIDATION_ERROR"
    assert "password" in response.json()["details"]["fields"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [("{not json", "application/json"), ("[1, 2]", "application/json"), ("email=a", "text/plain")],
)
def test_bodies_that_are_not_a_json_object_are_400(make_client, body, content_type):
    response = make_client().post("/api/auth/login", content=body, headers={"content-type": content_type})
    assert response.status_code == 400
    assert set(response.json()) == {"message", "code", "details"}


def test_bodies_over_one_mib_are_413(make_client):
    client = make_client()
    response = client.post("/api/auth/login", content=b"x" * (1024 * 1024 + 1), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["code"] == "PAYLOAD_TOO_LARGE"
    assert client.rpc.calls == []


def test_streamed_bodies_over_one_mib_are_413(make_client):
    def chunks():
        for _ in range(17):
            yield b"x" * 65536

    response = make_client().post("/api/auth/login", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_unknown_api_paths_are_a_json_404(make_client):
    response = make_client().get("/api/nothing/here")
    assert response.status_code == 404
    assert response.json()["code"] == "NOT_FOUND"


def test_wrong_method_is_a_json_405(make_client):
    response = make_client().delete("/api/courses")
    assert response.status_code == 405
    assert set(response.json()) == {"message", "code", "details"}


def test_me_without_a_cookie_is_401_without_calling_auth(make_client):
    client = make_client()
    response = client.get("/api/auth/me")
    assert response.status_code == 401
    assert client.rpc.calls == []


def test_me_resolves_the_signed_token(make_client, settings):
    client = logged_in(make_client({("auth", "resolve_session"): USER}), settings)
    assert client.get("/api/auth/me").json() == {"user": USER}
    assert client.rpc.calls[0][:3] == ("auth", "resolve_session", ("token",))


def test_request_id_is_taken_or_made_and_echoed(make_client):
    client = make_client({("catalog", "list_courses"): []})
    assert client.get("/api/courses", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"] == "abc-123"
    assert len(client.get("/api/courses").headers["x-request-id"]) == 32


def test_openapi_docs_are_served(make_client):
    client = make_client()
    assert client.get("/api/docs").status_code == 200
    assert "/api/courses/{slug}" in client.get("/api/openapi.json").json()["paths"]


def test_nul_characters_in_bodies_are_400(make_client):
    client = make_client()
    response = client.post("/api/auth/login", json={"email": "a\u0000@x.io", "password": "password"})
    assert response.status_code == 400
    assert "email" in response.json()["details"]["fields"]
    assert client.rpc.calls == []


def test_nul_characters_in_paths_are_404(make_client):
    client = make_client()
    response = client.get("/api/courses/%00")
    assert response.status_code == 404
    assert response.json()["code"] == "NOT_FOUND"
    assert client.rpc.calls == []


# -- HTTP method semantics ---------------------------------------------------------


COURSE = {
    "id": "c1",
    "title": "T",
    "slug": "level-1",
    "description": "D",
    "shortDescription": "S",
    "price": "149.00",
    "level": "01",
    "duration": "4.5 HOURS",
    "lessonsCount": 24,
    "badge": None,
    "color": "electricBlue",
}


def test_head_is_the_get_without_its_body(make_client):
    client = make_client({("catalog", "list_courses"): [COURSE]})
    get, head = client.get("/api/courses"), client.head("/api/courses")
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"] == str(len(get.content))
    assert head.headers["content-type"] == get.headers["content-type"] == "application/json"
    assert len(client.rpc.calls) == 2


def test_head_of_a_route_that_needs_a_session_is_its_401_without_a_body(make_client):
    response = make_client().head("/api/auth/me")
    assert response.status_code == 401
    assert response.content == b""


@pytest.mark.parametrize(
    ("path", "allow"),
    [
        ("/api/orders", "GET, HEAD, POST, OPTIONS"),
        ("/api/enrollments", "GET, HEAD, POST, OPTIONS"),
        ("/api/auth/login", "POST, OPTIONS"),
        ("/api/auth/profile", "PUT, OPTIONS"),
        ("/api/courses/level-1", "GET, HEAD, OPTIONS"),
    ],
)
def test_options_lists_the_methods_of_the_path(make_client, path, allow):
    client = make_client()
    response = client.options(path)
    assert response.status_code == 204
    assert response.headers["allow"] == allow
    assert response.content == b""
    assert client.rpc.calls == []


@pytest.mark.parametrize("method", ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
@pytest.mark.parametrize("path", ["/api/nothing/here", "/api", "/api/"])
def test_unknown_api_paths_are_a_json_404_for_every_method(make_client, method, path):
    response = make_client().request(method, path, json={} if method in ("POST", "PUT", "PATCH") else None)
    assert response.status_code == 404
    if method != "HEAD":
        assert response.json()["code"] == "NOT_FOUND"
        assert set(response.json()) == {"message", "code", "details"}


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("GET", "/api/auth/login", "POST, OPTIONS"),
        ("GET", "/api/auth/logout", "POST, OPTIONS"),
        ("PUT", "/api/courses/level-1", "GET, HEAD, OPTIONS"),
        # Two routes share the path: Allow names the methods of both.
        ("DELETE", "/api/orders", "GET, HEAD, POST, OPTIONS"),
        ("PATCH", "/api/enrollments", "GET, HEAD, POST, OPTIONS"),
    ],
)
def test_a_method_the_path_does_not_answer_is_a_json_405_with_allow(make_client, method, path, allow):
    client = make_client()
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow
    assert response.json()["code"] == "METHOD_NOT_ALLOWED"
    assert set(response.json()) == {"message", "code", "details"}
    assert client.rpc.calls == []


def test_head_of_a_post_only_route_is_405_without_a_body(make_client):
    response = make_client().head("/api/auth/login")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST, OPTIONS"
    assert response.content == b""


def test_ready_names_a_failing_service_and_tells_nothing_of_why(make_client):
    reason = 'relation "catalog.alembic_version" does not exist (psycopg2.errors.UndefinedTable)'
    answers = {(service, "ping"): {"service": service} for service in SERVICES}
    client = make_client({**answers, ("catalog", "ping"): RemoteError("ProgrammingError", reason)})
    response = client.get("/api/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["code"] == "NOT_READY" and "catalog" in body["message"]
    assert body["details"]["services"] == {
        service: "unavailable" if service == "catalog" else "ok" for service in SERVICES
    }
    assert "alembic" not in response.text and "psycopg2" not in response.text


def test_ready_when_every_service_answers(make_client):
    client = make_client({(service, "ping"): {"service": service} for service in SERVICES})
    assert client.get("/api/ready").json() == {"status": "ready", "services": dict.fromkeys(SERVICES, "ok")}


@pytest.mark.parametrize("body", [b'{"seconds": -1}', b'{"seconds": NaN}', b'{"seconds": Infinity}', b'{"seconds": "9"}', b"{}"])
def test_a_position_that_is_not_a_number_of_seconds_is_400_before_any_call(make_client, settings, body):
    client = logged_in(make_client({("auth", "resolve_session"): USER}), settings)
    response = client.put(
        "/api/lessons/5d0c7f0e-1b1a-4c1e-8f0a-0a9b8c7d6e5f/position",
        content=body,
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400, response.text
    assert "seconds" in response.json()["details"]["fields"]
    assert [call[:2] for call in client.rpc.calls] == [("auth", "resolve_session")]


def test_a_position_is_saved_for_the_caller(make_client, settings):
    client = logged_in(
        make_client({("auth", "resolve_session"): USER, ("learning", "save_position"): False}), settings
    )
    response = client.put("/api/lessons/L1/position", json={"seconds": 12.5})
    assert response.status_code == 204 and response.content == b""
    assert client.rpc.calls[-1] == ("learning", "save_position", (USER["id"], "L1", 12.5), {})


LESSON_ID = "5d0c7f0e-1b1a-4c1e-8f0a-0a9b8c7d6e5f"
MEDIA_ID = "0b6c3c1e-6f1a-4d8e-9d51-5a1f2f3c4b5d"


def opened(preview, video_ready=True):
    lesson = {
        "id": LESSON_ID, "courseId": "c", "moduleNumber": 1, "moduleName": "M", "lessonNumber": 1, "title": "T",
        "videoUrl": None, "duration": 10, "preview": preview,
        "video": {"status": "ready", "durationSeconds": 10} if video_ready else None,
    }
    return {"lesson": lesson, "notes": "# Notes", "position": None}


KEYS = {"mediaId": MEDIA_ID, "masterPlaylistKey": f"hls/{MEDIA_ID}/master.m3u8", "posterKey": f"hls/{MEDIA_ID}/poster.jpg"}


def test_a_preview_opens_for_a_visitor_with_a_public_playback_url(make_client):
    client = make_client({("learning", "open_lesson"): opened(preview=True), ("media", "get_playback"): KEYS})
    response = client.get(f"/api/lessons/{LESSON_ID}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"lesson", "notes", "playback", "position"} and body["position"] is None
    assert f"/media/{MEDIA_ID}/" in body["playback"]["hlsUrl"] and "/public/" in body["playback"]["hlsUrl"]
    assert client.rpc.calls[0][:3] == ("learning", "open_lesson", (None, LESSON_ID))


def test_a_lesson_opens_bound_to_its_user_and_without_playback_until_ready(make_client, settings):
    client = logged_in(
        make_client({("auth", "resolve_session"): USER, ("learning", "open_lesson"): opened(preview=False), ("media", "get_playback"): KEYS}),
        settings,
    )
    playback = client.get(f"/api/lessons/{LESSON_ID}").json()["playback"]
    assert f"/{USER['id']}/" in playback["hlsUrl"]
    client = make_client({("learning", "open_lesson"): opened(preview=True, video_ready=False)})
    assert client.get(f"/api/lessons/{LESSON_ID}").json()["playback"] is None
    assert [c[1] for c in client.rpc.calls] == ["open_lesson"]


def test_an_ended_session_opens_a_lesson_as_a_visitor(make_client, settings):
    client = logged_in(
        make_client({("auth", "resolve_session"): errors.Unauthenticated(), ("learning", "open_lesson"): errors.Unauthenticated()}),
        settings,
    )
    assert client.get(f"/api/lessons/{LESSON_ID}").status_code == 401
    assert client.rpc.calls[-1][2] == (None, LESSON_ID)


ORDER_ITEMS = [{"itemType": "course", "itemId": "9b2f6f5e-3d7c-4f0a-9a55-0f3c2b0c1d11"}]
PLACED = {
    "order": {
        "id": "5d1c0f5e-3d7c-4f0a-9a55-0f3c2b0c1d22",
        "userId": USER["id"],
        "totalAmount": "149.00",
        "status": "completed",
        "createdAt": "2026-01-01T00:00:00Z",
        "discount": "0.00",
        "couponCode": None,
    },
    "items": [],
}


def checkout(make_client, settings, answer=None, **headers):
    answers = {("auth", "resolve_session"): USER, ("commerce", "create_order"): answer}
    client = logged_in(make_client(answers), settings)
    response = client.post("/api/orders", json={"items": ORDER_ITEMS}, headers=headers)
    calls = [call for call in client.rpc.calls if call[:2] == ("commerce", "create_order")]
    return response, calls


def test_checkout_passes_the_clients_idempotency_key_on(make_client, settings):
    response, calls = checkout(make_client, settings, PLACED, **{"Idempotency-Key": "attempt-1"})
    assert response.status_code == 201
    assert calls == [
        ("commerce", "create_order", (USER["id"], ORDER_ITEMS), {"idempotency_key": "attempt-1"})
    ]


def test_checkout_without_a_key_sends_one_of_its_own_per_request(make_client, settings):
    keys = [checkout(make_client, settings, PLACED)[1][0][3]["idempotency_key"] for _ in range(2)]
    assert all(uuid.UUID(key) for key in keys) and keys[0] != keys[1]


@pytest.mark.parametrize("key", ["x" * 256, "with space", ""])
def test_a_malformed_idempotency_key_is_400_before_any_call(make_client, settings, key):
    response, calls = checkout(make_client, settings, **{"Idempotency-Key": key})
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["details"]["fields"]
    assert calls == []


def test_a_key_reused_for_other_items_is_422(make_client, settings):
    reused = errors.Unprocessable("used", code="IDEMPOTENCY_KEY_REUSED", details={"orderId": "o1"})
    response, _calls = checkout(make_client, settings, reused, **{"Idempotency-Key": "attempt-1"})
    assert response.status_code == 422
    assert response.json() == {
        "message": "used",
        "code": "IDEMPOTENCY_KEY_REUSED",
        "details": {"orderId": "o1"},
    }


def test_a_checkout_504_says_the_outcome_is_unknown_and_how_to_check(make_client, settings):
    response, _calls = checkout(make_client, settings, RpcTimeout("slow"), **{"Idempotency-Key": "attempt-1"})
    assert response.status_code == 504
    body = response.json()
    assert "unknown" in body["message"]
    assert body["details"] == {
        "outcome": "unknown",
        "check": "GET /api/orders",
        "idempotencyKey": "attempt-1",
    }
