"""commerce's outbox: the kit's ``shared.service.outbox`` over
``commerce.models.OutboxEvent``, where an order's ``order_completed`` (and a refund's ``order_refunded``) waits
until the broker has confirmed and routed it."""

from commerce.models import OutboxEvent
from shared.service.outbox import Outbox

_outbox = Outbox(OutboxEvent)

publish_pending = _outbox.publish_pending
try_publish = _outbox.try_publish
publish_after_reply = _outbox.publish_after_reply
