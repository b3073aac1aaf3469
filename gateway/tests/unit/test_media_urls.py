"""Signed playback URLs: signing and verifying (serving them:
gateway/tests/integration/test_media_serving.py)."""

import pytest

from gateway import media_urls
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
