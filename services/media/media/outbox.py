"""media's outbox: the kit's ``shared.service.outbox`` over
``media.models.OutboxEvent``, for ``media_uploaded``, ``media_ready`` and
``media_failed``."""

from media.models import OutboxEvent
from shared.service.outbox import Outbox

_outbox = Outbox(OutboxEvent)

add = _outbox.add
publish_pending = _outbox.publish_pending
try_publish = _outbox.try_publish
publish_after_reply = _outbox.publish_after_reply
