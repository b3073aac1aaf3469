"""learning's outbox: the kit's ``shared.service.outbox`` over
``learning.models.OutboxEvent``, where ``course_completed`` waits until the
broker has confirmed and routed it."""

from learning.models import OutboxEvent
from shared.service.outbox import Outbox

_outbox = Outbox(OutboxEvent)

add = _outbox.add
publish_pending = _outbox.publish_pending
try_publish = _outbox.try_publish
