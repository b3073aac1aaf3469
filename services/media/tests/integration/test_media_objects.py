"""Importing sources, as the media role on the real PostgreSQL."""

import uuid

import pytest
from sqlalchemy import select

from media import objects
from media.models import MediaFile, OutboxEvent
from media.storage import LocalStorage
from shared.errors import InvalidInput, NotFound
from shared.events import MEDIA_UPLOADED, MediaUploaded
from shared.formats import iso_utc


@pytest.fixture
def storage(tmp_path):
    return LocalStorage(tmp_path / "media")


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "lesson.mp4"
    path.write_bytes(b"not really a video, but bytes to store" * 1000)
    return path


def test_an_import_stores_the_source_and_queues_its_transcode(db, storage, source):
    lesson_id = str(uuid.uuid4())
    media = objects.import_media(db, storage, "lesson", lesson_id, str(source))
    assert (media["ownerType"], media["ownerId"], media["status"]) == ("lesson", lesson_id, "uploaded")
    assert media["renditions"] == [] and media["durationSeconds"] is None
    assert storage.size(media["sourceKey"]) == source.stat().st_size == media["sourceSize"]
    assert len(media["sourceSha256"]) == 64
    [event] = db.scalars(select(OutboxEvent).where(OutboxEvent.aggregate_id == media["id"])).all()
    assert event.event_type == MEDIA_UPLOADED and event.published_at is None
    uploaded = MediaUploaded.read(event.payload)
    assert uploaded.source_key == media["sourceKey"]
    assert iso_utc(uploaded.imported_at) == media["createdAt"]  # what orders an owner's media objects
    [file] = db.scalars(select(MediaFile).where(MediaFile.media_id == media["id"])).all()
    assert (file.kind, file.key, file.sha256) == ("source", media["sourceKey"], media["sourceSha256"])
    assert objects.get_media(db, media["id"]) == media


def test_importing_the_same_file_again_does_nothing(db, storage, source):
    lesson_id = str(uuid.uuid4())
    first = objects.import_media(db, storage, "lesson", lesson_id, str(source))
    again = objects.import_media(db, storage, "lesson", lesson_id, str(source))
    assert again["id"] == first["id"]
    events = db.scalars(select(OutboxEvent).where(OutboxEvent.aggregate_id == first["id"])).all()
    assert len(events) == 1
    assert [m["id"] for m in objects.list_owner_media(db, "lesson", lesson_id)] == [first["id"]]


def test_another_file_for_the_same_lesson_is_a_new_media_object(db, storage, source, tmp_path):
    lesson_id = str(uuid.uuid4())
    first = objects.import_media(db, storage, "lesson", lesson_id, str(source))
    other = tmp_path / "v2.mp4"
    other.write_bytes(b"another take")
    second = objects.import_media(db, storage, "lesson", lesson_id, str(other))
    assert second["id"] != first["id"]
    assert [m["id"] for m in objects.list_owner_media(db, "lesson", lesson_id)] == [second["id"], first["id"]]


@pytest.mark.parametrize(
    "owner_type, owner_id, path_of, field",
    [
        ("course", str(uuid.uuid4()), lambda src: str(src), "ownerType"),
        ("lesson", "not-a-uuid", lambda src: str(src), "ownerId"),
        ("lesson", 42, lambda src: str(src), "ownerId"),
        ("lesson", str(uuid.uuid4()), lambda src: str(src.parent / "missing.mp4"), "sourcePath"),
        ("lesson", str(uuid.uuid4()), lambda src: str(src.parent), "sourcePath"),
        ("lesson", str(uuid.uuid4()), lambda src: None, "sourcePath"),
    ],
)
def test_bad_imports_are_invalid_input(db, storage, source, owner_type, owner_id, path_of, field):
    with pytest.raises(InvalidInput) as raised:
        objects.import_media(db, storage, owner_type, owner_id, path_of(source))
    assert field in raised.value.details["fields"]


def test_an_empty_file_is_invalid_input(db, storage, tmp_path):
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    with pytest.raises(InvalidInput):
        objects.import_media(db, storage, "lesson", str(uuid.uuid4()), str(empty))


@pytest.mark.parametrize("media_id", [str(uuid.uuid4()), "nope", None])
def test_an_unknown_media_object_is_not_found(db, media_id):
    with pytest.raises(NotFound):
        objects.get_media(db, media_id)


def test_playback_is_the_newest_ready_objects_keys_and_none_before(db, storage, source, tmp_path):
    from media.models import MediaObject

    lesson_id = str(uuid.uuid4())
    first = objects.import_media(db, storage, "lesson", lesson_id, str(source))
    assert objects.get_playback(db, "lesson", lesson_id) is None
    row = db.get(MediaObject, first["id"])
    row.status, row.master_playlist_key, row.poster_key = "ready", f"hls/{row.id}/master.m3u8", f"hls/{row.id}/poster.jpg"
    db.flush()
    assert objects.get_playback(db, "lesson", lesson_id) == {
        "mediaId": row.id, "masterPlaylistKey": f"hls/{row.id}/master.m3u8", "posterKey": f"hls/{row.id}/poster.jpg"
    }
    other = tmp_path / "other.mp4"
    other.write_bytes(b"another source" * 100)
    objects.import_media(db, storage, "lesson", lesson_id, str(other))  # not ready: the ready one stays
    assert objects.get_playback(db, "lesson", lesson_id)["mediaId"] == row.id
    with pytest.raises(InvalidInput):
        objects.get_playback(db, "lesson", "not-a-uuid")
