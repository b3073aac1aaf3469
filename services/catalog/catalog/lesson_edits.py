"""Staff's lessons: created, edited, deleted (soft), and the outline of a
course (its modules' order and names, the lessons' order) set in one go.

Every change to a course's lessons first locks the course row, so that two
of them (an outline and a new lesson, two outlines) happen one after the
other and each sees the lessons the other left."""

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from catalog.authoring import (
    set_fields,
    write_unique,
    lessons_changed,
    live_course,
    live_lessons,
    now,
    read_fields,
)
from catalog.models import Course, Lesson
from shared.contracts.authoring import AdminCourseDetail, AdminLesson, LessonCreate, LessonUpdate, OutlineUpdate
from shared.errors import Conflict, InvalidInput, NotFound
from shared.formats import parse_uuid


def _number_taken(module_number: int, lesson_number: int) -> Conflict:
    return Conflict(
        f"Module {module_number} already has a lesson {lesson_number}",
        code="LESSON_NUMBER_TAKEN",
        details={"fields": {"lessonNumber": "taken"}},
    )


def _live_lesson(db: Session, lesson_id) -> tuple[Lesson, Course]:
    """The lesson and its course, locked; NotFound when either is deleted."""
    lesson_id = parse_uuid(lesson_id)
    course_id = db.scalar(select(Lesson.course_id).where(Lesson.id == lesson_id, Lesson.deleted_at.is_(None))) if lesson_id else None
    if course_id is None:
        raise NotFound("Lesson not found", code="LESSON_NOT_FOUND")
    course = live_course(db, course_id, lock=True)
    lesson = db.scalar(select(Lesson).where(Lesson.id == lesson_id, Lesson.deleted_at.is_(None)))
    if lesson is None:  # deleted while the course was being locked
        raise NotFound("Lesson not found", code="LESSON_NOT_FOUND")
    return lesson, course


def create_lesson(db: Session, course_id, data) -> dict:
    """A new lesson of the course (a draft unless ``status`` says otherwise).
    NotFound (course); InvalidInput; Conflict LESSON_NUMBER_TAKEN."""
    course = live_course(db, course_id, lock=True)
    fields = read_fields(LessonCreate, data)
    lesson = Lesson(course_id=course.id, **fields)
    write_unique(db, _number_taken(fields["module_number"], fields["lesson_number"]), lambda: db.add(lesson))
    lessons_changed(db, course)
    return AdminLesson.to_wire(lesson)


def update_lesson(db: Session, lesson_id, data) -> dict:
    """The lesson with the fields given changed, the others kept. NotFound;
    InvalidInput; Conflict LESSON_NUMBER_TAKEN (its new place is another's)."""
    lesson, course = _live_lesson(db, lesson_id)
    fields = read_fields(LessonUpdate, data, partial=True)
    place = {name: fields.get(name, getattr(lesson, name)) for name in ("module_number", "lesson_number")}
    write_unique(db, _number_taken(place["module_number"], place["lesson_number"]), lambda: set_fields(lesson, fields))
    lessons_changed(db, course)
    return AdminLesson.to_wire(lesson)


def delete_lesson(db: Session, lesson_id) -> None:
    """Soft delete: the lesson leaves its course (its place is free again);
    learners' progress on it stays. NotFound."""
    lesson, course = _live_lesson(db, lesson_id)
    lesson.deleted_at = now()
    lessons_changed(db, course)


def _outline_mismatch(message: str, **details) -> InvalidInput:
    return InvalidInput(message, code="OUTLINE_MISMATCH", details=details or None)


def _places(lessons: list[Lesson], modules: list[dict]) -> dict[str, tuple[int, str, int]]:
    """``{lesson id: (module number, module name, lesson number)}`` from the
    outline; OUTLINE_MISMATCH unless it names every lesson exactly once."""
    given = [parse_uuid(lesson_id) or lesson_id for module in modules for lesson_id in module["lesson_ids"]]
    known = {lesson.id for lesson in lessons}
    twice = sorted({lesson_id for lesson_id in given if given.count(lesson_id) > 1})
    unknown = sorted(set(given) - known)
    missing = sorted(known - set(given))
    if twice or unknown or missing:
        raise _outline_mismatch(
            "The outline must name every lesson of the course exactly once",
            duplicated=twice, unknown=unknown, missing=missing,
        )
    return {
        parse_uuid(lesson_id): (module_number, module["module_name"], lesson_number)
        for module_number, module in enumerate(modules, start=1)
        for lesson_number, lesson_id in enumerate(module["lesson_ids"], start=1)
    }


def set_outline(db: Session, course_id, data) -> dict:
    """Number the modules 1..n in the order given, with the names given, and
    their lessons 1..k: ``{"course", "lessons"}``. All or nothing: NotFound
    (course), InvalidInput (OUTLINE_MISMATCH) change nothing."""
    course = live_course(db, course_id, lock=True)
    modules = read_fields(OutlineUpdate, data)["modules"]
    lessons = live_lessons(db, course.id)
    places = _places(lessons, modules)
    # The unique index on a lesson's place is checked row by row: the lessons
    # first step aside (negative numbers, which no live lesson has), then
    # take their places, so no swap meets a lesson not yet moved.
    db.execute(
        update(Lesson)
        .where(Lesson.course_id == course.id, Lesson.deleted_at.is_(None))
        .values(lesson_number=-Lesson.lesson_number)
        .execution_options(synchronize_session=False)
    )
    # Read again: the session's copies still hold the numbers from before.
    for lesson in live_lessons(db, course.id, reload=True):
        lesson.module_number, lesson.module_name, lesson.lesson_number = places[lesson.id]
    db.flush()
    lessons_changed(db, course)
    return AdminCourseDetail.to_wire({"course": course, "lessons": live_lessons(db, course.id)})
