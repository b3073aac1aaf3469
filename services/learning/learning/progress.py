"""Lesson progress, per enrollment: each lesson completed or not."""

from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import case, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from learning import certificates, enrollments
from learning.models import Enrollment, LessonProgress
from shared.errors import InvalidInput, NotFound
from shared.contracts.learning import LessonProgressPublic
from shared.formats import parse_uuid


def list_progress(db: Session, user_id: str, enrollment_id) -> list[dict]:
    """The progress rows of the user's enrollment. NotFound for an unknown
    enrollment and for someone else's alike."""
    enrollment = enrollments.get_owned(db, user_id, enrollment_id)
    rows = db.scalars(
        select(LessonProgress)
        .where(LessonProgress.enrollment_id == enrollment.id)
        .order_by(LessonProgress.lesson_id)
    )
    return [LessonProgressPublic.to_wire(row) for row in rows]


def set_lesson_progress(
    db: Session,
    user_id: str,
    enrollment_id,
    lesson_id,
    completed,
    get_lesson: Callable[[str], dict],
    lookups: certificates.Lookups,
) -> dict:
    """Mark a lesson of the user's enrollment completed or not.
    NotFound: the enrollment is unknown or someone else's, or the lesson is
    unknown or malformed (``get_lesson`` raises it). InvalidInput: the
    lesson belongs to another course, or ``completed`` is not a boolean.
    Completing a lesson again keeps its first ``completedAt``; completing
    the last one issues the certificate."""
    if not isinstance(completed, bool):
        raise InvalidInput(
            "completed must be true or false", details={"fields": {"completed": "must be a boolean"}}
        )
    enrollment = enrollments.get_owned(db, user_id, enrollment_id)
    if parse_uuid(lesson_id) is None:
        raise NotFound("Lesson not found", code="LESSON_NOT_FOUND")
    lesson = get_lesson(parse_uuid(lesson_id))
    if lesson["courseId"] != enrollment.course_id:
        raise InvalidInput(
            "That lesson is not part of this enrollment's course",
            code="LESSON_NOT_IN_COURSE",
            details={"lessonId": lesson["id"], "courseId": enrollment.course_id},
        )
    return record_completion(db, enrollment, lesson["id"], completed, lookups)


def record_completion(
    db: Session, enrollment: Enrollment, lesson_id: str, completed: bool, lookups: certificates.Lookups
) -> dict:
    """Create or update the progress row of a lesson: the row. Completing a
    lesson again keeps its first ``completedAt``; a completion that makes
    the enrollment 100 % issues its certificate (once: unmarking a lesson
    later leaves it)."""
    statement = insert(LessonProgress).values(
        enrollment_id=enrollment.id,
        lesson_id=lesson_id,
        completed=completed,
        completed_at=datetime.now(timezone.utc) if completed else None,
    )
    row = db.scalar(
        statement.on_conflict_do_update(
            index_elements=["enrollment_id", "lesson_id"],
            set_={
                "completed": statement.excluded.completed,
                "completed_at": case(
                    (
                        statement.excluded.completed,
                        func.coalesce(LessonProgress.completed_at, statement.excluded.completed_at),
                    ),
                    else_=None,
                ),
            },
        ).returning(LessonProgress),
        execution_options={"populate_existing": True},
    )
    if completed:
        certificates.issue_if_complete(db, enrollment, lookups)
    return LessonProgressPublic.to_wire(row)
