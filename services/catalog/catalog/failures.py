"""catalog's failed events (the media pipeline's events): the kit's
``shared.service.failures`` over ``catalog.models.FailedEvent``; retried with
backoff, then parked for an operator."""

from catalog.models import FailedEvent
from shared.contracts.learning import FailedEventPublic
from shared.service.failures import FailedEvents

failed_events = FailedEvents(FailedEvent, FailedEventPublic)
