"""The video pipeline as the suite runs it: media imports, media-worker
transcodes, catalog shows the lesson's video through the gateway. Real
RabbitMQ, PostgreSQL, storage (a local directory) and ffmpeg."""

import os
import signal
import uuid

import pytest
from nameko.standalone.events import event_dispatcher
from sqlalchemy import text

from media import ffmpeg, generate
from media.storage import LocalStorage
from shared.events import MEDIA, MEDIA_UPLOADED
from shared.settings import get_settings
from tests.support.observe import json_lines
from tests.support.probing import rendition_duration
from tests.support.rpc import rpc_call
from tests.support.suite import wait_until

pytestmark = pytest.mark.suite

DEADLINE = 60


def call(method: str, *args):
    return rpc_call("media", method, *args)


def source(tmp_path, seconds=3) -> str:
    # A title no earlier run used: a new file, so the import is never a no-op.
    path = tmp_path / f"{uuid.uuid4().hex}.mp4"
    return str(generate.title_card(path, f"Test {uuid.uuid4().hex[:8]}", "e2e", seconds=seconds, height=720))


def wait_status(media_id, *statuses, timeout=DEADLINE) -> dict:
    return wait_until(
        lambda: (m := call("get_media", media_id))["status"] in statuses and m,
        timeout,
        interval=0.3,
        message=f"media {media_id} to be {statuses}",
    )


def outbox_count(admin_engine, media_id, event_type) -> int:
    with admin_engine.connect() as conn:
        return conn.execute(
            text("SELECT count(*) FROM media.outbox WHERE aggregate_id = :id AND event_type = :type"),
            {"id": media_id, "type": event_type},
        ).scalar()


def files_count(admin_engine, media_id) -> int:
    with admin_engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM media.media_files WHERE media_id = :id"), {"id": media_id}).scalar()


def uploaded_payload(admin_engine, media_id) -> dict:
    with admin_engine.connect() as conn:
        return conn.execute(
            text("SELECT payload FROM media.outbox WHERE aggregate_id = :id AND event_type = 'media_uploaded'"),
            {"id": media_id},
        ).scalar()


def lesson_of(api, slug, position):
    return api.course(slug)["lessons"][position]


def lesson_video(api, slug, lesson_id):
    return next(l for l in api.course(slug)["lessons"] if l["id"] == lesson_id)["video"]


def without_video(admin_engine, lesson_id) -> None:
    """Forget what catalog recorded of a lesson's video (an earlier run's
    ready one would rightly outrank a new import's ``processing``)."""
    with admin_engine.connect() as conn:
        conn.execute(
            text(
                "UPDATE catalog.lessons SET video_media_id = NULL, video_imported_at = NULL,"
                " video_status = NULL, video_duration_seconds = NULL WHERE id = :id"
            ),
            {"id": lesson_id},
        )


def test_an_import_is_processing_then_ready_and_its_lesson_shows_the_video(suite, api, admin_engine, tmp_path):
    lesson = lesson_of(api, "level-1", -1)
    without_video(admin_engine, lesson["id"])
    path = source(tmp_path)
    # No worker while the lesson is looked at, so "processing" lasts until seen.
    with suite.service_down("media-worker"):
        media = call("import_media", "lesson", lesson["id"], path)
        assert media["status"] == "uploaded"
        wait_until(
            lambda: lesson_video(api, "level-1", lesson["id"]) == {"status": "processing", "durationSeconds": None},
            DEADLINE,
            interval=0.3,
            message="the lesson to show its video processing",
        )
    ready = wait_status(media["id"], "ready", "failed")
    assert ready["status"] == "ready", ready["failureReason"]

    seconds = ffmpeg.probe(path).duration_seconds
    assert [r["height"] for r in ready["renditions"]] == [360, 720]
    storage = LocalStorage(get_settings().media_root)
    for rendition in ready["renditions"]:
        assert rendition_duration(storage, rendition["playlistKey"], tmp_path) == pytest.approx(seconds, abs=0.25)
    wait_until(
        lambda: lesson_video(api, "level-1", lesson["id"]) == {"status": "ready", "durationSeconds": round(seconds)},
        DEADLINE,
        interval=0.3,
        message="the lesson to show its video",
    )


def test_a_corrupt_upload_fails_with_a_reason_and_the_lesson_says_so(suite, api, tmp_path):
    lesson = lesson_of(api, "level-2", -1)
    corrupt = tmp_path / "corrupt.mp4"
    corrupt.write_bytes(b"\x00\x00\x00\x18ftypmp42" + uuid.uuid4().bytes * 2000)
    media = call("import_media", "lesson", lesson["id"], str(corrupt))
    failed = wait_status(media["id"], "ready", "failed")
    assert failed["status"] == "failed" and "probing the source failed" in failed["failureReason"]
    parked = [e for e in call("list_failed_events", "parked") if e["payload"].get("mediaId") == media["id"]]
    assert len(parked) == 1
    wait_until(
        lambda: lesson_video(api, "level-2", lesson["id"]) == {"status": "failed", "durationSeconds": None},
        DEADLINE,
        interval=0.3,
        message="the lesson to show its failed video",
    )


def worker_logged(suite, message, media_id) -> bool:
    paths = sorted(suite.log_dir.glob("media-worker-*.log"))
    return any(l.get("event") == message and l.get("media_id") == media_id for p in paths for l in json_lines(p))


def test_a_media_uploaded_delivered_twice_is_transcoded_once(suite, api, admin_engine, tmp_path):
    lesson = lesson_of(api, "level-1", -2)
    media = call("import_media", "lesson", lesson["id"], source(tmp_path))
    duplicate = uploaded_payload(admin_engine, media["id"])
    event_dispatcher({"AMQP_URI": os.environ["AMQP_URI"]}, mandatory=True)(MEDIA, MEDIA_UPLOADED, duplicate)
    wait_status(media["id"], "ready")
    files = files_count(admin_engine, media["id"])
    wait_until(
        lambda: worker_logged(suite, "media job already finished", media["id"]),
        DEADLINE,
        interval=0.3,
        message="the worker to take the duplicate",
    )
    assert outbox_count(admin_engine, media["id"], "media_ready") == 1
    assert files_count(admin_engine, media["id"]) == files
    assert len(call("get_media", media["id"])["renditions"]) == 2


def test_a_worker_killed_mid_job_leaves_it_to_another_which_finishes_it_once(suite, api, admin_engine, tmp_path):
    for process in list(suite.processes["media-worker"]):
        suite.stop(process)
    doomed = suite.start("media-worker")
    try:
        lesson = lesson_of(api, "level-2", -2)
        media = call("import_media", "lesson", lesson["id"], source(tmp_path, seconds=10))
        wait_status(media["id"], "processing")
        # As a crash would: the worker and its ffmpeg, at once.
        os.killpg(doomed.pid, signal.SIGKILL)
        doomed.wait(10)
        assert call("get_media", media["id"])["status"] == "processing"
    finally:
        suite.stop(doomed)
        suite.start("media-worker")
    ready = wait_status(media["id"], "ready", "failed", timeout=90)
    assert ready["status"] == "ready" and len(ready["renditions"]) == 2
    assert outbox_count(admin_engine, media["id"], "media_ready") == 1
