"""notifications' failed events: the kit's ``shared.service.failures`` over
``notifications.models.FailedEvent`` (an event whose user or order cannot be
read yet: retried with backoff, then parked; replayed by
``python -m notifications.replay``). Mail that SMTP refuses is retried in
``notifications.mails`` instead."""

from notifications.models import FailedEvent
from shared.contracts.learning import FailedEventPublic
from shared.service.failures import FailedEvents, Handlers  # noqa: F401  (the service's type for its handlers)

failed_events = FailedEvents(FailedEvent, FailedEventPublic)

handle = failed_events.handle
retry_due = failed_events.retry_due
list_failed = failed_events.list_failed
replay_parked = failed_events.replay_parked
