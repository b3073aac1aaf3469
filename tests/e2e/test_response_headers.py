"""The real gateway's headers, as uvicorn sends them (the Procfile's line)."""


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
