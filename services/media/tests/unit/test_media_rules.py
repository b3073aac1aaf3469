"""media's rules with no I/O: keys, event payloads, master playlists."""

import uuid
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from media import ffmpeg
from media.storage import check_key
from shared.events import MediaReady, MediaUploaded, PoisonEvent


@pytest.mark.parametrize("key", ["sources/abc/source.mp4", "hls/x/360p/seg_000.m4s", "a"])
def test_plain_keys_are_accepted(key):
    assert check_key(key) == key


@pytest.mark.parametrize("key", ["../x", "/x", "x/../y", "x/.hidden", ".tmp/x", "x y", "", "x//y", 7, "é"])
def test_other_keys_are_refused(key):
    with pytest.raises(ValueError):
        check_key(key)


def test_a_media_uploaded_event_round_trips():
    event = MediaUploaded(str(uuid.uuid4()), str(uuid.uuid4()), "lesson", str(uuid.uuid4()), "sources/k")
    assert MediaUploaded.read(event.to_payload()) == event
    imported = replace(event, imported_at=datetime(2026, 12, 1, 10, tzinfo=timezone.utc))
    assert imported.to_payload()["importedAt"] == "2026-12-01T10:00:00Z"
    assert MediaUploaded.read(imported.to_payload()) == imported


@pytest.mark.parametrize(
    "change",
    [
        {"mediaId": "nope"},
        {"ownerType": "course"},
        {"ownerId": None},
        {"eventId": ""},
        {"eventId": "x" * 65},
        {"importedAt": "yesterday"},
        {"importedAt": "2026-12-01T10:00:00"},  # no time zone
        {"importedAt": 1764583200},
    ],
)
def test_a_malformed_media_event_is_poison(change):
    payload = MediaUploaded(str(uuid.uuid4()), str(uuid.uuid4()), "lesson", str(uuid.uuid4()), "k").to_payload()
    with pytest.raises(PoisonEvent):
        MediaUploaded.read({**payload, **change})


def test_a_media_ready_event_without_a_duration_is_poison():
    payload = MediaReady(str(uuid.uuid4()), str(uuid.uuid4()), "lesson", str(uuid.uuid4()), 12.0).to_payload()
    del payload["durationSeconds"]
    with pytest.raises(PoisonEvent):
        MediaReady.read(payload)


def test_the_master_playlist_gives_each_rendition_its_bandwidth_and_size(tmp_path):
    master = tmp_path / "master.m3u8"
    master.write_text(
        "#EXTM3U\n#EXT-X-VERSION:7\n"
        '#EXT-X-STREAM-INF:BANDWIDTH=3220800,RESOLUTION=1280x720,CODECS="avc1.4d401f,mp4a.40.2"\n720p/index.m3u8\n\n'
        '#EXT-X-STREAM-INF:BANDWIDTH=985600,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2"\n360p/index.m3u8\n'
    )
    assert [(o.name, o.height, o.width, o.bandwidth) for o in ffmpeg.read_master(master)] == [
        ("360p", 360, 640, 985600),
        ("720p", 720, 1280, 3220800),
    ]


def test_a_master_playlist_missing_a_rendition_is_a_bad_source(tmp_path):
    master = tmp_path / "master.m3u8"
    master.write_text("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=640x360\n360p/index.m3u8\n")
    with pytest.raises(ffmpeg.BadSource):
        ffmpeg.read_master(master)
