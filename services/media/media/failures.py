"""media's failed events (media_uploaded jobs): the kit's
``shared.service.failures`` over ``media.models.FailedEvent``; a parked job
marks its media object failed and emits ``media_failed``."""

from media import jobs
from media.models import FailedEvent
from shared.contracts.learning import FailedEventPublic
from shared.service.failures import PARKED, PENDING, FailedEvents  # noqa: F401

failed_events = FailedEvents(FailedEvent, FailedEventPublic, on_park=jobs.mark_failed)
