"""What catalog records of the video pipeline: media_uploaded, media_ready
and media_failed for a lesson set its ``video_status`` (``processing``,
``ready``, ``failed``), its duration once known, and the media object it is
about, with that object's import time.

The events come on three queues, so in no guaranteed order, and a lesson may
have several media objects (a re-import). The lesson shows the video that
plays, as media's ``get_playback`` picks it: an event is recorded unless it
ranks below what the lesson shows, by

1. ready before not ready: a re-import that is processing or failed does
   not hide the video that plays;
2. then the newer import: an older object's late event (ready, failed or
   uploaded) does not replace a newer one's;
3. then, for one object, finished before processing: its media_uploaded
   arriving after its media_ready or media_failed changes nothing.

Applying an event twice leaves the same values, so a redelivery is harmless.
An event that cannot be read, or is about no known lesson, is a PoisonEvent:
catalog's failed events table keeps it, parked, for an operator
(catalog/failures.py); nothing is acknowledged without a record.
"""

from datetime import datetime, timezone

from sqlalchemy.orm import Session

from catalog.models import Lesson
from shared.events import MediaFailed, MediaReady, MediaUploaded, PoisonEvent
from shared.logging import get_logger

log = get_logger(__name__)

# Events written before they carried an import time, and lessons recorded
# from them, rank as the oldest: they are.
_UNKNOWN_TIME = datetime.min.replace(tzinfo=timezone.utc)


def _rank(status: str, imported_at: datetime | None) -> tuple:
    return (status == "ready", imported_at or _UNKNOWN_TIME, status != "processing")


def _record(db: Session, event, status: str, duration_seconds: int | None) -> bool:
    """Show ``status`` of the event's media object on its lesson, unless the
    lesson shows a video that ranks higher; whether it was recorded."""
    if event.owner_type != "lesson":
        return False
    lesson = db.get(Lesson, event.owner_id, with_for_update=True)
    if lesson is None:
        raise PoisonEvent(f"media event for an unknown lesson {event.owner_id} (media {event.media_id})")
    if lesson.video_status is not None and _rank(status, event.imported_at) < _rank(
        lesson.video_status, lesson.video_imported_at
    ):
        log.info("media event ranks below the lesson's video", media_id=event.media_id, status=status)
        return False
    lesson.video_media_id = event.media_id
    lesson.video_imported_at = event.imported_at
    lesson.video_status = status
    lesson.video_duration_seconds = duration_seconds
    return True


def apply_media_uploaded(db: Session, payload) -> bool:
    return _record(db, MediaUploaded.read(payload), "processing", None)


def apply_media_ready(db: Session, payload) -> bool:
    event = MediaReady.read(payload)
    return _record(db, event, "ready", round(event.duration_seconds))


def apply_media_failed(db: Session, payload) -> bool:
    return _record(db, MediaFailed.read(payload), "failed", None)
