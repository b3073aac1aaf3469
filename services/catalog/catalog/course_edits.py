"""Staff's courses: listed and read with their drafts, created, edited and
deleted (soft: enrollments keep pointing at it, the public catalogue drops it)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.authoring import live_course, live_lessons, now, read_fields, set_fields as _set, write_unique
from catalog.models import Course
from shared.contracts.authoring import AdminCourse, AdminCourseDetail, CourseWrite
from shared.errors import Conflict

# What a PUT may leave out, and keeps then.
_KEPT_WHEN_OMITTED = ("badge", "status")
_WIRE_NAMES = {name: field.alias for name, field in CourseWrite.model_fields.items()}


def _slug_taken() -> Conflict:
    return Conflict("Another course has this slug", code="SLUG_TAKEN", details={"fields": {"slug": "taken"}})


def list_courses(db: Session) -> list[dict]:
    """Every course that is not deleted, drafts included, by level."""
    courses = db.scalars(select(Course).where(Course.deleted_at.is_(None)).order_by(Course.level, Course.slug))
    return [AdminCourse.to_wire(course) for course in courses]


def get_course(db: Session, course_id) -> dict:
    """``{"course", "lessons"}``, drafts included. NotFound (deleted too)."""
    course = live_course(db, course_id)
    return AdminCourseDetail.to_wire({"course": course, "lessons": live_lessons(db, course.id)})


def create_course(db: Session, data) -> dict:
    """A new course (no lessons yet), a draft unless ``status`` says otherwise.
    InvalidInput for a bad field; Conflict SLUG_TAKEN."""
    fields = read_fields(CourseWrite, data)
    course = Course(**fields, lessons_count=0, updated_at=now())
    write_unique(db, _slug_taken(), lambda: db.add(course))
    return AdminCourse.to_wire(course)


def update_course(db: Session, course_id, data) -> dict:
    """The course with every field of ``data`` (an omitted badge or status
    stays as it was). NotFound; InvalidInput; Conflict SLUG_TAKEN. Orders
    keep the price they were placed at: only later orders see a new one."""
    course = live_course(db, course_id, lock=True)
    kept = {_WIRE_NAMES[name]: getattr(course, name) for name in _KEPT_WHEN_OMITTED}
    fields = read_fields(CourseWrite, {**kept, **data} if isinstance(data, dict) else data)
    write_unique(db, _slug_taken(), lambda: _set(course, {**fields, "updated_at": now()}))
    return AdminCourse.to_wire(course)


def delete_course(db: Session, course_id) -> None:
    """Soft delete: gone from the store and staff's lists; learners enrolled
    keep it (``get_courses``). NotFound."""
    course = live_course(db, course_id, lock=True)
    course.deleted_at = course.updated_at = now()
