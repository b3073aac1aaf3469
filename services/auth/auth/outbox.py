"""auth's outbox: the kit's ``shared.service.outbox`` over
``auth.models.OutboxEvent``, for ``user_registered`` and
``password_reset_requested``.

A reset event carries the raw token to notifications, which mails it; auth
itself keeps only the token's hash. So that the outbox is no second copy,
the token is dropped from each row in the transaction that marks it
published (a row not yet published still needs it)."""

from sqlalchemy import update
from sqlalchemy.orm import Session

from auth.models import OutboxEvent
from shared.events import PASSWORD_RESET_REQUESTED
from shared.service.outbox import Outbox, Publish

_outbox = Outbox(OutboxEvent)

add = _outbox.add


def drop_published_tokens(db: Session) -> int:
    """Remove ``token`` from the payload of every published reset event; how many."""
    return db.execute(
        update(OutboxEvent)
        .where(
            OutboxEvent.event_type == PASSWORD_RESET_REQUESTED,
            OutboxEvent.published_at.is_not(None),
            OutboxEvent.payload.has_key("token"),
        )
        .values(payload=OutboxEvent.payload.op("-")("token"))
    ).rowcount


def publish_pending(db: Session, publish: Publish, aggregate_id: str | None = None) -> int:
    published = _outbox.publish_pending(db, publish, aggregate_id=aggregate_id)
    drop_published_tokens(db)
    return published


def try_publish(db: Session, publish: Publish, aggregate_id: str | None = None) -> bool:
    published = _outbox.try_publish(db, publish, aggregate_id=aggregate_id)
    # Also after a failed publish: the rows published before it stay marked.
    drop_published_tokens(db)
    return published
