"""Lesson videos for tests: a short generated title card imported through
the running media service, and waits for the pipeline to finish it."""

import uuid
from pathlib import Path

from media import generate
from tests.support.rpc import rpc_call
from tests.support.suite import wait_until


def import_lesson_video(folder: Path, lesson_id: str, seconds: float = 4, amqp_uri: str | None = None) -> dict:
    """Generate a ``seconds`` long video and import it for the lesson; the
    media object. ``amqp_uri``: a suite of the test's own."""
    path = folder / f"{uuid.uuid4().hex}.mp4"
    generate.title_card(path, f"Lesson {uuid.uuid4().hex[:8]}", "test", seconds=seconds, height=720)
    return rpc_call("media", "import_media", "lesson", lesson_id, str(path), amqp_uri=amqp_uri)


def wait_transcoded(media_id: str, timeout: float = 90, amqp_uri: str | None = None) -> dict:
    """The media object once the worker has made it ``ready`` or ``failed``."""
    return wait_until(
        lambda: (m := rpc_call("media", "get_media", media_id, amqp_uri=amqp_uri))["status"] in ("ready", "failed")
        and m,
        timeout, interval=0.3, message=f"media {media_id} to be transcoded",
    )


def wait_catalog_shows_ready(client, slug: str, lesson_ids, timeout: float = 60) -> None:
    """Until the course page (through the gateway) shows every lesson's video ready."""
    wanted = set(lesson_ids)
    wait_until(
        lambda: all(
            (lesson["video"] or {}).get("status") == "ready"
            for lesson in client.course(slug)["lessons"] if lesson["id"] in wanted
        ),
        timeout, interval=0.3, message=f"catalog to show the videos of {slug} ready",
    )
