"""Failed events are kept, retried with backoff, parked and replayed."""

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from learning import enrollments, failures
from learning.models import Enrollment, FailedEvent, ProcessedEvent
from shared.events import ORDER_COMPLETED
from tests.support.events import order_completed_payload
from tests.support.wire import every_course_exists


def apply_order_completed(db, raw):
    """learning's handler, with catalog knowing every course."""
    return enrollments.apply_order_completed(db, raw, every_course_exists)




def failing_once():
    calls = []

    def apply(db, raw):
        calls.append(raw["eventId"])
        if len(calls) == 1:
            raise RuntimeError("database hiccup")
        return apply_order_completed(db, raw)

    return apply


def failed_row(db, event_id):
    return db.scalar(select(FailedEvent).where(FailedEvent.event_id == event_id))


def enrolled(db, raw):
    return db.scalar(select(func.count()).select_from(Enrollment).where(Enrollment.user_id == raw["userId"]))


def later(seconds):
    return datetime.now(timezone.utc) + timedelta(seconds=seconds)


def test_retries_dispatch_on_the_stored_event_type(db):
    healthy, applied = {"yet": False}, []

    def handler_for(event_type):
        def apply(db, raw):
            if not healthy["yet"]:
                raise RuntimeError("not yet")
            applied.append((event_type, raw["eventId"]))

        return apply

    handlers = {event_type: handler_for(event_type) for event_type in ("order_completed", "order_refunded")}
    completed, refunded = order_completed_payload(), order_completed_payload()
    failures.handle(db, "order_completed", completed, handlers)
    failures.handle(db, "order_refunded", refunded, handlers)
    healthy["yet"] = True

    assert failures.retry_due(db, handlers, now=later(2)) == 2
    assert sorted(applied) == sorted(
        [("order_completed", completed["eventId"]), ("order_refunded", refunded["eventId"])]
    )


def test_an_event_type_without_a_handler_is_parked_at_once(db):
    raw = order_completed_payload()
    handlers = {ORDER_COMPLETED: apply_order_completed}
    assert not failures.handle(db, "order_shipped", raw, handlers)
    row = failed_row(db, raw["eventId"])
    assert (row.status, row.event_type) == ("parked", "order_shipped")
    assert "no handler" in row.last_error


def test_a_handled_event_is_applied_and_recorded_as_processed(db):
    raw = order_completed_payload()
    assert failures.handle(db, ORDER_COMPLETED, raw, {ORDER_COMPLETED: apply_order_completed})
    assert enrolled(db, raw) == 1
    assert db.get(ProcessedEvent, raw["eventId"]) is not None
    assert failed_row(db, raw["eventId"]) is None


def test_a_failure_is_recorded_with_nothing_half_applied_then_retried(db):
    raw, apply = order_completed_payload(), failing_once()
    assert not failures.handle(db, ORDER_COMPLETED, raw, {ORDER_COMPLETED: apply})
    row = failed_row(db, raw["eventId"])
    assert (row.status, row.attempts, row.payload) == ("pending", 1, raw)
    assert "database hiccup" in row.last_error
    assert enrolled(db, raw) == 0 and db.get(ProcessedEvent, raw["eventId"]) is None

    assert failures.retry_due(db, {ORDER_COMPLETED: apply}, now=later(0)) == 0  # not due before its backoff
    assert failures.retry_due(db, {ORDER_COMPLETED: apply}, now=later(2)) == 1
    assert enrolled(db, raw) == 1
    assert failed_row(db, raw["eventId"]) is None


def test_an_event_that_keeps_failing_is_parked_after_max_attempts(db):
    raw = order_completed_payload()

    def broken(db, raw):
        raise RuntimeError("still broken")

    failures.handle(db, ORDER_COMPLETED, raw, {ORDER_COMPLETED: broken})
    now = datetime.now(timezone.utc)
    for _ in range(failures.MAX_ATTEMPTS - 1):
        now += failures.MAX_DELAY
        failures.retry_due(db, {ORDER_COMPLETED: broken}, now=now)
    row = failed_row(db, raw["eventId"])
    db.refresh(row)
    assert (row.status, row.attempts, row.next_attempt_at) == ("parked", failures.MAX_ATTEMPTS, None)
    assert failures.retry_due(db, {ORDER_COMPLETED: broken}, now=now + timedelta(days=1)) == 0
    assert [r["eventId"] for r in failures.list_failed(db, "parked") if r["eventId"] == raw["eventId"]] == [
        raw["eventId"]
    ]


def test_a_poison_event_is_parked_at_once(db):
    raw = order_completed_payload(userId="not-a-user")
    assert not failures.handle(db, ORDER_COMPLETED, raw, {ORDER_COMPLETED: apply_order_completed})
    row = failed_row(db, raw["eventId"])
    assert (row.status, row.attempts) == ("parked", 1)
    assert "PoisonEvent" in row.last_error


def test_a_payload_without_event_id_is_kept_too(db):
    handlers = {ORDER_COMPLETED: apply_order_completed}
    assert not failures.handle(db, ORDER_COMPLETED, {"junk": True}, handlers)
    assert (
        db.scalar(select(FailedEvent).where(FailedEvent.payload["junk"].astext == "true")).status == "parked"
    )


def test_a_replayed_parked_event_is_applied_once_its_cause_is_fixed(db):
    raw = order_completed_payload()
    fixed = {"yet": False}

    def apply(db, raw):
        if not fixed["yet"]:
            raise RuntimeError("bug")
        return apply_order_completed(db, raw)

    failures.handle(db, ORDER_COMPLETED, raw, {ORDER_COMPLETED: apply})
    now = datetime.now(timezone.utc)
    for _ in range(failures.MAX_ATTEMPTS):
        now += failures.MAX_DELAY
        failures.retry_due(db, {ORDER_COMPLETED: apply}, now=now)
    assert failed_row(db, raw["eventId"]).status == "parked"

    fixed["yet"] = True
    assert failures.replay_parked(db, [raw["eventId"]], now=now) == 1
    assert failures.retry_due(db, {ORDER_COMPLETED: apply}, now=now) == 1
    assert enrolled(db, raw) == 1 and failed_row(db, raw["eventId"]) is None


def test_a_redelivered_failure_is_recorded_once(db):
    raw = order_completed_payload()

    def broken(db, raw):
        raise RuntimeError("down")

    failures.handle(db, ORDER_COMPLETED, raw, {ORDER_COMPLETED: broken})
    failures.handle(db, ORDER_COMPLETED, raw, {ORDER_COMPLETED: broken})
    assert (
        db.scalar(select(func.count()).select_from(FailedEvent).where(FailedEvent.event_id == raw["eventId"]))
        == 1
    )


def test_when_the_failure_cannot_be_recorded_the_handler_raises_for_requeue(db, monkeypatch):
    def database_down(*args, **kwargs):
        raise ConnectionError("database down")

    monkeypatch.setattr(failures, "record_failure", database_down)
    monkeypatch.setattr(failures, "REQUEUE_PAUSE_SECONDS", 0)
    with pytest.raises(ConnectionError):
        failures.handle(db, ORDER_COMPLETED, order_completed_payload(), {ORDER_COMPLETED: lambda db, raw: 1 / 0})


def test_an_order_for_a_course_that_does_not_exist_enrolls_nobody_and_is_parked(db):
    real, missing = str(uuid.uuid4()), str(uuid.uuid4())
    raw = order_completed_payload(courseIds=[real, missing])

    def only_real(ids):
        return {i: every_course_exists([i])[i] for i in ids if i == real}

    handlers = {ORDER_COMPLETED: lambda db, raw: enrollments.apply_order_completed(db, raw, only_real)}
    assert not failures.handle(db, ORDER_COMPLETED, raw, handlers)
    assert enrolled(db, raw) == 0
    row = failed_row(db, raw["eventId"])
    assert (row.status, row.attempts) == ("parked", 1)
    assert missing in row.last_error and real not in row.last_error
    # Not recorded as processed: a replay after a fix applies it.
    assert db.get(ProcessedEvent, raw["eventId"]) is None


def test_catalog_unreachable_is_retried_not_parked(db):
    from shared.errors import DependencyUnavailable

    raw = order_completed_payload()

    def catalog_down(ids):
        raise DependencyUnavailable("catalog is unavailable")

    handlers = {ORDER_COMPLETED: lambda db, raw: enrollments.apply_order_completed(db, raw, catalog_down)}
    assert not failures.handle(db, ORDER_COMPLETED, raw, handlers)
    assert failed_row(db, raw["eventId"]).status == "pending"
    assert enrolled(db, raw) == 0
