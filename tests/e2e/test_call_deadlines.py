"""Work a caller has given up on is not done later: a call delivered to a
service that cannot get to it before the caller's deadline is refused, not
run, when the service gets to it. The broker has delivered such a call, so
the message's own expiry no longer applies.

Two ways a call waits in a service: for a worker, while the only one is busy
(media-worker transcoding, with its one worker), and in the socket of a
frozen process (commerce, SIGSTOP, while a checkout is in flight). Observed,
not timed: the broker's queue, the worker's own /metrics and log lines.
"""

import signal
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from media import generate
from shared.logging import request_id_var
from shared.rpc import RpcTimeout
from shared.settings import get_settings
from tests.support.environment import can_make_vhosts
from tests.support.observe import handled, queue_counts
from tests.support.rpc import rpc_call
from tests.support.suite import wait_until

pytestmark = pytest.mark.suite


def orders_of(admin_engine, user_id) -> int:
    with admin_engine.connect() as conn:
        query = text("SELECT count(*) FROM commerce.orders WHERE user_id = :u")
        return conn.execute(query, {"u": user_id}).scalar()


def outcome_of(log_path, method: str, request_id: str) -> str | None:
    """The outcome of the worker that got the call: ``refused``, ``ok`` ..."""
    lines = handled(log_path, method, [request_id])
    return lines[0]["outcome"] if lines else None


def test_a_call_that_waited_for_a_busy_worker_past_its_deadline_is_refused(suite, api, tmp_path):
    (worker,) = [p for p in suite.processes["media-worker"] if p.poll() is None]
    lesson = api.course("level-1")["lessons"][-1]
    # A title no earlier run used: new bytes, so the import is not a no-op.
    title = f"Busy {uuid.uuid4().hex[:8]}"
    source = generate.title_card(tmp_path / f"{uuid.uuid4().hex}.mp4", title, "e2e", seconds=10, height=720)
    media = rpc_call("media", "import_media", "lesson", lesson["id"], str(source))
    # "processing" is committed by the job's worker as it starts: the one worker is busy.
    wait_until(
        lambda: rpc_call("media", "get_media", media["id"])["status"] == "processing",
        60,
        interval=0.2,
        message="the transcode to run",
    )

    request_id = f"late-{uuid.uuid4().hex[:8]}"
    token = request_id_var.set(request_id)
    try:
        with pytest.raises(RpcTimeout):
            rpc_call("media_worker", "ping", timeout=0.5)
    finally:
        request_id_var.reset(token)

    # The transcode ends, and the worker gets to the ping, long past its deadline.
    outcome = wait_until(
        lambda: outcome_of(worker.log_path, "ping", request_id), 120, interval=0.5, message="the ping's turn"
    )
    assert outcome == "refused"
    assert rpc_call("media", "get_media", media["id"])["status"] == "ready"


@pytest.mark.skipif(not can_make_vhosts(), reason="needs rabbitmqctl to see unacknowledged messages")
def test_a_call_held_by_a_frozen_service_past_its_deadline_is_refused_not_run(suite, api, admin_engine):
    user = api.register()
    course_id = api.course("level-1")["course"]["id"]
    amqp_uri, request_id = get_settings().amqp_uri, f"late-{uuid.uuid4().hex[:8]}"
    (commerce,) = suite.processes["commerce"]
    commerce.send_signal(signal.SIGSTOP)
    try:
        with ThreadPoolExecutor(1) as pool:
            checkout = pool.submit(
                api.post,
                "/api/orders",
                json={"items": [{"itemType": "course", "itemId": course_id}]},
                headers={"X-Request-ID": request_id},
            )
            wait_until(
                lambda: queue_counts(amqp_uri, "rpc-commerce")["messages_unacknowledged"] == 1,
                30,
                message="the call to be delivered to the frozen commerce",
            )
            response = checkout.result(timeout=60)
    finally:
        commerce.send_signal(signal.SIGCONT)
    assert response.status_code == 504

    # Thawed, commerce gets to the call: refused (or, without the deadline
    # check, run: the order would then be placed).
    outcome = wait_until(
        lambda: outcome_of(commerce.log_path, "create_order", request_id),
        30,
        message="commerce to get to the call",
    )
    assert outcome == "refused"
    assert orders_of(admin_engine, user["id"]) == 0
    # Answered and acknowledged: nothing is left for anyone to run later.
    wait_until(lambda: queue_counts(amqp_uri, "rpc-commerce")["messages_unacknowledged"] == 0, 30)
    assert api.get("/api/orders").json()["orders"] == []
