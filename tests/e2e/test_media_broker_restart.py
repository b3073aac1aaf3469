"""A broker restart in the middle of the video pipeline loses no job: the
broker dies while the worker transcodes, comes back, and the job ends ready
once, with every process of the suite still running and caught up (media's
relay publishes media_ready, catalog records it, the worker consumes again).

On a private RabbitMQ node (the machine's broker is shared and must keep
running) and a database of its own: another suite sharing the database would
have its media relay publish this suite's outbox rows to its own broker while
this one is down, and the test would pass without this suite recovering.
"""

import uuid

import pytest
from sqlalchemy import text

from media import generate
from tests.support.api_client import ApiClient
from tests.support.broker import PrivateBroker
from tests.support.observe import json_lines
from tests.support.rpc import rpc_call
from tests.support.suite import suite_with_own_database, wait_until

pytestmark = [
    pytest.mark.suite,
    pytest.mark.skipif(not PrivateBroker.available(), reason="rabbitmq-server is not installed"),
]

SECONDS = 12
# A slow x264 preset: the job (about 13 s in this suite here, against 3 s at
# the tests' "ultrafast") outlasts a broker restart (about 4 s), so the broker
# can come back while the worker is still in ffmpeg.
PRESET = "slow"


@pytest.fixture(scope="module")
def restart_suite(database, private_broker):
    with suite_with_own_database("media-broker-restart", private_broker.amqp_uri, {"TRANSCODE_PRESET": PRESET}) as suite:
        yield suite


def media_call(suite, method, *args):
    return rpc_call("media", method, *args, amqp_uri=suite.amqp_uri)


def media_status(suite, media_id) -> str | None:
    with suite.admin_engine.connect() as conn:
        return conn.execute(text("SELECT status FROM media.media_objects WHERE id = :id"), {"id": media_id}).scalar()


def outbox_count(suite, media_id, event_type) -> int:
    with suite.admin_engine.connect() as conn:
        return conn.execute(
            text("SELECT count(*) FROM media.outbox WHERE aggregate_id = :id AND event_type = :type"),
            {"id": media_id, "type": event_type},
        ).scalar()


def worker_lines(suite, message, media_id) -> list[dict]:
    paths = sorted(suite.log_dir.glob("media-worker-*.log"))
    return [l for p in paths for l in json_lines(p) if l.get("event") == message and l.get("media_id") == media_id]


def lesson_video_status(api, lesson_id) -> str | None:
    response = api.get("/api/courses/level-1")  # a 503 while the gateway reconnects
    if response.status_code != 200:
        return None
    return (next(l for l in response.json()["lessons"] if l["id"] == lesson_id)["video"] or {}).get("status")


@pytest.mark.parametrize(
    "position, back",
    # The broker comes back after the job is done (media_ready waits in the
    # outbox, the worker cannot acknowledge), or while it still runs (the
    # worker reconnects in the middle of ffmpeg).
    [(3, "after the job"), (4, "during the job")],
)
def test_a_broker_restart_while_the_worker_transcodes_loses_no_job(
    restart_suite, private_broker, tmp_path, position, back
):
    suite = restart_suite
    with ApiClient(suite.url) as api:
        lesson = api.course("level-1")["lessons"][position]
        assert lesson["video"] is None  # a database of the test's own
        title = f"Restart {uuid.uuid4().hex[:8]}"
        source = generate.title_card(tmp_path / "source.mp4", title, "e2e", seconds=SECONDS)
        media = media_call(suite, "import_media", "lesson", lesson["id"], str(source))
        wait_until(
            lambda: media_status(suite, media["id"]) == "processing", 60, interval=0.2, message="the worker to start"
        )

        private_broker.kill()
        assert media_status(suite, media["id"]) == "processing"
        if back == "after the job":
            wait_until(lambda: media_status(suite, media["id"]) == "ready", 90, interval=0.3, message="the job")
            private_broker.start()
        else:
            private_broker.start()
            assert media_status(suite, media["id"]) == "processing"

        # Catalog hears of it once media's relay can publish again.
        wait_until(
            lambda: lesson_video_status(api, lesson["id"]) == "ready",
            120,
            interval=0.5,
            message="catalog to show the video ready",
        )
        # The broker put the unacknowledged media_uploaded back in its queue;
        # the worker took it again and recognised a finished job.
        wait_until(
            lambda: worker_lines(suite, "media job already finished", media["id"]),
            60,
            interval=0.5,
            message="the worker to take the redelivered job",
        )
        assert outbox_count(suite, media["id"], "media_ready") == 1
        assert len(worker_lines(suite, "media ready", media["id"])) == 1
        ready = media_call(suite, "get_media", media["id"])
        assert ready["status"] == "ready" and len(ready["renditions"]) == 2
        suite.check_alive()  # no process died of the restart
