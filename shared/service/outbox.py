"""The outbox relay of a service that publishes events: publish the events
committed with the change that caused them but not on the broker yet, and
mark them published.

``publish(event_type, payload)`` must raise unless the broker confirmed the
message *and* routed it to a queue (persistent, publisher confirms,
``mandatory``). A row is marked only after that, so a broker that is down,
or an event no queue would receive (its consumer's queue deleted), leaves
the row pending and the next run tries again. A crash between the publish
and the commit publishes the event twice; the consumer recognises its
eventId.

Rows are taken with ``FOR UPDATE SKIP LOCKED``: instances of a service
running the relay at the same time share the rows instead of waiting on, or
publishing, each other's. Nothing here commits: the entrypoint does, except
in ``publish_after_reply``, which runs once the entrypoint's transaction is over.

Each publishing service binds an ``Outbox`` to its own table (a model with
``id`` = eventId, ``event_type``, ``aggregate_id``, ``payload``,
``created_at``, ``published_at``), in its own ``outbox.py``.
"""

import uuid
from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from shared.logging import get_logger

log = get_logger(__name__)

BATCH_SIZE = 100

Publish = Callable[[str, dict], None]


class Outbox:
    def __init__(self, model):
        self.model = model

    def add(self, db: Session, event_type: str, aggregate_id: str, payload_of: Callable[[str], dict]) -> dict:
        """Write an event in the caller's transaction; ``payload_of`` builds
        the payload from the new event id. Returns the payload."""
        event_id = str(uuid.uuid4())
        payload = payload_of(event_id)
        db.add(self.model(id=event_id, event_type=event_type, aggregate_id=aggregate_id, payload=payload))
        return payload

    def publish_pending(
        self, db: Session, publish: Publish, aggregate_id: str | None = None, limit: int = BATCH_SIZE
    ) -> int:
        """Publish up to ``limit`` pending events, oldest first (only those
        about ``aggregate_id`` when given), and mark them; return how many
        went out. A failed publish stops the batch and raises, the ones
        before it marked. The caller commits the marks."""
        model = self.model
        query = (
            select(model)
            .where(model.published_at.is_(None))
            .order_by(model.created_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        if aggregate_id is not None:
            query = query.where(model.aggregate_id == aggregate_id)
        published = 0
        for event in db.scalars(query).all():
            publish(event.event_type, event.payload)
            event.published_at = datetime.now(timezone.utc)
            published += 1
        return published

    def try_publish(self, db: Session, publish: Publish, aggregate_id: str | None = None) -> bool:
        """``publish_pending``, with a failure logged instead of raised: for
        callers whose change is committed either way (the relay retries).
        The events published before a failure stay marked, unless the
        failure was the database's: then nothing is marked, and they go out
        again later (their consumers recognise the eventId)."""
        try:
            self.publish_pending(db, publish, aggregate_id=aggregate_id)
            return True
        except Exception as exc:
            if isinstance(exc, SQLAlchemyError):
                db.rollback()
            log.warning("outbox: publishing failed, will retry", aggregate_id=aggregate_id, error=repr(exc))
            return False

    def publish_after_reply(self, db: Session, publish: Publish, aggregate_id: str) -> None:
        """``try_publish`` for ``aggregate_id``'s events and commit the marks:
        for an entrypoint that committed its change and hands this to
        ``self.after_reply`` (``shared.service.after_reply``), so that its
        caller need not wait for the broker."""
        if self.try_publish(db, publish, aggregate_id=aggregate_id):
            db.commit()
