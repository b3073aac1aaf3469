"""The gateway serves the built web app, with client-side routes and caching."""

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from gateway.app import create_app
from gateway.web import APP_ROUTES
from shared.settings import Settings


@pytest.fixture
def client(tmp_path):
    (tmp_path / "static").mkdir()
    (tmp_path / "index.html").write_text("<html>app</html>")
    (tmp_path / "static" / "index-abc123.js").write_text("console.log(1)")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    return TestClient(create_app(Settings(session_secret="s", web_dist_dir=str(tmp_path))))


def test_hashed_bundles_are_cached_for_a_year(client):
    response = client.get("/static/index-abc123.js")
    assert response.status_code == 200
    assert "immutable" in response.headers["cache-control"]


def test_index_and_other_files_are_revalidated(client):
    assert client.get("/").headers["cache-control"] == "no-cache"
    assert client.get("/favicon.svg").headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    "path", ["/courses/level-1", "/assets", "/assets/abc", "/dashboard", "/learn/level-1/abc", "/profile/"]
)
def test_client_side_routes_get_the_app(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.text == "<html>app</html>"


@pytest.mark.parametrize("path", ["/no/such/page", "/courses", "/learn/a/b/c", "/dashboard/x"])
def test_other_paths_get_the_app_with_a_404(client, path):
    """The app shows its not-found page; the status says so too (no soft 404)."""
    response = client.get(path)
    assert response.status_code == 404
    assert response.text == "<html>app</html>"
    assert client.head(path).status_code == 404


def test_files_outside_the_build_are_not_served(client):
    response = client.get("/static/..%2F..%2F..%2Fetc%2Fpasswd")
    assert response.status_code == 404
    assert response.text == "<html>app</html>"


def test_api_paths_stay_json_404(client):
    response = client.get("/api/nothing")
    assert response.status_code == 404
    assert response.json()["code"] == "NOT_FOUND"


@pytest.mark.parametrize("path", ["/", "/courses/level-1", "/static/index-abc123.js"])
def test_head_is_the_get_without_its_body(client, path):
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    for header in ("content-type", "content-length", "cache-control", "etag", "last-modified"):
        assert head.headers.get(header) == get.headers.get(header)


def test_options_of_a_page_lists_get_and_head(client):
    response = client.options("/dashboard")
    assert response.status_code == 204
    assert response.headers["allow"] == "GET, HEAD, OPTIONS"


def test_posting_to_a_page_is_a_json_405(client):
    response = client.post("/dashboard", json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["code"] == "METHOD_NOT_ALLOWED"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_api_paths_stay_json_404_for_every_method(client, method):
    response = client.request(method, "/api/nothing")
    assert response.status_code == 404
    assert response.json()["code"] == "NOT_FOUND"


def test_app_routes_follow_the_routes_of_the_web_app():
    """Every route of web/src/App.tsx answers 200, so a new page cannot be a 404."""
    app_tsx = Path(__file__).resolve().parents[3] / "web" / "src" / "App.tsx"
    paths = re.findall(r'<Route path="([^"*]+)"', app_tsx.read_text())
    assert len(paths) >= 10
    for path in paths:
        concrete = re.sub(r":\w+", "x1", path)
        assert APP_ROUTES.fullmatch(concrete), path
