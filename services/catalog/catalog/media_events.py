"""What catalog records of the video pipeline: media_ready and media_failed
for a lesson set its ``video_status`` (and duration) and the media object
it came from.

Applying an event twice leaves the same values, so a redelivery is
harmless. An event that cannot be read, or is about no known lesson, is
logged and dropped: nothing on this side could ever apply it.
"""

from sqlalchemy.orm import Session

from catalog.models import Lesson
from shared.events import MediaFailed, MediaReady, PoisonEvent
from shared.logging import get_logger

log = get_logger(__name__)


def _lesson(db: Session, event) -> Lesson | None:
    if event.owner_type != "lesson":
        return None
    lesson = db.get(Lesson, event.owner_id, with_for_update=True)
    if lesson is None:
        log.warning("media event for an unknown lesson", lesson_id=event.owner_id, media_id=event.media_id)
    return lesson


def apply_media_ready(db: Session, payload) -> bool:
    try:
        event = MediaReady.read(payload)
    except PoisonEvent as exc:
        log.error("unreadable media_ready event dropped", error=str(exc))
        return False
    lesson = _lesson(db, event)
    if lesson is None:
        return False
    lesson.video_media_id = event.media_id
    lesson.video_status = "ready"
    lesson.video_duration_seconds = round(event.duration_seconds)
    return True


def apply_media_failed(db: Session, payload) -> bool:
    try:
        event = MediaFailed.read(payload)
    except PoisonEvent as exc:
        log.error("unreadable media_failed event dropped", error=str(exc))
        return False
    lesson = _lesson(db, event)
    if lesson is None:
        return False
    # A failed re-import does not hide the video that plays.
    if lesson.video_status == "ready" and lesson.video_media_id != event.media_id:
        return False
    lesson.video_media_id = event.media_id
    lesson.video_status = "failed"
    lesson.video_duration_seconds = None
    return True
