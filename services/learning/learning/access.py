"""Who may watch a lesson: learning knows enrollments, catalog (through the
lesson and course it describes) knows previews and prices."""

from decimal import Decimal
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from learning import enrollments
from learning.models import LessonPosition
from shared.contracts.learning import LessonAccess, Position
from shared.errors import Unauthenticated


def get_position(db: Session, enrollment_id: str, lesson_id: str) -> dict | None:
    row = db.scalar(
        select(LessonPosition).where(
            LessonPosition.enrollment_id == enrollment_id, LessonPosition.lesson_id == lesson_id
        )
    )
    return Position.to_wire(row) if row is not None else None


def open_lesson(db: Session, user_id: str | None, lesson: dict, get_course: Callable[[], dict]) -> dict:
    """``lesson`` (as catalog's ``get_lesson`` describes it, notes included)
    for ``user_id`` (None: a visitor), with the user's position in it.
    A preview answers anyone; any other lesson needs a session
    (Unauthenticated) and, in a paid course, an enrollment (PaymentRequired).
    A free course's lessons answer any user, enrolled or not."""
    enrollment = enrollments.find(db, user_id, lesson["courseId"]) if user_id else None
    if not lesson["preview"] and enrollment is None:
        if user_id is None:
            raise Unauthenticated("Log in to watch this lesson")
        course = get_course()
        if Decimal(course["price"]) > 0:
            raise enrollments.course_not_purchased(course, "This course must be purchased to watch this lesson")
    position = get_position(db, enrollment.id, lesson["id"]) if enrollment is not None else None
    return LessonAccess.to_wire({"lesson": lesson, "notes": lesson.get("notes"), "position": position})
