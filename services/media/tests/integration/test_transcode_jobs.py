"""The transcode job on the real PostgreSQL (media role), storage and ffmpeg."""

import hashlib
import os
import signal
import threading
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from media import ffmpeg, jobs, objects
from media.failures import failed_events
from media.models import FailedEvent, MediaFile, OutboxEvent
from media.storage import LocalStorage
from tests.support.probing import rendition_duration
from shared.events import MEDIA_FAILED, MEDIA_READY, MEDIA_UPLOADED, MediaFailed, MediaReady
from shared.formats import iso_utc
from shared.service import failures as kit



@pytest.fixture
def storage(tmp_path):
    return LocalStorage(tmp_path / "media")


def uploaded_event(db, media_id) -> dict:
    return db.scalars(
        select(OutboxEvent).where(OutboxEvent.aggregate_id == media_id, OutboxEvent.event_type == MEDIA_UPLOADED)
    ).one().payload


def events_of(db, media_id, event_type) -> list[dict]:
    rows = select(OutboxEvent).where(OutboxEvent.aggregate_id == media_id, OutboxEvent.event_type == event_type)
    return [row.payload for row in db.scalars(rows)]


def handlers(storage):
    return {MEDIA_UPLOADED: lambda db, payload: jobs.transcode(db, payload, storage, preset="ultrafast")}


def test_an_import_becomes_ready_with_two_renditions_as_long_as_the_source(db, storage, short_source, tmp_path):
    media = objects.import_media(db, storage, "lesson", str(uuid.uuid4()), str(short_source))
    payload = uploaded_event(db, media["id"])
    jobs.start(db, payload)
    assert objects.get_media(db, media["id"])["status"] == "processing"
    assert failed_events.handle(db, MEDIA_UPLOADED, payload, handlers(storage))

    ready = objects.get_media(db, media["id"])
    source_seconds = ffmpeg.probe(short_source).duration_seconds
    assert ready["status"] == "ready" and ready["failureReason"] is None
    assert ready["durationSeconds"] == pytest.approx(source_seconds, abs=0.1)
    assert [(r["name"], r["height"], r["width"]) for r in ready["renditions"]] == [
        ("360p", 360, 640), ("720p", 720, 1280),
    ]
    assert all(r["bandwidth"] > 0 for r in ready["renditions"])
    for rendition in ready["renditions"]:
        assert rendition_duration(storage, rendition["playlistKey"], tmp_path) == pytest.approx(
            source_seconds, abs=0.25
        )
    master = storage.open(ready["masterPlaylistKey"]).read().decode()
    assert "360p/index.m3u8" in master and "720p/index.m3u8" in master
    assert storage.open(ready["posterKey"]).read(3) == b"\xff\xd8\xff"  # a JPEG

    # Every stored file is recorded with its true size and checksum.
    files = db.scalars(select(MediaFile).where(MediaFile.media_id == media["id"])).all()
    assert {f.kind for f in files} == {"source", "master", "playlist", "segment", "poster"}
    for f in files:
        data = storage.open(f.key).read()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (f.size, f.sha256)

    [event] = events_of(db, media["id"], MEDIA_READY)
    ready_event = MediaReady.read(event)
    assert ready_event.duration_seconds == ready["durationSeconds"]
    assert [r["name"] for r in ready_event.renditions] == ["360p", "720p"]
    assert iso_utc(ready_event.imported_at) == ready["createdAt"]


def test_a_second_delivery_of_a_finished_job_does_nothing(db, storage, short_source):
    media = objects.import_media(db, storage, "lesson", str(uuid.uuid4()), str(short_source))
    payload = uploaded_event(db, media["id"])
    assert jobs.transcode(db, payload, storage, preset="ultrafast") == "ready"
    files_before = db.scalar(select(func.count()).select_from(MediaFile).where(MediaFile.media_id == media["id"]))
    assert jobs.transcode(db, payload, storage, preset="ultrafast") == "skipped"
    jobs.start(db, payload)
    assert objects.get_media(db, media["id"])["status"] == "ready"
    assert len(events_of(db, media["id"], MEDIA_READY)) == 1
    assert db.scalar(select(func.count()).select_from(MediaFile).where(MediaFile.media_id == media["id"])) == files_before


def test_a_corrupt_source_is_parked_and_the_media_failed_with_a_reason(db, storage, tmp_path):
    corrupt = tmp_path / "corrupt.mp4"
    corrupt.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"definitely not video " * 500)
    media = objects.import_media(db, storage, "lesson", str(uuid.uuid4()), str(corrupt))
    payload = uploaded_event(db, media["id"])
    jobs.start(db, payload)
    assert failed_events.handle(db, MEDIA_UPLOADED, payload, handlers(storage)) is False

    failed = objects.get_media(db, media["id"])
    assert failed["status"] == "failed"
    assert "BadSource" in failed["failureReason"] and "probing the source failed" in failed["failureReason"]
    assert failed["renditions"] == []
    row = db.scalars(select(FailedEvent).where(FailedEvent.event_id == payload["eventId"])).one()
    assert (row.status, row.next_attempt_at) == ("parked", None)
    [event] = events_of(db, media["id"], MEDIA_FAILED)
    assert MediaFailed.read(event).reason == failed["failureReason"]
    assert iso_utc(MediaFailed.read(event).imported_at) == failed["createdAt"]
    # A redelivery of the parked event neither transcodes nor emits again.
    assert failed_events.handle(db, MEDIA_UPLOADED, payload, handlers(storage)) is True
    assert len(events_of(db, media["id"], MEDIA_FAILED)) == 1


def test_a_missing_source_object_is_retried_then_parked_as_failed(db, storage, short_source, tmp_path):
    media = objects.import_media(db, storage, "lesson", str(uuid.uuid4()), str(short_source))
    payload = uploaded_event(db, media["id"])
    storage.delete(media["sourceKey"])  # as a storage outage would look
    assert failed_events.handle(db, MEDIA_UPLOADED, payload, handlers(storage)) is False
    row = db.scalars(select(FailedEvent).where(FailedEvent.event_id == payload["eventId"])).one()
    assert row.status == "pending"
    assert objects.get_media(db, media["id"])["status"] != "failed"  # still being retried
    now = datetime.now(timezone.utc)
    for _ in range(kit.MAX_ATTEMPTS - 1):
        now += kit.MAX_DELAY
        failed_events.retry_due(db, handlers(storage), now=now)
    assert row.status == "parked"
    failed = objects.get_media(db, media["id"])
    assert failed["status"] == "failed" and "MissingObject" in failed["failureReason"]
    assert len(events_of(db, media["id"], MEDIA_FAILED)) == 1


@pytest.mark.parametrize("payload", [{"junk": True}, "text", {"eventId": "e1", "mediaId": "x", "ownerType": "lesson",
                                                                 "ownerId": str(uuid.uuid4()), "sourceKey": "k"}])
def test_an_unreadable_event_is_parked_at_once(db, storage, payload):
    assert failed_events.handle(db, MEDIA_UPLOADED, payload, handlers(storage)) is False
    rows = db.scalars(select(FailedEvent).where(FailedEvent.event_type == MEDIA_UPLOADED)).all()
    assert [r.status for r in rows if r.payload == payload] == ["parked"]


def test_a_job_another_instance_holds_is_held_elsewhere_until_that_instance_is_done(storage, short_source):
    """After a broker restart a second delivery may reach a worker while the
    first instance still transcodes: it must be given back, not acknowledged."""
    from sqlalchemy import delete
    from sqlalchemy.orm import Session

    from media.models import MediaObject
    from shared.db import service_engine

    engine = service_engine("media", pool_size=2)
    first, second = Session(engine), Session(engine)
    try:
        media = objects.import_media(first, storage, "lesson", str(uuid.uuid4()), str(short_source))
        payload = uploaded_event(first, media["id"])
        first.commit()

        assert not jobs.held_elsewhere(first, payload)  # free: the first instance now holds it
        assert jobs.held_elsewhere(second, payload)
        second.rollback()
        first.commit()  # the first instance is done (or gone)
        assert not jobs.held_elsewhere(second, payload)
        second.rollback()
    finally:
        first.rollback()
        first.execute(delete(OutboxEvent).where(OutboxEvent.aggregate_id == media["id"]))
        first.execute(delete(MediaFile).where(MediaFile.media_id == media["id"]))
        first.execute(delete(MediaObject).where(MediaObject.id == media["id"]))
        first.commit()
        first.close(), second.close()
        engine.dispose()


def _children_named(name: str) -> list[int]:
    """The pids of this process's children whose command starts with
    ``name`` (the wheel's binary is ``ffmpeg-linux-...``)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid, rest = stat.read_text().split(" (", 1)
        except OSError:
            continue  # ended meanwhile
        comm, fields = rest.rsplit(") ", 1)
        if comm.startswith(name) and int(fields.split()[1]) == os.getpid():
            found.append(int(pid))
    return found


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_a_transcode_stopped_by_a_signal_is_retried_and_the_media_not_failed(db, storage, short_source, stop):
    """As when the worker's process group is stopped (honcho, Ctrl-C) or the
    OOM killer picks ffmpeg: the source is not at fault."""
    media = objects.import_media(db, storage, "lesson", str(uuid.uuid4()), str(short_source))
    payload = uploaded_event(db, media["id"])
    jobs.start(db, payload)
    signalled = []

    def stop_the_first_ffmpeg():
        deadline = time.monotonic() + 30
        while not signalled and time.monotonic() < deadline:
            for pid in _children_named("ffmpeg"):
                os.kill(pid, stop)
                signalled.append(pid)
                break
            time.sleep(0.002)

    killer = threading.Thread(target=stop_the_first_ffmpeg)
    killer.start()
    try:
        assert failed_events.handle(db, MEDIA_UPLOADED, payload, handlers(storage)) is False
    finally:
        killer.join()
    assert signalled, "no ffmpeg was seen to stop"
    row = db.scalars(select(FailedEvent).where(FailedEvent.event_id == payload["eventId"])).one()
    assert row.status == "pending" and "Interrupted" in row.last_error
    assert objects.get_media(db, media["id"])["status"] == "processing"
    assert events_of(db, media["id"], MEDIA_FAILED) == []

    # The retry finishes the job.
    failed_events.retry_due(db, handlers(storage), now=datetime.now(timezone.utc) + kit.MAX_DELAY)
    assert objects.get_media(db, media["id"])["status"] == "ready"
    assert len(events_of(db, media["id"], MEDIA_READY)) == 1
