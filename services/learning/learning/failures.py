"""Events whose handling failed: kept, retried, parked, replayed.

Nameko acknowledges an event even when its handler raises, so a failure is
never left to the broker. ``handle`` applies an event with the handler for
its type and, if that fails, records it in ``failed_events`` (status
``pending``) in the same transaction, which the entrypoint commits before
the message is acknowledged; ``retry_due`` (a timer) applies it again, with
the handler for the event type stored in the row, with exponential backoff,
and after ``MAX_ATTEMPTS`` failures parks it (status ``parked``). An event
that cannot be read at all, or has no handler (``PoisonEvent``), is parked
at once, since no retry can help. An operator lists parked events and sends
them back to ``pending`` with ``replay_parked`` (``python -m learning.replay``).

If even the record cannot be written (the database is down), ``handle``
raises after a short pause and the handler, declared with
``requeue_on_error``, gives the message back to the broker, which delivers
it again: the event is never acknowledged unless applied or recorded.

Nothing here commits: each event's effects and its bookkeeping are applied
in a savepoint of the entrypoint's transaction.
"""

import time
from datetime import datetime, timedelta, timezone
from typing import Callable

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from learning.models import FailedEvent
from shared.contracts.learning import FailedEventPublic
from shared.events import EVENT_ID_MAX_LENGTH, PoisonEvent
from shared.formats import parse_uuid
from shared.logging import get_logger

log = get_logger(__name__)

PENDING, PARKED = "pending", "parked"
MAX_ATTEMPTS = 5
FIRST_DELAY = timedelta(seconds=1)
MAX_DELAY = timedelta(minutes=5)
REQUEUE_PAUSE_SECONDS = 1.0
RETRY_BATCH = 20

Apply = Callable[[Session, dict], object]
Handlers = dict[str, Apply]


def _now() -> datetime:
    return datetime.now(timezone.utc)


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failure: 1 s, 2 s, 4 s ... at most MAX_DELAY."""
    return min(FIRST_DELAY * 2 ** (attempts - 1), MAX_DELAY)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def apply_event(db: Session, event_type: str, payload, handlers: Handlers) -> None:
    """Apply ``payload`` with the handler of ``event_type``, in a savepoint
    (rolled back if it raises). PoisonEvent for a type with no handler."""
    apply = handlers.get(event_type)
    if apply is None:
        raise PoisonEvent(f"no handler for event type {event_type!r}")
    with db.begin_nested():
        apply(db, payload)


def handle(db: Session, event_type: str, payload, handlers: Handlers) -> bool:
    """Apply an event; on failure record it for retry and return False.
    Raises only when the failure could not be recorded."""
    try:
        apply_event(db, event_type, payload, handlers)
        return True
    except Exception as exc:
        try:
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
            event_id=str(event_id)[:EVENT_ID_MAX_LENGTH] if event_id else None,
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
    log.warning(
        "event failed; recorded",
        event_type=event_type,
        event_id=event_id,
        parked=parked,
        error=_describe(exc),
    )


def retry_due(db: Session, handlers: Handlers, now: datetime | None = None, limit: int = RETRY_BATCH) -> int:
    """Apply again the pending events whose time has come, each with the
    handler of its stored type; return how many succeeded. The rows are
    locked until the caller commits; another instance skips them meanwhile."""
    now = now or _now()
    due = db.scalars(
        select(FailedEvent)
        .where(FailedEvent.status == PENDING, FailedEvent.next_attempt_at <= now)
        .order_by(FailedEvent.next_attempt_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    return sum(_retry_one(db, row, handlers, now) for row in due)


def _retry_one(db: Session, row: FailedEvent, handlers: Handlers, now: datetime) -> bool:
    try:
        apply_event(db, row.event_type, row.payload, handlers)
    except Exception as exc:
        row.attempts += 1
        row.last_error = _describe(exc)
        if row.attempts >= MAX_ATTEMPTS or isinstance(exc, PoisonEvent):
            row.status, row.next_attempt_at = PARKED, None
        else:
            row.next_attempt_at = now + backoff(row.attempts)
        log.warning("event retry failed", event_id=row.event_id, attempts=row.attempts, status=row.status)
        return False
    # Gone in the same transaction as the event's effects.
    db.delete(row)
    log.info("event retry succeeded", event_id=row.event_id)
    return True


def list_failed(db: Session, status: str | None = None) -> list[dict]:
    query = select(FailedEvent).order_by(FailedEvent.first_failed_at, FailedEvent.id)
    if status is not None:
        query = query.where(FailedEvent.status == status)
    return [FailedEventPublic.to_wire(row) for row in db.scalars(query)]


def replay_parked(db: Session, ids: list | None = None, now: datetime | None = None) -> int:
    """Send parked events (all, or those of these row or event ids) back to
    ``pending`` with a fresh set of attempts, due now."""
    query = update(FailedEvent).where(FailedEvent.status == PARKED)
    if ids:
        ids = [str(i) for i in ids]
        query = query.where(
            FailedEvent.id.in_([i for i in ids if parse_uuid(i)]) | FailedEvent.event_id.in_(ids)
        )
    return db.execute(query.values(status=PENDING, attempts=0, next_attempt_at=now or _now())).rowcount
