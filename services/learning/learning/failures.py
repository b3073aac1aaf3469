"""Events whose handling failed: kept, retried, parked, replayed.

Nameko acknowledges an event even when its handler raises, so a failure is
never left to the broker. ``handle`` applies an event and, if that fails,
records it in ``failed_events`` (status ``pending``) before the message is
acknowledged; ``retry_due`` (a timer) applies it again with exponential
backoff, and after ``MAX_ATTEMPTS`` failures parks it (status ``parked``).
An event that cannot be read at all (``PoisonEvent``) is parked at once,
since no retry can help. An operator lists parked events and sends them
back to ``pending`` with ``replay_parked`` (``python -m learning.replay``).

If even the record cannot be written (the database is down), ``handle``
raises after a short pause and the handler, declared with
``requeue_on_error``, gives the message back to the broker, which delivers
it again: the event is never acknowledged unless applied or recorded.
"""

import time
from datetime import datetime, timedelta, timezone
from typing import Callable

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from learning.models import FailedEvent
from shared.formats import iso_utc, parse_uuid
from shared.logging import get_logger

log = get_logger(__name__)

PENDING, PARKED = "pending", "parked"
MAX_ATTEMPTS = 5
FIRST_DELAY = timedelta(seconds=1)
MAX_DELAY = timedelta(minutes=5)
REQUEUE_PAUSE_SECONDS = 1.0
RETRY_BATCH = 20

Apply = Callable[[Session, dict], object]


class PoisonEvent(ValueError):
    """An event that no retry can apply (malformed payload)."""


def _now() -> datetime:
    return datetime.now(timezone.utc)


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failure: 1 s, 2 s, 4 s ... at most MAX_DELAY."""
    return min(FIRST_DELAY * 2 ** (attempts - 1), MAX_DELAY)


def to_public(row: FailedEvent) -> dict:
    return {
        "id": row.id,
        "eventId": row.event_id,
        "eventType": row.event_type,
        "status": row.status,
        "attempts": row.attempts,
        "lastError": row.last_error,
        "firstFailedAt": iso_utc(row.first_failed_at),
        "nextAttemptAt": iso_utc(row.next_attempt_at),
        "payload": row.payload,
    }


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def handle(db: Session, event_type: str, payload, apply: Apply) -> bool:
    """Apply an event and commit; on failure record it for retry and return
    False. Raises only when the failure could not be recorded."""
    try:
        with db.begin_nested():
            apply(db, payload)
        db.commit()
        return True
    except Exception as exc:
        try:
            db.rollback()
            record_failure(db, event_type, payload, exc)
        except Exception:
            log.exception(
                "event failed and could not be recorded; returning it to the broker", event_type=event_type
            )
            time.sleep(REQUEUE_PAUSE_SECONDS)  # green under eventlet: no busy redelivery loop
            raise
        return False


def record_failure(
    db: Session, event_type: str, payload, exc: BaseException, now: datetime | None = None
) -> None:
    now = now or _now()
    parked = isinstance(exc, PoisonEvent)
    event_id = payload.get("eventId") if isinstance(payload, dict) else None
    db.execute(
        insert(FailedEvent)
        .values(
            event_id=str(event_id)[:64] if event_id else None,
            event_type=event_type,
            payload=payload,
            status=PARKED if parked else PENDING,
            attempts=1,
            last_error=_describe(exc),
            next_attempt_at=None if parked else now + backoff(1),
        )
        # A redelivery of an event already recorded: its retry is scheduled.
        .on_conflict_do_nothing(index_elements=["event_id"])
    )
    db.commit()
    log.warning(
        "event failed; recorded",
        event_type=event_type,
        event_id=event_id,
        parked=parked,
        error=_describe(exc),
    )


def retry_due(db: Session, apply: Apply, now: datetime | None = None, limit: int = RETRY_BATCH) -> int:
    """Apply the pending events whose time has come; return how many succeeded."""
    now = now or _now()
    due = db.scalars(
        select(FailedEvent.id)
        .where(FailedEvent.status == PENDING, FailedEvent.next_attempt_at <= now)
        .order_by(FailedEvent.next_attempt_at)
        .limit(limit)
    ).all()
    db.rollback()
    return sum(_retry_one(db, row_id, apply, now) for row_id in due)


def _retry_one(db: Session, row_id: str, apply: Apply, now: datetime) -> bool:
    # Locked for the whole attempt; another instance skips it meanwhile.
    row = db.scalar(
        select(FailedEvent)
        .where(FailedEvent.id == row_id, FailedEvent.status == PENDING)
        .with_for_update(skip_locked=True)
    )
    if row is None:
        db.rollback()
        return False
    try:
        with db.begin_nested():
            apply(db, row.payload)
    except Exception as exc:
        row.attempts += 1
        row.last_error = _describe(exc)
        if row.attempts >= MAX_ATTEMPTS or isinstance(exc, PoisonEvent):
            row.status, row.next_attempt_at = PARKED, None
        else:
            row.next_attempt_at = now + backoff(row.attempts)
        db.commit()
        log.warning("event retry failed", event_id=row.event_id, attempts=row.attempts, status=row.status)
        return False
    # Gone in the same transaction as the event's effects.
    db.delete(row)
    db.commit()
    log.info("event retry succeeded", event_id=row.event_id)
    return True


def list_failed(db: Session, status: str | None = None) -> list[dict]:
    query = select(FailedEvent).order_by(FailedEvent.first_failed_at, FailedEvent.id)
    if status is not None:
        query = query.where(FailedEvent.status == status)
    return [to_public(row) for row in db.scalars(query)]


def replay_parked(db: Session, ids: list | None = None, now: datetime | None = None) -> int:
    """Send parked events (all, or those of these row or event ids) back to
    ``pending`` with a fresh set of attempts, due now; commit."""
    query = update(FailedEvent).where(FailedEvent.status == PARKED)
    if ids:
        ids = [str(i) for i in ids]
        query = query.where(
            FailedEvent.id.in_([i for i in ids if parse_uuid(i)]) | FailedEvent.event_id.in_(ids)
        )
    replayed = db.execute(query.values(status=PENDING, attempts=0, next_attempt_at=now or _now())).rowcount
    db.commit()
    return replayed
