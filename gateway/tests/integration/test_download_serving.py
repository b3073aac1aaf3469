"""Serving asset packs behind signed download URLs, and previews, from each
storage backend: a local media root, and an S3 bucket on moto's standalone
server (written by media's own storage classes). Both answer alike."""

import base64
import hashlib
import io
import uuid
import zipfile

import pytest
from fastapi.testclient import TestClient

from gateway import cookies, download_urls
from gateway.app import create_app
from media.storage import LocalStorage, S3Storage
from shared.contracts.media import pack_key, preview_key, preview_url
from shared.s3 import s3_client
from shared.settings import Settings

MEDIA = "0b6c3c1e-6f1a-4d8e-9d51-5a1f2f3c4b5d"
PREVIEW = "5d6e7f80-1a2b-4c3d-9e4f-5a6b7c8d9e0f"
USER = "9b2f6f5e-3d7c-4f0a-9a55-0f3c2b0c1d11"
NAME = "cinematic-luts-pack.zip"


def make_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("README.txt", "A pack\n")
        archive.writestr("luts/a.cube", "LUT_3D_SIZE 2\n" + "0 0 0\n" * 8)
        archive.writestr("noise.bin", bytes(range(256)) * 400)
    return out.getvalue()


PACK = make_zip()
SHA = hashlib.sha256(PACK).hexdigest()
JPEG = b"\xff\xd8\xff\xe0preview"


@pytest.fixture(params=["local", "s3"])
def settings(request, tmp_path):
    base = Settings(
        session_secret="s", web_dist_dir=str(tmp_path / "no-web"), media_root=str(tmp_path / "media"), log_level="WARNING"
    )
    if request.param == "local":
        storage = LocalStorage(base.media_root)
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
    for key, data in ((pack_key(MEDIA, NAME), PACK), (preview_key(PREVIEW), JPEG)):
        path = tmp_path / uuid.uuid4().hex
        path.write_bytes(data)
        storage.put_file(key, path)
    return base


@pytest.fixture
def client(settings):
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        test_client.cookies.set("session", cookies.sign(settings.session_secret, "tok"))
        yield test_client


def url(settings, now=None, name=NAME, sha=SHA):
    keys = {"mediaId": MEDIA, "fileName": name, "sizeBytes": len(PACK), "sha256": sha}
    return download_urls.download(settings, keys, USER, "tok", now=now)["url"]


def test_the_pack_is_an_attachment_with_its_checksum(client, settings):
    response = client.get(url(settings))
    assert response.status_code == 200 and response.content == PACK
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"] == f'attachment; filename="{NAME}"'
    assert response.headers["content-length"] == str(len(PACK))
    assert response.headers["x-checksum-sha256"] == SHA == hashlib.sha256(response.content).hexdigest()
    assert response.headers["repr-digest"] == f"sha-256=:{base64.b64encode(bytes.fromhex(SHA)).decode()}:"
    assert response.headers["accept-ranges"] == "bytes" and response.headers["etag"]
    assert response.headers["cache-control"] == "private, no-store"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.namelist() == ["README.txt", "luts/a.cube", "noise.bin"]


def test_a_broken_download_resumes_with_a_range(client, settings):
    link = url(settings)
    cut = len(PACK) // 3
    first = client.get(link, headers={"Range": f"bytes=0-{cut - 1}"})
    assert first.status_code == 206 and first.content == PACK[:cut]
    etag = first.headers["etag"]
    rest = client.get(link, headers={"Range": f"bytes={cut}-", "If-Range": etag})
    assert rest.status_code == 206
    assert rest.headers["content-range"] == f"bytes {cut}-{len(PACK) - 1}/{len(PACK)}"
    assert rest.headers["x-checksum-sha256"] == SHA  # of the whole file, on each part
    assert hashlib.sha256(first.content + rest.content).hexdigest() == SHA
    stale = client.get(link, headers={"Range": f"bytes={cut}-", "If-Range": '"changed"'})
    assert stale.status_code == 200 and stale.content == PACK


def test_refusals_are_403_json(client, settings):
    expired = client.get(url(settings, now=1_700_000_000))
    assert expired.status_code == 403 and expired.json()["code"] == "DOWNLOAD_URL_EXPIRED"
    link = url(settings)
    tampered = link.replace(SHA, hashlib.sha256(b"x").hexdigest())
    assert client.get(tampered).json()["code"] == "DOWNLOAD_URL_INVALID"
    other_file = link.rsplit("/", 1)[0] + "/other.zip"
    assert client.get(other_file).status_code == 403
    client.cookies.set("session", cookies.sign(settings.session_secret, "another-token"))
    assert client.get(link).status_code == 403
    client.cookies.clear()
    response = client.get(link)
    assert response.status_code == 403 and set(response.json()) == {"message", "code", "details"}


def test_a_genuine_url_of_a_missing_pack_is_404(client, settings):
    response = client.get(url(settings, name="gone.zip"))
    assert response.status_code == 404 and response.json()["code"] == "MEDIA_FILE_NOT_FOUND"


def test_a_preview_is_public_and_cacheable_for_good(client):
    client.cookies.clear()
    response = client.get(preview_url(PREVIEW))
    assert response.status_code == 200 and response.content == JPEG
    assert response.headers["content-type"] == "image/jpeg"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    for missing in (preview_url(str(uuid.uuid4())), "/media/previews/x.jpg", f"/media/previews/{PREVIEW}.png"):
        answer = client.get(missing)
        assert answer.status_code == 404 and answer.json()["code"] == "MEDIA_FILE_NOT_FOUND", missing
