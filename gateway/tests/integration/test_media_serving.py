"""Serving signed playback files through the app, from each storage backend:
a local media root, and an S3 bucket on moto's standalone server (written by
media's own S3Storage, as the worker writes it). Both answer alike."""

import uuid

import pytest
from fastapi.testclient import TestClient

from gateway import cookies, media_urls
from gateway.app import create_app
from media.storage import LocalStorage, S3Storage
from shared.s3 import s3_client
from shared.settings import Settings

MEDIA = "0b6c3c1e-6f1a-4d8e-9d51-5a1f2f3c4b5d"
USER = "9b2f6f5e-3d7c-4f0a-9a55-0f3c2b0c1d11"
SEGMENT = bytes(range(256)) * 40
FILES = {
    "master.m3u8": b"#EXTM3U\n360p/index.m3u8\n",
    "360p/seg_000.m4s": SEGMENT,
    "360p/init.mp4": b"init",
    "poster.jpg": b"\xff\xd8jpeg",
}


def put(storage, key: str, data: bytes, tmp_path) -> None:
    path = tmp_path / uuid.uuid4().hex
    path.write_bytes(data)
    storage.put_file(key, path)


@pytest.fixture(params=["local", "s3"])
def settings(request, tmp_path):
    base = Settings(
        session_secret="s", web_dist_dir=str(tmp_path / "no-web"), media_root=str(tmp_path / "media"), log_level="WARNING"
    )
    if request.param == "local":
        storage = LocalStorage(base.media_root)
        (tmp_path / "media" / "hls" / MEDIA / "360p.m3u8").mkdir(parents=True)  # a folder asked for as a file
    else:
        base = base.model_copy(
            update={
                "media_storage": "s3",
                "s3_endpoint_url": request.getfixturevalue("moto_endpoint"),
                "s3_bucket": f"test-{uuid.uuid4().hex[:12]}",
                "s3_access_key_id": "test",
                "s3_secret_access_key": "test",
            }
        )
        storage = S3Storage(base.s3_bucket, s3_client(base))
        storage.create_bucket_if_missing()
    for name, data in FILES.items():
        put(storage, f"hls/{MEDIA}/{name}", data, tmp_path)
    put(storage, "secret.m3u8", b"outside", tmp_path)
    return base


@pytest.fixture
def client(settings):
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        test_client.cookies.set("session", cookies.sign(settings.session_secret, "tok"))
        yield test_client


@pytest.fixture
def prefix(settings):
    return media_urls.folder_url(settings, MEDIA, USER, "tok")[0]


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("master.m3u8", "application/vnd.apple.mpegurl"), ("360p/init.mp4", "video/mp4"),
     ("360p/seg_000.m4s", "video/iso.segment"), ("poster.jpg", "image/jpeg")],
)
def test_files_are_served_with_their_content_type_and_private_caching(client, prefix, path, content_type):
    response = client.get(prefix + path)
    assert response.status_code == 200 and response.content == FILES[path]
    assert response.headers["content-type"].split(";")[0] == content_type
    assert response.headers["content-length"] == str(len(FILES[path]))
    assert response.headers["cache-control"].startswith("private, max-age=")
    assert response.headers["etag"] and response.headers["accept-ranges"] == "bytes"


def test_a_public_url_is_publicly_cacheable(client, settings):
    public = media_urls.folder_url(settings, MEDIA, None, None)[0]
    assert client.get(public + "poster.jpg").headers["cache-control"].startswith("public, max-age=")


def test_a_range_is_206_with_its_bytes_and_an_etag_match_is_304(client, prefix):
    ranged = client.get(prefix + "360p/seg_000.m4s", headers={"Range": "bytes=100-199"})
    assert ranged.status_code == 206
    assert ranged.headers["content-range"] == f"bytes 100-199/{len(SEGMENT)}"
    assert ranged.content == SEGMENT[100:200] and ranged.headers["content-length"] == "100"
    suffix = client.get(prefix + "360p/seg_000.m4s", headers={"Range": "bytes=-24"})
    assert suffix.status_code == 206 and suffix.content == SEGMENT[-24:]
    etag = client.get(prefix + "360p/seg_000.m4s").headers["etag"]
    cached = client.get(prefix + "360p/seg_000.m4s", headers={"If-None-Match": etag})
    assert cached.status_code == 304 and cached.content == b"" and cached.headers["etag"] == etag
    assert cached.headers["cache-control"].startswith("private, max-age=")
    assert client.get(prefix + "360p/seg_000.m4s", headers={"If-None-Match": '"other"'}).status_code == 200


def test_a_range_under_an_if_range_that_no_longer_holds_is_the_whole_file(client, prefix):
    response = client.get(prefix + "360p/seg_000.m4s", headers={"Range": "bytes=0-9", "If-Range": '"stale"'})
    assert response.status_code == 200 and response.content == SEGMENT


@pytest.mark.parametrize(("header", "status"), [("bytes=999999-", 416), ("items=0-1", 400), ("bytes=x-y", 400)])
def test_a_bad_range_is_a_json_error(client, prefix, header, status):
    response = client.get(prefix + "360p/seg_000.m4s", headers={"Range": header})
    assert response.status_code == status
    assert set(response.json()) == {"message", "code", "details"}
    if status == 416:
        assert response.headers["content-range"] == f"bytes */{len(SEGMENT)}"


def test_head_is_the_headers_without_the_body(client, prefix):
    response = client.head(prefix + "360p/seg_000.m4s")
    assert response.status_code == 200 and response.content == b""
    assert response.headers["content-length"] == str(len(SEGMENT))


def test_refusals_are_403_json_and_missing_files_404(client, prefix):
    client.cookies.set("session", cookies.sign("s", "another-token"))
    refused = client.get(prefix + "master.m3u8")
    assert refused.status_code == 403 and refused.json()["code"] == "MEDIA_URL_INVALID"
    client.cookies.set("session", cookies.sign("s", "tok"))
    for raw in ("%2e%2e/secret.m3u8", "..%2fsecret.m3u8", "360p%2f..%2f..%2fsecret.m3u8", "%252e%252e/secret.m3u8"):
        response = client.get(prefix + raw)
        assert response.status_code == 403, raw
        assert response.json()["code"] == "MEDIA_URL_INVALID"
    # A NUL anywhere in a path is refused before routing (gateway.observability).
    nul = client.get(prefix + "master.m3u8%00")
    assert nul.status_code == 404 and nul.json()["code"] == "NOT_FOUND"
    for missing in ("720p/seg_000.m4s", "360p.m3u8"):
        response = client.get(prefix + missing)
        assert response.status_code == 404 and response.json()["code"] == "MEDIA_FILE_NOT_FOUND"
    ranged = client.get(prefix + "720p/seg_000.m4s", headers={"Range": "bytes=0-1"})
    assert ranged.status_code == 404


def test_several_ranges_are_multipart_locally_and_the_whole_file_from_s3(client, prefix, settings):
    # S3 answers one range per request; RFC 9110 lets a server send the whole.
    response = client.get(prefix + "360p/seg_000.m4s", headers={"Range": "bytes=0-9,100-109"})
    if settings.media_storage == "s3":
        assert response.status_code == 200 and response.content == SEGMENT
    else:
        assert response.status_code == 206
        assert response.headers["content-type"].startswith("multipart/byteranges")


def test_an_unreachable_bucket_is_a_json_503(tmp_path):
    settings = Settings(
        session_secret="s", web_dist_dir=str(tmp_path / "no-web"), log_level="WARNING",
        media_storage="s3", s3_endpoint_url="http://127.0.0.1:1", s3_access_key_id="k", s3_secret_access_key="k",
    )  # fmt: skip
    prefix = media_urls.folder_url(settings, MEDIA, USER, "tok")[0]
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        client.cookies.set("session", cookies.sign("s", "tok"))
        response = client.get(prefix + "master.m3u8")
    assert response.status_code == 503 and response.json()["code"] == "MEDIA_STORAGE_UNAVAILABLE"
