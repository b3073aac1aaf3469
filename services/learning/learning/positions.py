"""Where a learner is in a lesson's video, and the completion watching earns."""

import math
from decimal import Decimal

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from learning import certificates, enrollments, progress
from learning.models import LessonPosition
from shared.errors import InvalidInput, NotFound

# Watching this share of a video completes its lesson, as "Complete" does.
COMPLETE_AT = 0.9
# Players report a little past a video's end (the last segment is longer
# than the probed duration); up to this much is still the end.
END_TOLERANCE_SECONDS = 1.0


def _invalid(message: str) -> InvalidInput:
    return InvalidInput("Invalid position", details={"fields": {"seconds": message}})


def check_seconds(seconds, duration: float | None) -> float:
    """``seconds`` as a float; InvalidInput when it is not a finite number
    between 0 and the video's end (when the end is known)."""
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not math.isfinite(seconds):
        raise _invalid("must be a number of seconds")
    if seconds < 0:
        raise _invalid("must not be negative")
    if duration is not None and seconds > duration + END_TOLERANCE_SECONDS:
        raise _invalid(f"past the end of the video ({duration:g} s)")
    return float(seconds)


def video_duration(lesson: dict) -> float | None:
    """The duration of a lesson's video as catalog describes it, once known."""
    video = lesson.get("video") or {}
    return video.get("durationSeconds")


def save_position(db: Session, user_id: str, lesson: dict, seconds, lookups: certificates.Lookups) -> bool:
    """Store where the user is in ``lesson`` (as catalog describes it) and,
    at ``COMPLETE_AT`` of its video, complete the lesson (idempotent; an
    explicit "mark incomplete" later stays the learner's), which may issue
    the certificate. Returns whether the lesson is now complete by watching.
    InvalidInput for a bad position; for a user not enrolled,
    PaymentRequired (a paid course) or NotFound."""
    duration = video_duration(lesson)
    seconds = check_seconds(seconds, duration)
    enrollment = enrollments.find(db, user_id, lesson["courseId"])
    if enrollment is None:
        course = lookups.course(lesson["courseId"])
        if Decimal(course["price"]) > 0:
            raise enrollments.course_not_purchased(course, "This course must be purchased to watch this lesson")
        raise NotFound("Enroll in this course to keep your place", code="NOT_ENROLLED")
    # clock_timestamp(), not now(): the time of this write, even when one
    # transaction holds several, so the last one written is the newest.
    statement = insert(LessonPosition).values(
        enrollment_id=enrollment.id, lesson_id=lesson["id"], seconds=seconds, updated_at=func.clock_timestamp()
    )
    db.execute(
        statement.on_conflict_do_update(
            index_elements=["enrollment_id", "lesson_id"],
            set_={"seconds": statement.excluded.seconds, "updated_at": statement.excluded.updated_at},
        )
    )
    watched = duration is not None and duration > 0 and seconds >= COMPLETE_AT * duration
    if watched:
        progress.record_completion(db, enrollment, lesson["id"], True, lookups)
    return watched
