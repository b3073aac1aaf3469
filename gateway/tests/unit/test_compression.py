"""gzip for what is worth it, never for media or byte ranges (gateway/compression.py)."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from gateway.app import create_app
from shared.settings import Settings

BUNDLE = "export const app = () => 'a bundle';\n" * 200  # ~7 KiB of JavaScript


@pytest.fixture
def client(tmp_path: Path):
    (tmp_path / "static").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>")
    (tmp_path / "static" / "app-1234.js").write_text(BUNDLE)
    settings = Settings(session_secret="s", web_dist_dir=str(tmp_path), log_level="WARNING")
    return TestClient(create_app(settings))


def test_a_bundle_is_gzipped_for_a_client_that_takes_it(client):
    response = client.get("/static/app-1234.js", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in response.headers["vary"].lower()
    assert response.text == BUNDLE  # httpx decodes it
    assert int(response.headers["content-length"]) < len(BUNDLE) / 5


def test_nothing_is_gzipped_for_a_client_that_does_not_ask(client):
    response = client.get("/static/app-1234.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in response.headers
    assert response.text == BUNDLE


def test_a_range_request_is_answered_as_it_is(client):
    response = client.get("/static/app-1234.js", headers={"Accept-Encoding": "gzip", "Range": "bytes=0-99"})
    assert response.status_code == 206
    assert "content-encoding" not in response.headers
    assert response.content == BUNDLE.encode()[:100]


def test_small_answers_are_not_gzipped(client):
    response = client.get("/api/health", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in response.headers


def test_media_paths_are_never_gzipped():
    from gateway.compression import CompressionMiddleware

    body = b"#EXTM3U\n" + b"#EXTINF:4.0,\nsegment.ts\n" * 200

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/vnd.apple.mpegurl")]})  # fmt: skip
        await send({"type": "http.response.body", "body": body})

    client = TestClient(CompressionMiddleware(app))
    assert "content-encoding" not in client.get("/media/a/b/c/d/index.m3u8").headers
    assert client.get("/elsewhere/index.m3u8").headers["content-encoding"] == "gzip"
