"""Security headers on every kind of response, and the docs page from local files."""

import pytest
from fastapi.testclient import TestClient

from gateway import cookies
from gateway.app import create_app
from gateway.deps import get_rpc, get_throttle
from shared.settings import Settings
from tests.support.gateway_fakes import USER, FakeRpc, FakeThrottle


def client_for(tmp_path, **settings) -> TestClient:
    (tmp_path / "index.html").write_text("<!doctype html><div id=root></div>")
    settings = Settings(session_secret="s", web_dist_dir=str(tmp_path), log_level="WARNING", **settings)
    app = create_app(settings)
    answers = {
        ("auth", "resolve_session"): USER,
        ("auth", "login"): {"user": USER, "token": "t"},
        ("catalog", "list_courses"): [],
    }
    app.dependency_overrides[get_rpc] = lambda: FakeRpc(answers)
    app.dependency_overrides[get_throttle] = FakeThrottle
    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/"),
        ("GET", "/courses/level-1"),
        ("GET", "/api/courses"),
        ("GET", "/api/nothing"),
        ("DELETE", "/api/courses"),
    ],
)
def test_every_response_carries_the_security_headers(tmp_path, method, path):
    response = client_for(tmp_path).request(method, path)
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "media-src 'self' blob:" in policy and "worker-src 'self' blob:" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert response.headers["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in response.headers


def test_a_body_over_the_limit_gets_them_too(tmp_path):
    response = client_for(tmp_path).post(
        "/api/auth/login", content=b"x" * (1024 * 1024 + 1), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.headers["x-content-type-options"] == "nosniff"


def test_hsts_with_secure_cookies(tmp_path):
    response = client_for(tmp_path, cookie_secure=True).get("/api/courses")
    assert response.headers["strict-transport-security"] == "max-age=31536000"


def test_api_answers_to_a_session_are_not_stored(tmp_path):
    client = client_for(tmp_path)
    assert "no-store" not in client.get("/api/courses").headers.get("cache-control", "")
    client.cookies.set("session", cookies.sign("s", "token"))
    assert client.get("/api/auth/me").headers["cache-control"] == "no-store"
    assert client.get("/api/courses").headers["cache-control"] == "no-store"
    # The web app's files are the same for everyone.
    assert client.get("/").headers["cache-control"] == "no-cache"


def test_the_answer_that_sets_the_session_is_not_stored(tmp_path):
    response = client_for(tmp_path).post("/api/auth/login", json={"email": "a@x.io", "password": "p" * 8})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"


def test_docs_load_swagger_ui_from_the_gateway_with_no_inline_script(tmp_path):
    client = client_for(tmp_path)
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert "https://" not in page.text and "http://" not in page.text
    scripts = [part.split(">", 1)[1].split("</script", 1)[0] for part in page.text.split("<script")[1:]]
    assert scripts == ["", ""], "every script is a file"
    files = ("/api/docs/static/swagger-ui-bundle.js", "/api/docs/static/swagger-ui.css", "/api/docs/start.js")
    for path in files:
        assert client.get(path).status_code == 200, path
    assert "/api/openapi.json" in client.get("/api/docs/start.js").text


def test_docs_and_the_document_are_off_when_configured(tmp_path):
    client = client_for(tmp_path, api_docs=False)
    for path in ("/api/docs", "/api/openapi.json", "/api/docs/static/swagger-ui-bundle.js"):
        assert client.get(path).status_code == 404, path


# -- the Origin check ---------------------------------------------------------------


LOGIN = {"email": "a@x.io", "password": "p" * 8}


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/page"},
        # The right host on another scheme or port is another origin.
        {"Origin": "https://testserver"},
        {"Origin": "http://testserver:8080"},
    ],
)
def test_a_state_changing_request_from_another_origin_is_403(tmp_path, headers):
    response = client_for(tmp_path).post("/api/auth/login", json=LOGIN, headers=headers)
    assert response.status_code == 403
    assert response.json() == {
        "message": "Cross-origin request refused",
        "code": "CROSS_ORIGIN",
        "details": None,
    }
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://testserver"},
        {"Origin": "HTTP://TestServer"},
        {"Referer": "http://testserver/login?next=/"},
        {},
    ],
)
def test_the_own_origin_or_no_page_at_all_passes(tmp_path, headers):
    assert client_for(tmp_path).post("/api/auth/login", json=LOGIN, headers=headers).status_code == 200


def test_reads_pass_from_any_origin(tmp_path):
    response = client_for(tmp_path).get("/api/courses", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200


def login_from(client: TestClient, origin: str) -> int:
    return client.post("/api/auth/login", json=LOGIN, headers={"Origin": origin}).status_code


def test_configured_public_origins_are_the_only_ones(tmp_path):
    client = client_for(tmp_path, public_origins="https://studio.example, https://www.studio.example/")
    assert login_from(client, "https://www.studio.example") == 200
    # Not even the host the request was sent to.
    assert login_from(client, "http://testserver") == 403


def test_behind_tls_the_own_origin_is_https(tmp_path):
    client = client_for(tmp_path, cookie_secure=True)
    assert (login_from(client, "https://testserver"), login_from(client, "http://testserver")) == (200, 403)


# -- the cookie's __Host- prefix --------------------------------------------------------


def test_a_secure_session_cookie_is_a_host_cookie(tmp_path):
    client = client_for(tmp_path, cookie_secure=True)
    cookie = client.post("/api/auth/login", json=LOGIN).headers["set-cookie"]
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
    value = cookies.sign("s", "token")
    client.cookies.set("session", value)
    assert client.get("/api/auth/me").status_code == 401, "the unprefixed name is not read"
    client.cookies.clear()
    client.cookies.set("__Host-session", value)
    assert client.get("/api/auth/me").status_code == 200
    assert client.get("/api/auth/me").headers["cache-control"] == "no-store"


def test_without_secure_cookies_the_name_has_no_prefix(tmp_path):
    cookie = client_for(tmp_path).post("/api/auth/login", json=LOGIN).headers["set-cookie"]
    assert cookie.startswith("session=")
