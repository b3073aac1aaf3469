"""notifications' failed events: the kit's ``shared.service.failures`` over
``notifications.models.FailedEvent`` (retried with backoff, then parked; replayed
by ``python -m notifications.replay``)."""

from notifications.models import FailedEvent
from shared.contracts.learning import FailedEventPublic
from shared.service.failures import (  # noqa: F401  (notifications' names for them)
    FIRST_DELAY,
    MAX_ATTEMPTS,
    MAX_DELAY,
    PARKED,
    PENDING,
    REQUEUE_PAUSE_SECONDS,
    Apply,
    FailedEvents,
    Handlers,
    apply_event,
    backoff,
)

_failed = FailedEvents(FailedEvent, FailedEventPublic)

record_failure = _failed.record_failure
retry_due = _failed.retry_due
list_failed = _failed.list_failed
replay_parked = _failed.replay_parked


def handle(db, event_type: str, payload, handlers: Handlers) -> bool:
    """Apply an event; on failure record it for retry and return False.
    Raises only when the failure could not be recorded."""
    # This module's names, looked up at each call, so that they can be replaced.
    return _failed.handle(db, event_type, payload, handlers, record=record_failure, pause=REQUEUE_PAUSE_SECONDS)
