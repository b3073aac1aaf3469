"""Signed playback URLs: signing, verifying, and serving files from local storage."""

import pytest
from fastapi.testclient import TestClient

from gateway import cookies, media_urls
from gateway.app import create_app
from shared.errors import Forbidden
from shared.settings import Settings

MEDIA = "0b6c3c1e-6f1a-4d8e-9d51-5a1f2f3c4b5d"
USER = "9b2f6f5e-3d7c-4f0a-9a55-0f3c2b0c1d11"
OTHER = "1c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f"
NOW = 1_800_000_000


@pytest.fixture
def settings(tmp_path):
    return Settings(session_secret="s", web_dist_dir=str(tmp_path / "no-web"), media_root=str(tmp_path / "media"), log_level="WARNING")


def parts(url: str) -> list[str]:
    # "/media/{id}/{expires}/{scope}/{sig}/" -> [id, expires, scope, sig]
    return url.strip("/").split("/")[1:]


def verify(settings, url_parts, path="master.m3u8", token="tok", now=NOW):
    return media_urls.verify(settings, *url_parts, path, token, now=now)


def test_a_user_url_verifies_for_its_session_until_it_expires(settings):
    url, expires = media_urls.folder_url(settings, MEDIA, USER, "tok", now=NOW)
    assert expires == NOW + settings.media_url_ttl_seconds <= NOW + 3600
    grant = verify(settings, parts(url), "720p/seg_001.m4s")
    assert grant == media_urls.Grant(key=f"hls/{MEDIA}/720p/seg_001.m4s", expires=expires, public=False)
    assert verify(settings, parts(url), now=expires).key == f"hls/{MEDIA}/master.m3u8"
    with pytest.raises(Forbidden) as expired:
        verify(settings, parts(url), now=expires + 1)
    assert expired.value.code == "MEDIA_URL_EXPIRED"


@pytest.mark.parametrize("index", range(4))
def test_tampering_with_any_part_is_refused(settings, index):
    url, _ = media_urls.folder_url(settings, MEDIA, USER, "tok", now=NOW)
    tampered = parts(url)
    replacements = [OTHER, str(NOW + 7200), OTHER, tampered[3][:-1] + ("A" if tampered[3][-1] != "A" else "B")]
    tampered[index] = replacements[index]
    with pytest.raises(Forbidden):
        verify(settings, tampered)


def test_a_user_url_is_refused_to_another_session_a_visitor_and_as_public(settings):
    url, _ = media_urls.folder_url(settings, MEDIA, USER, "tok", now=NOW)
    for token in ("someone-else", None):
        with pytest.raises(Forbidden):
            verify(settings, parts(url), token=token)
    public = parts(url)
    public[2] = media_urls.PUBLIC
    with pytest.raises(Forbidden):
        verify(settings, public)


def test_a_public_url_verifies_for_anyone_and_not_with_another_secret(settings):
    url, _ = media_urls.folder_url(settings, MEDIA, None, "tok", now=NOW)
    assert parts(url)[2] == "public"
    for token in ("tok", "other", None):
        assert verify(settings, parts(url), token=token).public
    with pytest.raises(Forbidden):
        verify(settings.model_copy(update={"media_url_secret": "another"}), parts(url))


@pytest.mark.parametrize(
    "path",
    ["../master.m3u8", "..", "360p/../../x.m3u8", "/etc/passwd.m3u8", ".hidden.m3u8", "360p/.x.m4s",
     "a\x00.m3u8", "%2e%2e/master.m3u8", "360p\\..\\x.m3u8", "a/b/c.m4s", "source.mov", "master", "", "master.m3u8\n", "master.m3u8/"],
)
def test_paths_that_could_leave_the_folder_or_are_not_media_are_refused(settings, path):
    url, _ = media_urls.folder_url(settings, MEDIA, None, None, now=NOW)
    with pytest.raises(Forbidden):
        verify(settings, parts(url), path)


def test_a_malformed_media_id_or_expiry_is_refused(settings):
    url, _ = media_urls.folder_url(settings, MEDIA, None, None, now=NOW)
    for index, value in ((0, "not-a-uuid"), (0, MEDIA.upper()), (1, "-1"), (1, "1e9"), (1, "9" * 20), (1, "\u00b2"), (3, "é")):
        bad = parts(url)
        bad[index] = value
        with pytest.raises(Forbidden):
            verify(settings, bad)


def test_playback_signs_the_master_playlist_and_poster_under_one_prefix(settings):
    keys = {"mediaId": MEDIA, "masterPlaylistKey": f"hls/{MEDIA}/master.m3u8", "posterKey": f"hls/{MEDIA}/poster.jpg"}
    playback = media_urls.playback(settings, keys, USER, "tok")
    prefix = playback["hlsUrl"].removesuffix("master.m3u8")
    assert playback["posterUrl"] == prefix + "poster.jpg" and prefix.startswith(f"/media/{MEDIA}/")
    assert playback["expiresAt"].endswith("Z")


# Serving, through the app, from a local media root.

SEGMENT = bytes(range(256)) * 40


@pytest.fixture
def client(settings, tmp_path):
    folder = tmp_path / "media" / "hls" / MEDIA
    (folder / "360p").mkdir(parents=True)
    (folder / "360p.m3u8").mkdir()  # a folder where a file is asked for: 404, not a crash
    (folder / "master.m3u8").write_text("#EXTM3U\n360p/index.m3u8\n")
    (folder / "360p" / "seg_000.m4s").write_bytes(SEGMENT)
    (folder / "360p" / "init.mp4").write_bytes(b"init")
    (folder / "poster.jpg").write_bytes(b"\xff\xd8jpeg")
    (tmp_path / "media" / "secret.m3u8").write_text("outside")
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
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == content_type
    assert response.headers["cache-control"].startswith("private, max-age=")
    assert response.headers["etag"]


def test_a_range_is_206_with_its_bytes_and_an_etag_match_is_304(client, prefix):
    ranged = client.get(prefix + "360p/seg_000.m4s", headers={"Range": "bytes=100-199"})
    assert ranged.status_code == 206
    assert ranged.headers["content-range"] == f"bytes 100-199/{len(SEGMENT)}"
    assert ranged.content == SEGMENT[100:200]
    etag = client.get(prefix + "360p/seg_000.m4s").headers["etag"]
    cached = client.get(prefix + "360p/seg_000.m4s", headers={"If-None-Match": etag})
    assert cached.status_code == 304 and cached.content == b"" and cached.headers["etag"] == etag


@pytest.mark.parametrize(("header", "status"), [("bytes=999999-", 416), ("items=0-1", 400), ("bytes=x-y", 400)])
def test_a_bad_range_is_a_json_error(client, prefix, header, status):
    response = client.get(prefix + "360p/seg_000.m4s", headers={"Range": header})
    assert response.status_code == status
    assert set(response.json()) == {"message", "code", "details"}


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
    assert client.get(prefix + "720p/seg_000.m4s").status_code == 404
    assert client.get(prefix + "360p.m3u8").status_code == 404


def test_s3_serving_is_a_clear_503(settings, prefix):
    app = create_app(settings.model_copy(update={"media_storage": "s3"}))
    with TestClient(app, raise_server_exceptions=False) as s3_client:
        s3_client.cookies.set("session", cookies.sign("s", "tok"))
        response = s3_client.get(prefix + "master.m3u8")
    assert response.status_code == 503 and response.json()["code"] == "MEDIA_BACKEND_UNSUPPORTED"
