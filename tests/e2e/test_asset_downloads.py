"""Asset downloads through the gateway, on the real suite and the real seed:
a buyer gets each pack (its entries and checksum checked, and each file what
it says: .cube LUTs a colour tool parses, PNGs, WAVs), a broken download
resumes, and every other caller is refused; the store's previews are real
images."""

import hashlib
import io
import time
import uuid
import wave
import zipfile

import pytest
from PIL import Image

from gateway import cookies, download_urls
from shared.settings import get_settings
from tests.support.api_client import ApiClient

TITLES = {
    "CYBERPUNK TEXTURES VOL. 1", "SCI-FI CHARACTER SHEETS", "CINEMATIC LUTS PACK",
    "AMBIENT SOUNDSCAPES", "NEON CITY BACKGROUNDS", "FANTASY CHARACTER PACK",
}  # fmt: skip


def parse_cube(text: str) -> tuple[int, list[tuple[float, ...]]]:
    """A 3D .cube LUT as a colour tool reads it: keywords, then rows of 3 floats."""
    size, rows = None, []
    for line in text.splitlines():
        words = line.split()
        if not words or words[0].startswith("#") or words[0] in ("TITLE", "DOMAIN_MIN", "DOMAIN_MAX"):
            continue
        if words[0] == "LUT_3D_SIZE":
            size = int(words[1])
            continue
        assert len(words) == 3, line
        rows.append(tuple(float(word) for word in words))
    return size, rows


@pytest.fixture(scope="module")
def buyer(live_url):
    """One learner who bought all six assets in one order."""
    with ApiClient(live_url) as client:
        client.register()
        assets = client.assets()
        response = client.post("/api/orders", json={"items": [{"itemType": "asset", "itemId": a["id"]} for a in assets]})
        assert response.status_code == 201, response.text
        client.bought = {asset["title"]: asset for asset in assets}
        yield client


@pytest.fixture(scope="module")
def packs(buyer):
    """{title: (download answer, zip bytes)} of every seeded asset."""
    result = {}
    for title, asset in buyer.bought.items():
        answer = buyer.get(f"/api/assets/{asset['id']}/download")
        assert answer.status_code == 200, answer.text
        body = answer.json()
        response = buyer.get(body["url"])
        assert response.status_code == 200, response.text
        result[title] = (body, response)
    return result


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_buyer_gets_each_pack_whole_with_its_checksum(packs):
    assert set(packs) == TITLES
    for title, (body, response) in packs.items():
        assert set(body) == {"url", "expiresAt", "fileName", "sizeBytes", "sha256"}
        assert body["url"].startswith("/downloads/") and body["fileName"].endswith(".zip")
        assert response.headers["content-type"] == "application/zip"
        assert response.headers["content-disposition"] == f'attachment; filename="{body["fileName"]}"'
        assert len(response.content) == body["sizeBytes"] == int(response.headers["content-length"])
        assert hashlib.sha256(response.content).hexdigest() == body["sha256"] == response.headers["x-checksum-sha256"]
        files = entries(response.content)
        readme = files.pop("README.txt").decode()
        assert readme.startswith(title) and len(files) >= 4
        for name, data in files.items():
            assert f"{name}  {len(data)} bytes  {hashlib.sha256(data).hexdigest()}" in readme


def test_the_url_lasts_at_most_15_minutes(packs):
    from datetime import datetime

    for body, _ in packs.values():
        expires = datetime.fromisoformat(body["expiresAt"].replace("Z", "+00:00")).timestamp()
        assert 0 < expires - time.time() <= 900


def test_the_lut_pack_holds_cube_files_that_parse(packs):
    files = entries(packs["CINEMATIC LUTS PACK"][1].content)
    cubes = [data for name, data in files.items() if name.endswith(".cube")]
    assert len(cubes) >= 5
    for data in cubes:
        size, rows = parse_cube(data.decode("ascii"))
        assert size == 33 and len(rows) == 35937
        assert all(len(row) == 3 and all(0.0 <= value <= 1.0 for value in row) for row in rows)


@pytest.mark.parametrize(
    "title", ["CYBERPUNK TEXTURES VOL. 1", "SCI-FI CHARACTER SHEETS", "NEON CITY BACKGROUNDS", "FANTASY CHARACTER PACK"]
)
def test_image_packs_hold_pngs_that_open(packs, title):
    images = [data for name, data in entries(packs[title][1].content).items() if name != "README.txt"]
    assert images
    for data in images:
        image = Image.open(io.BytesIO(data))
        image.load()
        assert image.format == "PNG" and min(image.size) >= 512


def test_the_soundscapes_are_wavs_that_open(packs):
    loops = [data for name, data in entries(packs["AMBIENT SOUNDSCAPES"][1].content).items() if name.endswith(".wav")]
    assert loops
    for data in loops:
        with wave.open(io.BytesIO(data)) as reader:
            assert reader.getsampwidth() == 2 and reader.getnframes() / reader.getframerate() >= 5


def test_a_broken_download_resumes(buyer, packs):
    body, whole = packs["NEON CITY BACKGROUNDS"]
    cut = body["sizeBytes"] // 2
    first = buyer.get(body["url"], headers={"Range": f"bytes=0-{cut - 1}"})
    rest = buyer.get(body["url"], headers={"Range": f"bytes={cut}-", "If-Range": first.headers["etag"]})
    assert (first.status_code, rest.status_code) == (206, 206)
    assert rest.headers["content-range"] == f"bytes {cut}-{body['sizeBytes'] - 1}/{body['sizeBytes']}"
    assert hashlib.sha256(first.content + rest.content).hexdigest() == body["sha256"]
    assert first.content + rest.content == whole.content


def test_someone_who_did_not_buy_it_gets_402_and_a_visitor_401(api_factory, buyer):
    asset = buyer.bought["CINEMATIC LUTS PACK"]
    other = api_factory()
    other.register()
    refused = other.get(f"/api/assets/{asset['id']}/download")
    assert refused.status_code == 402 and refused.json()["code"] == "ASSET_NOT_PURCHASED"
    visitor = api_factory()
    assert visitor.get(f"/api/assets/{asset['id']}/download").status_code == 401


@pytest.mark.parametrize("asset_id", [str(uuid.uuid4()), "not-a-uuid"])
def test_an_unknown_asset_is_404(buyer, asset_id):
    response = buyer.get(f"/api/assets/{asset_id}/download")
    assert response.status_code == 404 and response.json()["code"] == "ASSET_NOT_FOUND"


def test_another_users_url_is_403(api_factory, packs):
    body, _ = packs["AMBIENT SOUNDSCAPES"]
    other = api_factory()
    other.register()
    response = other.get(body["url"])
    assert response.status_code == 403 and response.json()["code"] == "DOWNLOAD_URL_INVALID"
    assert api_factory().get(body["url"]).status_code == 403  # nobody's session


def test_an_expired_or_tampered_url_is_403(buyer, packs):
    body, _ = packs["SCI-FI CHARACTER SHEETS"]
    settings = get_settings()
    token = cookies.unsign(settings.session_secret, buyer.cookies.get(settings.session_cookie))
    keys = {"mediaId": body["url"].split("/")[2], **{k: body[k] for k in ("fileName", "sizeBytes", "sha256")}}
    expired = download_urls.download(settings, keys, buyer.user["id"], token, now=time.time() - 901)
    response = buyer.get(expired["url"])
    assert response.status_code == 403 and response.json()["code"] == "DOWNLOAD_URL_EXPIRED"
    parts = body["url"].split("/")
    parts[5] = parts[5][:-2] + ("AA" if not parts[5].endswith("AA") else "BB")  # the signature
    assert buyer.get("/".join(parts)).json()["code"] == "DOWNLOAD_URL_INVALID"
    later = body["url"].split("/")
    later[4] = str(int(later[4]) + 3600)  # a longer life
    assert buyer.get("/".join(later)).status_code == 403


def test_every_asset_shows_a_real_preview(api):
    for asset in api.assets():
        assert asset["imageUrl"] and asset["imageUrl"].startswith("/media/previews/"), asset["title"]
        response = api.get(asset["imageUrl"])
        assert response.status_code == 200 and response.headers["content-type"] == "image/jpeg"
        assert "immutable" in response.headers["cache-control"]
        image = Image.open(io.BytesIO(response.content))
        assert image.format == "JPEG" and image.size == (960, 540)
