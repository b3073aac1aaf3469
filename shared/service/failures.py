"""Events whose handling failed: kept, retried, parked, replayed; for any
service that consumes events, over its own ``FailedEvent`` model (a table
with the columns of learning's ``failed_events``).

Nameko acknowledges an event even when its handler raises, so a failure is
never left to the broker. ``handle`` applies an event with the handler for
its type and, if that fails, records it in the failed events table (status
``pending``) in the same transaction, which the entrypoint commits before
the message is acknowledged; ``retry_due`` (a timer) applies it again, with
the handler for the event type stored in the row, with exponential backoff,
and after ``MAX_ATTEMPTS`` failures parks it (status ``parked``). An event
that cannot be read at all, or has no handler (``PoisonEvent``), is parked
at once, since no retry can help. ``on_park`` (optional) runs, in the same
transaction, when an event is parked: a consumer that must tell someone
(media marks the media object failed). An operator lists parked events and
sends them back to ``pending`` with ``replay_parked``.

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
# on_park(db, event_type, payload, reason)
OnPark = Callable[[Session, str, object, str], None]


def _now() -> datetime:
    return datetime.now(timezone.utc)


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failure: 1 s, 2 s, 4 s ... at most MAX_DELAY."""
    return min(FIRST_DELAY * 2 ** (attempts - 1), MAX_DELAY)


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def apply_event(db: Session, event_type: str, payload, handlers: Handlers) -> None:
    """Apply ``payload`` with the handler of ``event_type``, in a savepoint
    (rolled back if it raises). PoisonEvent for a type with no handler."""
    apply = handlers.get(event_type)
    if apply is None:
        raise PoisonEvent(f"no handler for event type {event_type!r}")
    with db.begin_nested():
        apply(db, payload)


class FailedEvents:
    """The failed events of one service: ``FailedEvents(FailedEvent, FailedEventPublic)``."""

    def __init__(self, model, public, on_park: OnPark | None = None):
        self.model, self.public, self.on_park = model, public, on_park

    def handle(
        self, db: Session, event_type: str, payload, handlers: Handlers, record=None, pause: float | None = None
    ) -> bool:
        """Apply an event; on failure record it for retry and return False.
        Raises only when the failure could not be recorded. ``record`` and
        ``pause`` replace ``record_failure`` and the requeue pause."""
        try:
            apply_event(db, event_type, payload, handlers)
            return True
        except Exception as exc:
            try:
                (record or self.record_failure)(db, event_type, payload, exc)
            except Exception:
                log.exception(
                    "event failed and could not be recorded; returning it to the broker", event_type=event_type
                )
                # green under eventlet: no busy redelivery loop
                time.sleep(REQUEUE_PAUSE_SECONDS if pause is None else pause)
                raise
            return False

    def record_failure(
        self, db: Session, event_type: str, payload, exc: BaseException, now: datetime | None = None
    ) -> None:
        now = now or _now()
        parked = isinstance(exc, PoisonEvent)
        event_id = payload.get("eventId") if isinstance(payload, dict) else None
        inserted = db.execute(
            insert(self.model)
            .values(
                event_id=str(event_id)[:EVENT_ID_MAX_LENGTH] if event_id else None,
                event_type=event_type,
                payload=payload,
                status=PARKED if parked else PENDING,
                attempts=1,
                last_error=describe(exc),
                next_attempt_at=None if parked else now + backoff(1),
            )
            # A redelivery of an event already recorded: its retry is scheduled.
            .on_conflict_do_nothing(index_elements=["event_id"])
        ).rowcount
        log.warning(
            "event failed; recorded",
            event_type=event_type,
            event_id=event_id,
            parked=parked,
            error=describe(exc),
        )
        if parked and inserted and self.on_park is not None:
            self.on_park(db, event_type, payload, describe(exc))

    def retry_due(
        self, db: Session, handlers: Handlers, now: datetime | None = None, limit: int = RETRY_BATCH
    ) -> int:
        """Apply again the pending events whose time has come, each with the
        handler of its stored type; return how many succeeded. The rows are
        locked until the caller commits; another instance skips them meanwhile."""
        now = now or _now()
        model = self.model
        due = db.scalars(
            select(model)
            .where(model.status == PENDING, model.next_attempt_at <= now)
            .order_by(model.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        return sum(self._retry_one(db, row, handlers, now) for row in due)

    def _retry_one(self, db: Session, row, handlers: Handlers, now: datetime) -> bool:
        try:
            apply_event(db, row.event_type, row.payload, handlers)
        except Exception as exc:
            row.attempts += 1
            row.last_error = describe(exc)
            if row.attempts >= MAX_ATTEMPTS or isinstance(exc, PoisonEvent):
                row.status, row.next_attempt_at = PARKED, None
                if self.on_park is not None:
                    self.on_park(db, row.event_type, row.payload, row.last_error)
            else:
                row.next_attempt_at = now + backoff(row.attempts)
            log.warning("event retry failed", event_id=row.event_id, attempts=row.attempts, status=row.status)
            return False
        # Gone in the same transaction as the event's effects.
        db.delete(row)
        log.info("event retry succeeded", event_id=row.event_id)
        return True

    def list_failed(self, db: Session, status: str | None = None) -> list[dict]:
        model = self.model
        query = select(model).order_by(model.first_failed_at, model.id)
        if status is not None:
            query = query.where(model.status == status)
        return [self.public.to_wire(row) for row in db.scalars(query)]

    def replay_parked(self, db: Session, ids: list | None = None, now: datetime | None = None) -> int:
        """Send parked events (all, or those of these row or event ids) back to
        ``pending`` with a fresh set of attempts, due now."""
        model = self.model
        query = update(model).where(model.status == PARKED)
        if ids:
            ids = [str(i) for i in ids]
            query = query.where(model.id.in_([i for i in ids if parse_uuid(i)]) | model.event_id.in_(ids))
        return db.execute(query.values(status=PENDING, attempts=0, next_attempt_at=now or _now())).rowcount
