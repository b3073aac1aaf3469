"""Lesson videos as the pipeline reports them (media_ready, media_failed)."""

import uuid

from sqlalchemy import select

from catalog import courses, media_events
from catalog.models import Lesson
from shared.events import MediaFailed, MediaReady


def first_lesson(db) -> Lesson:
    """A seeded lesson with no video yet: the e2e tests may have given it one
    in this database (cleared in this test's transaction, rolled back after)."""
    lesson = db.scalars(select(Lesson).order_by(Lesson.module_number, Lesson.lesson_number)).first()
    lesson.video_media_id = lesson.video_status = lesson.video_duration_seconds = None
    db.flush()
    return lesson


def ready(lesson_id, media_id=None, seconds=12.4):
    return MediaReady(str(uuid.uuid4()), media_id or str(uuid.uuid4()), "lesson", lesson_id, seconds).to_payload()


def failed(lesson_id, media_id=None):
    return MediaFailed(str(uuid.uuid4()), media_id or str(uuid.uuid4()), "lesson", lesson_id, "bad").to_payload()


def lesson_wire(db, lesson_id):
    return courses.get_lesson(db, lesson_id)


def test_a_ready_video_shows_on_the_lesson_with_its_duration(db):
    lesson = first_lesson(db)
    payload = ready(lesson.id)
    assert media_events.apply_media_ready(db, payload)
    assert media_events.apply_media_ready(db, payload)  # a redelivery leaves the same values
    assert lesson_wire(db, lesson.id)["video"] == {"status": "ready", "durationSeconds": 12}


def test_a_failed_video_shows_as_failed(db):
    lesson = first_lesson(db)
    assert media_events.apply_media_failed(db, failed(lesson.id))
    assert lesson_wire(db, lesson.id)["video"] == {"status": "failed", "durationSeconds": None}


def test_a_failed_reimport_does_not_hide_the_video_that_plays(db):
    lesson = first_lesson(db)
    media_events.apply_media_ready(db, ready(lesson.id))
    assert not media_events.apply_media_failed(db, failed(lesson.id))
    assert lesson_wire(db, lesson.id)["video"]["status"] == "ready"


def test_events_for_unknown_lessons_or_unreadable_ones_change_nothing(db):
    assert not media_events.apply_media_ready(db, ready(str(uuid.uuid4())))
    assert not media_events.apply_media_ready(db, {"junk": 1})
    assert not media_events.apply_media_failed(db, "nonsense")


def test_only_the_first_lesson_of_each_course_is_a_preview(db):
    lessons = db.scalars(select(Lesson)).all()
    previews = {(l.course_id, l.module_number, l.lesson_number) for l in lessons if l.preview}
    assert {(m, n) for _, m, n in previews} == {(1, 1)}
    assert len(previews) == len({l.course_id for l in lessons}) == 2
