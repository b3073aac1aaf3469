"""The real gateway's headers, as uvicorn sends them (the Procfile's line),
and the Origin check of the requests that change something."""

from tests.support.api_client import PASSWORD


def test_no_server_banner_and_the_security_headers(api):
    for path in ("/", "/api/courses", "/api/nothing"):
        response = api.get(path)
        assert "server" not in response.headers, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"


def test_answers_to_a_session_are_not_stored(api):
    api.register()
    assert api.get("/api/auth/me").headers["cache-control"] == "no-store"
    assert api.get("/api/enrollments").headers["cache-control"] == "no-store"


def test_a_page_of_another_origin_cannot_log_in_out_or_order(api, live_url):
    user = api.register()
    evil = {"Origin": "https://evil.example"}
    login = api.post("/api/auth/login", json={"email": user["email"], "password": PASSWORD}, headers=evil)
    assert login.status_code == 403 and login.json()["code"] == "CROSS_ORIGIN"
    assert api.post("/api/auth/logout", headers=evil).status_code == 403
    assert api.post("/api/orders", json={"items": []}, headers=evil).status_code == 403
    assert api.get("/api/auth/me").status_code == 200, "the session is still there"
    # The app's own pages may.
    assert api.post("/api/auth/logout", headers={"Origin": live_url}).status_code == 204
