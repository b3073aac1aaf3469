"""Courses and their lessons, as the store and the player read them.

The store sees only what is published and not deleted (``listed``); learning's
view of the courses its enrollments point at (``get_courses``) keeps the
others, so that unpublishing or deleting a course does not take it from the
learners enrolled in it."""

import re

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from catalog.models import Course, Lesson
from shared.errors import InvalidInput, NotFound
from shared.contracts.catalog import CourseDetail, CoursePublic, LessonWithNotes
from shared.formats import parse_uuid

# Slugs are short lower-case words joined by dashes ("level-1"); anything
# else cannot name a course and is not worth a query.
SLUG_PATTERN = re.compile(r"^[a-z0-9-]{1,64}$")


def _course_not_found() -> NotFound:
    return NotFound("Course not found", code="COURSE_NOT_FOUND")


def listed(model):
    """The condition of a row the store shows: published, not deleted."""
    return and_(model.status == "published", model.deleted_at.is_(None))


def is_listed(row) -> bool:
    return row.status == "published" and row.deleted_at is None


def list_courses(db: Session) -> list[dict]:
    """Every listed course, by level."""
    courses = db.scalars(select(Course).where(listed(Course)).order_by(Course.level, Course.slug))
    return [CoursePublic.to_wire(course) for course in courses]


def get_course_by_slug(db: Session, slug) -> dict:
    """``{"course", "lessons"}`` with the listed lessons in module then lesson
    order, read in one query whatever their number. NotFound for an unknown
    slug, or a course not listed."""
    known_shape = isinstance(slug, str) and SLUG_PATTERN.match(slug)
    course = db.scalar(select(Course).where(Course.slug == slug, listed(Course))) if known_shape else None
    if course is None:
        raise _course_not_found()
    lessons = db.scalars(
        select(Lesson)
        .where(Lesson.course_id == course.id, listed(Lesson))
        .order_by(Lesson.module_number, Lesson.lesson_number)
    )
    return CourseDetail.to_wire({"course": course, "lessons": lessons})


def get_course(db: Session, course_id, include_unlisted: bool = False) -> dict:
    """One listed course by id (any course with ``include_unlisted``, as an
    enrollment sees it). NotFound for an unknown or malformed id."""
    course_id = parse_uuid(course_id)
    course = db.get(Course, course_id) if course_id else None
    if course is None or not (include_unlisted or is_listed(course)):
        raise _course_not_found()
    return CoursePublic.to_wire(course)


def get_courses(db: Session, course_ids) -> dict:
    """``{id: course}`` for the ids that name a course, keyed by the ids as
    given; unknown and malformed ids are left out. One query. Unpublished and
    deleted courses are in: enrollments keep their course."""
    if not isinstance(course_ids, (list, tuple)):
        raise InvalidInput("course_ids must be a list", details={"fields": {"courseIds": "expected a list"}})
    canonical = {given: parse_uuid(given) for given in course_ids if isinstance(given, str)}
    wanted = {value for value in canonical.values() if value}
    if not wanted:
        return {}
    rows = db.scalars(select(Course).where(Course.id.in_(wanted)))
    found = {course.id: CoursePublic.to_wire(course) for course in rows}
    return {given: found[value] for given, value in canonical.items() if value in found}


def get_lesson(db: Session, lesson_id, include_unlisted: bool = False) -> dict:
    """One listed lesson by id (any lesson with ``include_unlisted``, as its
    authors see it). NotFound for an unknown or malformed id, or a lesson not
    listed. A lesson of a course not listed is no preview: only learners
    enrolled (or who bought it) still open it, as learning decides from its
    enrollments and ``get_course``."""
    lesson_id = parse_uuid(lesson_id)
    row = db.execute(
        select(Lesson, Course.status, Course.deleted_at)
        .join(Course, Course.id == Lesson.course_id)
        .where(Lesson.id == lesson_id, *([] if include_unlisted else [listed(Lesson)]))
    ).first() if lesson_id else None
    if row is None:
        raise NotFound("Lesson not found", code="LESSON_NOT_FOUND")
    lesson = LessonWithNotes.to_wire(row.Lesson)
    if not (row.status == "published" and row.deleted_at is None):
        lesson["preview"] = False
    return lesson
