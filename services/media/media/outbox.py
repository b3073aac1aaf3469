"""The outbox relay of media (a copy of commerce's, over media's table):
publish the events committed with their change (an import, a finished or
failed job) but not on the broker yet, and mark them published.

``publish(event_type, payload)`` must raise unless the broker confirmed and
routed the message, so a row is marked only after that; a crash between the
publish and the commit publishes an event twice, which its consumer
recognises. Rows are taken with ``FOR UPDATE SKIP LOCKED``, so instances
share them.
"""

import uuid
from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from media.models import OutboxEvent
from shared.logging import get_logger

log = get_logger(__name__)

BATCH_SIZE = 100

Publish = Callable[[str, dict], None]


def publish_pending(
    db: Session, publish: Publish, aggregate_id: str | None = None, limit: int = BATCH_SIZE
) -> int:
    """Publish up to ``limit`` pending events, oldest first (only those about
    ``aggregate_id`` when given), and mark them; return how many went out. A
    failed publish stops the batch and raises, the ones before it marked.
    The caller commits the marks."""
    query = (
        select(OutboxEvent)
        .where(OutboxEvent.published_at.is_(None))
        .order_by(OutboxEvent.created_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    if aggregate_id is not None:
        query = query.where(OutboxEvent.aggregate_id == aggregate_id)
    published = 0
    for event in db.scalars(query).all():
        publish(event.event_type, event.payload)
        event.published_at = datetime.now(timezone.utc)
        published += 1
    return published


def try_publish(db: Session, publish: Publish, aggregate_id: str | None = None) -> bool:
    """``publish_pending``, with a failure logged instead of raised: for
    callers whose change is committed either way (the relay retries). The
    events published before a failure stay marked, unless the failure was
    the database's: then nothing is marked, and they go out again later
    (their consumers recognise the eventId)."""
    try:
        publish_pending(db, publish, aggregate_id=aggregate_id)
        return True
    except Exception as exc:
        if isinstance(exc, SQLAlchemyError):
            db.rollback()
        log.warning("outbox: publishing failed, will retry", aggregate_id=aggregate_id, error=repr(exc))
        return False


def add(db: Session, event_type: str, aggregate_id: str, payload_of) -> dict:
    """Write an event to the outbox in the caller's transaction; ``payload_of``
    builds the payload from the new event id. Returns the payload."""
    event_id = str(uuid.uuid4())
    payload = payload_of(event_id)
    db.add(OutboxEvent(id=event_id, event_type=event_type, aggregate_id=aggregate_id, payload=payload))
    return payload
