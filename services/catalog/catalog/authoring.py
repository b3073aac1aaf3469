"""What every staff change of the catalogue shares: the staff check, input
read through the contract's models (the gateway checks the same, but a call
may come another way), a unique key broken as a clear Conflict, and the
course's lessons count kept to its published, live lessons.

The functions here and in ``course_edits``, ``lesson_edits`` and
``asset_edits`` never commit: the service commits, then announces the change
(``CatalogService._changed``)."""

from datetime import datetime, timezone
from decimal import Decimal
from typing import Callable

from pydantic import BaseModel, ValidationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from catalog.models import Course, Lesson
from shared import roles
from shared.errors import Conflict, InvalidInput, NotFound
from shared.formats import parse_uuid


def require_staff(actor) -> str:
    return roles.require(actor, *roles.STAFF)


def _field_name(loc) -> str:
    return ".".join(str(part) for part in loc) or "body"


def read_fields(model: type[BaseModel], data, partial: bool = False) -> dict:
    """``data`` (wire names) checked by ``model``: the given fields by
    attribute name (all of them, defaults included, unless ``partial``).
    InvalidInput (VALIDATION_ERROR, ``details.fields``) otherwise."""
    if not isinstance(data, dict):
        raise InvalidInput("Invalid request", code="VALIDATION_ERROR", details={"fields": {"body": "expected an object"}})
    try:
        checked = model.model_validate(data)
    except ValidationError as exc:
        fields = {}
        for error in exc.errors():
            fields.setdefault(_field_name(error.get("loc", ())), error.get("msg", "invalid"))
        raise InvalidInput("Invalid request", code="VALIDATION_ERROR", details={"fields": fields}) from exc
    fields = checked.model_dump(exclude_unset=partial)
    if "price" in fields:
        fields["price"] = Decimal(fields["price"])
    return fields


def write_unique(db: Session, conflict: Conflict, change: Callable[[], None]) -> None:
    """Make ``change`` (adds, attribute sets) and flush it in a savepoint: a
    unique index broken (also by a concurrent writer that got there first)
    is ``conflict``, the change is undone and the session stays usable."""
    db.flush()
    try:
        with db.begin_nested():
            change()
            db.flush()
    except IntegrityError as exc:
        if getattr(exc.orig, "pgcode", None) == "23505":  # unique_violation
            raise conflict from exc
        raise


def set_fields(row, fields: dict) -> None:
    for name, value in fields.items():
        setattr(row, name, value)


def now() -> datetime:
    return datetime.now(timezone.utc)


def course_not_found() -> NotFound:
    return NotFound("Course not found", code="COURSE_NOT_FOUND")


def live_course(db: Session, course_id, lock: bool = False) -> Course:
    """The course (drafts included, deleted ones not), locked for the rest of
    the transaction with ``lock``: changes to one course's lessons happen one
    after the other. NotFound for an unknown, deleted or malformed id."""
    course_id = parse_uuid(course_id)
    query = select(Course).where(Course.id == course_id, Course.deleted_at.is_(None))
    course = db.scalar(query.with_for_update() if lock else query) if course_id else None
    if course is None:
        raise course_not_found()
    return course


def live_lessons(db: Session, course_id: str, reload: bool = False) -> list[Lesson]:
    """A course's lessons that are not deleted, drafts included, in order
    (``reload``: as the database has them now, over the session's copies)."""
    query = (
        select(Lesson)
        .where(Lesson.course_id == course_id, Lesson.deleted_at.is_(None))
        .order_by(Lesson.module_number, Lesson.lesson_number)
    )
    return list(db.scalars(query.execution_options(populate_existing=True) if reload else query))


def lessons_changed(db: Session, course: Course) -> None:
    """Count the course's published, live lessons again, and date the change."""
    db.flush()
    course.lessons_count = db.scalar(
        select(func.count())
        .select_from(Lesson)
        .where(Lesson.course_id == course.id, Lesson.status == "published", Lesson.deleted_at.is_(None))
    )
    course.updated_at = now()
