"""The gateway serves the built web app, with client-side routes and caching."""

import pytest
from fastapi.testclient import TestClient

from gateway.app import create_app
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


@pytest.mark.parametrize("path", ["/courses/level-1", "/assets", "/dashboard", "/no/such/page"])
def test_client_side_routes_get_the_app(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.text == "<html>app</html>"


def test_files_outside_the_build_are_not_served(client):
    response = client.get("/static/..%2F..%2F..%2Fetc%2Fpasswd")
    assert response.text == "<html>app</html>"


def test_api_paths_stay_json_404(client):
    response = client.get("/api/nothing")
    assert response.status_code == 404
    assert response.json()["code"] == "NOT_FOUND"
