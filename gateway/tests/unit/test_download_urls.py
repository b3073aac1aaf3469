"""Signed download URLs: signing and verifying; the download route with a
fake RPC client (serving the files: test_download_serving.py)."""

import base64
import hashlib

import pytest
from fastapi.testclient import TestClient

from gateway import cookies, download_urls, media_urls
from gateway.app import create_app
from gateway.deps import get_rpc, get_throttle
from shared.errors import Forbidden, NotFound
from shared.settings import Settings
from tests.support.gateway_fakes import USER, FakeRpc, FakeThrottle

MEDIA = "0b6c3c1e-6f1a-4d8e-9d51-5a1f2f3c4b5d"
ASSET = "4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f6a7b8c"
OTHER = "1c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f"
SHA = hashlib.sha256(b"pack").hexdigest()
KEYS = {"mediaId": MEDIA, "fileName": "neon-city-backgrounds.zip", "sizeBytes": 4, "sha256": SHA}
NOW = 1_800_000_000


@pytest.fixture
def settings(tmp_path):
    return Settings(session_secret="s", web_dist_dir=str(tmp_path / "no-web"), media_root=str(tmp_path), log_level="WARNING")


def parts(url: str) -> list[str]:
    # "/downloads/{id}/{sha}/{expires}/{user}/{sig}/{name}" -> [id, sha, expires, user, sig, name]
    return url.strip("/").split("/")[1:]


def verify(settings, url_parts, token="tok", now=NOW):
    return download_urls.verify(settings, *url_parts, token, now=now)


def test_a_url_verifies_for_its_session_until_it_expires(settings):
    made = download_urls.download(settings, KEYS, USER["id"], "tok", now=NOW)
    assert (made["fileName"], made["sizeBytes"], made["sha256"]) == (KEYS["fileName"], 4, SHA)
    assert made["expiresAt"] == "2027-01-15T08:15:00Z"  # NOW + 900 s
    grant = verify(settings, parts(made["url"]))
    assert grant.key == f"packs/{MEDIA}/neon-city-backgrounds.zip" and grant.sha256 == SHA
    assert verify(settings, parts(made["url"]), now=NOW + 900).expires == NOW + 900
    with pytest.raises(Forbidden) as refused:
        verify(settings, parts(made["url"]), now=NOW + 901)
    assert refused.value.code == "DOWNLOAD_URL_EXPIRED"


def test_a_url_lasts_at_most_15_minutes():
    with pytest.raises(ValueError):
        Settings(session_secret="s", download_url_ttl_seconds=901)
    assert Settings(session_secret="s").download_url_ttl_seconds == 900


@pytest.mark.parametrize("index", range(6))
def test_tampering_with_any_part_is_refused(settings, index):
    url_parts = parts(download_urls.download(settings, KEYS, USER["id"], "tok", now=NOW)["url"])
    replacements = [OTHER, hashlib.sha256(b"other").hexdigest(), str(NOW + 5000), OTHER, "A" * 43, "other.zip"]
    url_parts[index] = replacements[index]
    with pytest.raises(Forbidden) as refused:
        verify(settings, url_parts)
    assert refused.value.code == "DOWNLOAD_URL_INVALID"


def test_another_session_or_no_session_is_refused(settings):
    url_parts = parts(download_urls.download(settings, KEYS, USER["id"], "tok", now=NOW)["url"])
    for token in ("other-token", None):
        with pytest.raises(Forbidden):
            verify(settings, url_parts, token=token)


def test_a_playback_signature_does_not_pass_for_a_download(settings):
    prefix, expires = media_urls.folder_url(settings, MEDIA, USER["id"], "tok", now=NOW)
    playback_signature = parts(prefix)[3]
    url_parts = [MEDIA, SHA, str(expires), USER["id"], playback_signature, KEYS["fileName"]]
    with pytest.raises(Forbidden):
        verify(settings, url_parts)


@pytest.mark.parametrize(
    "bad",
    [("not-a-uuid", 0), ("ABC", 1), ("12ab", 2), ("../x.zip", 5), ("x.m3u8", 5), (".zip", 5), ("nobody", 3)],
)
def test_malformed_parts_are_refused(settings, bad):
    value, index = bad
    url_parts = parts(download_urls.download(settings, KEYS, USER["id"], "tok", now=NOW)["url"])
    url_parts[index] = value
    with pytest.raises(Forbidden):
        verify(settings, url_parts)


def test_the_digest_headers_name_the_whole_file():
    headers = download_urls.digest_headers(SHA)
    assert headers["X-Checksum-Sha256"] == SHA
    assert headers["Repr-Digest"] == "sha-256=:" + base64.b64encode(hashlib.sha256(b"pack").digest()).decode() + ":"


@pytest.fixture
def make_client(settings):
    def make(answers, logged_in=True):
        app = create_app(settings)
        rpc = FakeRpc({("auth", "resolve_session"): USER, ("catalog", "get_asset"): {"id": ASSET, "listed": True}, **answers})
        app.dependency_overrides[get_rpc] = lambda: rpc
        app.dependency_overrides[get_throttle] = FakeThrottle
        client = TestClient(app, raise_server_exceptions=False)
        if logged_in:
            client.cookies.set("session", cookies.sign(settings.session_secret, "token"))
        client.rpc = rpc
        return client

    return make


def test_a_buyer_gets_a_url_signed_for_the_session(make_client, settings):
    client = make_client({("commerce", "has_purchased"): True, ("media", "get_download"): KEYS})
    response = client.get(f"/api/assets/{ASSET}/download")
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"url", "expiresAt", "fileName", "sizeBytes", "sha256"}
    assert verify(settings, parts(body["url"]), token="token", now=None).file_name == KEYS["fileName"]
    assert [call[:3] for call in client.rpc.calls[1:]] == [
        ("catalog", "get_asset", (ASSET,)),
        ("commerce", "has_purchased", (USER["id"], "asset", ASSET)),
        ("media", "get_download", ("asset", ASSET)),
    ]
    assert response.headers["cache-control"] == "no-store"


def test_someone_who_did_not_buy_it_is_refused_with_402(make_client):
    client = make_client({("commerce", "has_purchased"): False})
    response = client.get(f"/api/assets/{ASSET}/download")
    assert response.status_code == 402 and response.json()["code"] == "ASSET_NOT_PURCHASED"
    assert ("media", "get_download") not in [call[:2] for call in client.rpc.calls]


def test_an_asset_no_longer_listed_is_its_buyers_and_unknown_to_others(make_client):
    unlisted = {("catalog", "get_asset"): {"id": ASSET, "listed": False}}
    buyer = make_client({**unlisted, ("commerce", "has_purchased"): True, ("media", "get_download"): KEYS})
    assert buyer.get(f"/api/assets/{ASSET}/download").status_code == 200
    assert buyer.rpc.calls[1][3] == {"include_unlisted": True}
    other = make_client({**unlisted, ("commerce", "has_purchased"): False})
    response = other.get(f"/api/assets/{ASSET}/download")
    assert response.status_code == 404 and response.json()["code"] == "ASSET_NOT_FOUND"


def test_no_session_is_401_and_asks_nobody(make_client):
    client = make_client({}, logged_in=False)
    response = client.get(f"/api/assets/{ASSET}/download")
    assert response.status_code == 401 and client.rpc.calls == []


def test_an_unknown_asset_or_one_without_a_file_is_404(make_client):
    unknown = make_client({("catalog", "get_asset"): NotFound("Asset not found", code="ASSET_NOT_FOUND")})
    response = unknown.get(f"/api/assets/{ASSET}/download")
    assert response.status_code == 404 and response.json()["code"] == "ASSET_NOT_FOUND"
    fileless = make_client({("commerce", "has_purchased"): True, ("media", "get_download"): None})
    response = fileless.get(f"/api/assets/{ASSET}/download")
    assert response.status_code == 404 and response.json()["code"] == "ASSET_FILE_NOT_FOUND"


def test_the_route_is_documented_with_its_errors(make_client):
    operation = make_client({}).get("/api/openapi.json").json()["paths"]["/api/assets/{asset_id}/download"]["get"]
    assert {"200", "401", "402", "404"} <= set(operation["responses"])
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Download"}
