"""The suite's JSON logs, read from its processes' log files: the request id
travels from ``X-Request-ID`` through the gateway, RPC and events into every
service line for that request, and no password, token or cookie is ever
written."""

import re
import uuid

from shared.settings import get_settings
from tests.support.api_client import unique
from tests.support.observe import json_lines
from tests.support.suite import wait_until


def lines_with(suite, request_id: str) -> list[dict]:
    return [
        {**line, "file": path.name}
        for path in sorted(suite.log_dir.glob("*.log"))
        for line in json_lines(path)
        if line.get("request_id") == request_id
    ]


def wait_for_lines(suite, request_id: str, expected: set[tuple[str, str]]) -> list[dict]:
    """Wait until the log has a line of each ``(process, event or method)``."""

    def found():
        lines = lines_with(suite, request_id)
        seen = {
            (line["process"], line["method"] if line["event"] == "handled" else line["event"])
            for line in lines
        }
        return lines if expected <= seen else None

    return wait_until(found, 20, interval=0.2, message=f"log lines {sorted(expected)} for {request_id}")


def test_request_id_from_the_header_is_echoed_and_logged_by_gateway_and_service(suite, api):
    request_id = f"trace-{uuid.uuid4().hex}"
    # An unknown course: a known one is answered from the gateway's cache, without a call.
    response = api.get("/api/courses/no-such-course", headers={"X-Request-ID": request_id})
    assert response.status_code == 404
    assert response.headers["X-Request-ID"] == request_id

    lines = wait_for_lines(suite, request_id, {("gateway", "request"), ("catalog", "get_course_by_slug")})
    access = next(line for line in lines if line["process"] == "gateway" and line["event"] == "request")
    assert access["route"] == "/api/courses/{slug}" and access["status"] == 404
    assert all(line["level"] in ("info", "warning", "error", "debug") for line in lines)


def test_a_request_without_an_id_gets_one_that_reaches_the_services(suite, api):
    api.register()
    response = api.get("/api/auth/me")
    assert response.status_code == 200
    request_id = response.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    wait_for_lines(suite, request_id, {("gateway", "request"), ("auth", "resolve_session")})


def test_request_id_follows_an_order_through_rpc_and_the_event(suite, api):
    api.register()
    course = api.course("level-1")["course"]
    request_id = f"order-{uuid.uuid4().hex}"
    response = api.post(
        "/api/orders",
        json={"items": [{"itemType": "course", "itemId": course["id"]}]},
        headers={"X-Request-ID": request_id},
    )
    assert response.status_code == 201, response.text
    wait_for_lines(
        suite,
        request_id,
        {
            ("gateway", "request"),
            ("commerce", "create_order"),  # RPC from the gateway
            ("catalog", "price_items"),  # RPC from commerce
            ("learning", "handle_order_completed"),  # the order_completed event
        },
    )


def test_no_password_token_or_cookie_in_any_log_line(suite, api_factory):
    password = f"Pw-{uuid.uuid4().hex}"
    wrong_password = f"Wrong-{uuid.uuid4().hex}"
    client = api_factory()
    user = client.register(password=password)
    cookie_name = get_settings().session_cookie
    cookies = [client.cookies.get(cookie_name)]
    assert client.post("/api/auth/logout").status_code in (200, 204)

    request_id = f"login-{uuid.uuid4().hex}"
    login = client.post(
        "/api/auth/login",
        json={"email": user["email"], "password": password},
        headers={"X-Request-ID": request_id},
    )
    assert login.status_code == 200
    cookies.append(client.cookies.get(cookie_name))
    assert client.get("/api/auth/me").status_code == 200
    refused = client.post("/api/auth/login", json={"email": user["email"], "password": wrong_password})
    assert refused.status_code == 401
    other = api_factory()
    other.register(username=unique(), password=password)
    wait_for_lines(suite, request_id, {("gateway", "request"), ("auth", "login")})

    # The cookie value, and each part of it: the token and its signature.
    secrets = {password, wrong_password}
    for cookie in cookies:
        assert cookie
        secrets |= {cookie, *cookie.rsplit(".", 1)}
    for path in sorted(suite.log_dir.glob("*.log")):
        text = path.read_text(errors="replace")
        for secret in secrets:
            assert secret not in text, f"{path.name} holds a secret"
        assert "set-cookie" not in text.lower() and "cookie:" not in text.lower()
