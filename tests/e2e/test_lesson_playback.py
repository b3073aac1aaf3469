"""Watching a lesson through the gateway: GET /api/lessons/{id} and the
signed HLS URLs it hands out, on a really transcoded video. Real processes,
storage (a local directory), ffmpeg; one transcode per lesson for the module."""

import os
import re
import time
import uuid
from urllib.parse import urljoin

import pytest

from gateway import media_urls
from shared.settings import get_settings
from tests.support.media import import_lesson_video, wait_catalog_shows_ready, wait_transcoded

pytestmark = pytest.mark.suite

SECONDS = 4


@pytest.fixture(scope="module")
def lessons(suite, live_url, tmp_path_factory):
    """level-2's preview lesson and a lesson after it, each with a ready video."""
    from tests.support.api_client import ApiClient

    with ApiClient(live_url) as client:
        course = client.course("level-2")
        preview, gated = course["lessons"][0], course["lessons"][2]
        assert preview["preview"] and not gated["preview"]
        imported = [
            import_lesson_video(tmp_path_factory.mktemp("playback"), lesson["id"], SECONDS) for lesson in (preview, gated)
        ]
        for media in imported:
            assert wait_transcoded(media["id"])["status"] == "ready"
        wait_catalog_shows_ready(client, "level-2", (preview["id"], gated["id"]))
    return {"preview": preview, "gated": gated, "media": {m["ownerId"]: m["id"] for m in imported}}


def opened(api, lesson) -> dict:
    response = api.get(f"/api/lessons/{lesson['id']}")
    assert response.status_code == 200, response.text
    return response.json()


def test_a_visitor_watches_a_preview_through_its_playlists_to_a_segment(api, lessons):
    body = opened(api, lessons["preview"])
    assert set(body) == {"lesson", "notes", "playback", "position"} and body["position"] is None
    assert body["lesson"]["id"] == lessons["preview"]["id"] and "notes" not in body["lesson"]
    playback = body["playback"]
    assert "/public/" in playback["hlsUrl"] and playback["expiresAt"].endswith("Z")

    master = api.get(playback["hlsUrl"])
    assert master.status_code == 200 and master.headers["content-type"].startswith("application/vnd.apple.mpegurl")
    renditions = [line for line in master.text.splitlines() if line and not line.startswith("#")]
    assert len(renditions) == 2
    for uri in renditions:
        playlist_url = urljoin(playback["hlsUrl"], uri)
        playlist = api.get(playlist_url)
        assert playlist.status_code == 200, uri
        init = re.search(r'#EXT-X-MAP:URI="([^"]+)"', playlist.text).group(1)
        segments = [l for l in playlist.text.splitlines() if l and not l.startswith("#")]
        assert api.get(urljoin(playlist_url, init)).headers["content-type"] == "video/mp4"
        for segment in segments:
            assert api.get(urljoin(playlist_url, segment)).status_code == 200, segment
    poster = api.get(playback["posterUrl"])
    assert poster.status_code == 200 and poster.headers["content-type"] == "image/jpeg"


def segment_url(api, playback) -> str:
    master = api.get(playback["hlsUrl"]).text
    rendition = urljoin(playback["hlsUrl"], [l for l in master.splitlines() if l and not l.startswith("#")][0])
    playlist = api.get(rendition).text
    return urljoin(rendition, [l for l in playlist.splitlines() if l and not l.startswith("#")][0])


def test_a_range_of_a_segment_is_206_with_those_bytes_and_an_etag_304(api, lessons):
    url = segment_url(api, opened(api, lessons["preview"])["playback"])
    whole = api.get(url)
    assert whole.status_code == 200 and len(whole.content) > 1000
    assert whole.headers["content-type"] == "video/iso.segment"
    ranged = api.get(url, headers={"Range": "bytes=100-599"})
    assert ranged.status_code == 206
    assert ranged.headers["content-range"] == f"bytes 100-599/{len(whole.content)}"
    assert ranged.content == whole.content[100:600]
    assert api.get(url, headers={"If-None-Match": whole.headers["etag"]}).status_code == 304


def test_a_gated_lesson_is_401_for_a_visitor_402_for_a_non_buyer_404_unknown(api, lessons):
    gated = f"/api/lessons/{lessons['gated']['id']}"
    assert api.get(gated).status_code == 401
    api.register()
    refused = api.get(gated)
    assert (refused.status_code, refused.json()["code"]) == (402, "COURSE_NOT_PURCHASED")
    assert api.get(f"/api/lessons/{uuid.uuid4()}").status_code == 404
    assert api.get("/api/lessons/not-a-lesson").status_code == 404
    # A non-buyer still opens the preview, with no position.
    assert opened(api, lessons["preview"])["position"] is None


def test_a_buyers_url_plays_for_them_only_and_resumes_at_their_position(api, api_factory, lessons):
    api.register()
    api.buy_course("level-2")
    gated = lessons["gated"]
    body = opened(api, gated)
    assert body["position"] is None and body["notes"] is not None
    playback = body["playback"]
    assert f"/{api.user['id']}/" in playback["hlsUrl"]
    master = api.get(playback["hlsUrl"])
    assert master.status_code == 200 and master.headers["cache-control"].startswith("private, max-age=")
    assert api.get(segment_url(api, playback)).status_code == 200

    stranger = api_factory()
    stranger.register()
    for client in (stranger, api_factory()):  # another user, and a visitor
        refused = client.get(playback["hlsUrl"])
        assert refused.status_code == 403 and refused.json()["code"] == "MEDIA_URL_INVALID"

    assert api.put(f"/api/lessons/{gated['id']}/position", json={"seconds": 2.5}).status_code == 204
    assert opened(api, gated)["position"]["seconds"] == 2.5


def test_tampered_and_expired_urls_are_403(api, lessons):
    playback = opened(api, lessons["preview"])["playback"]
    _, _, media_id, expires, scope, signature, name = playback["hlsUrl"].split("/")
    later = str(int(expires) + 60)
    for url in (
        f"/media/{media_id}/{later}/{scope}/{signature}/{name}",
        f"/media/{media_id}/{expires}/{scope}/{signature[:-2]}xx/{name}",
        f"/media/{uuid.uuid4()}/{expires}/{scope}/{signature}/{name}",
    ):
        assert api.get(url).status_code == 403, url
    # Genuinely signed (the suite's secret), an hour and a bit ago.
    settings = get_settings().model_copy(update={"session_secret": os.environ["SESSION_SECRET"]})
    prefix, _ = media_urls.folder_url(settings, media_id, None, None, now=time.time() - 3700)
    expired = api.get(prefix + name)
    assert (expired.status_code, expired.json()["code"]) == (403, "MEDIA_URL_EXPIRED")
