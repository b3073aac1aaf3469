"""Lesson videos as the pipeline reports them (media_uploaded, media_ready,
media_failed), in whatever order the three queues deliver them."""

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from catalog import courses, media_events
from catalog.models import Course, Lesson
from shared.events import MediaFailed, MediaReady, MediaUploaded, PoisonEvent

EARLIER = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)
LATER = EARLIER + timedelta(minutes=5)


def first_lesson(db) -> Lesson:
    """A seeded lesson with no video yet: the e2e tests may have given it one
    in this database (cleared in this test's transaction, rolled back after)."""
    lesson = db.scalars(
        select(Lesson)
        .join(Course, Course.id == Lesson.course_id)
        .where(Course.slug == "level-1")  # not a course the e2e tests authored
        .order_by(Lesson.module_number, Lesson.lesson_number)
    ).first()
    lesson.video_media_id = lesson.video_imported_at = None
    lesson.video_status = lesson.video_duration_seconds = None
    db.flush()
    return lesson


def uploaded(lesson_id, media_id=None, at=EARLIER):
    media_id = media_id or str(uuid.uuid4())
    return MediaUploaded(str(uuid.uuid4()), media_id, "lesson", lesson_id, "k", imported_at=at).to_payload()


def ready(lesson_id, media_id=None, seconds=12.4, at=EARLIER):
    media_id = media_id or str(uuid.uuid4())
    return MediaReady(str(uuid.uuid4()), media_id, "lesson", lesson_id, seconds, imported_at=at).to_payload()


def failed(lesson_id, media_id=None, at=EARLIER):
    media_id = media_id or str(uuid.uuid4())
    return MediaFailed(str(uuid.uuid4()), media_id, "lesson", lesson_id, "bad", imported_at=at).to_payload()


def video(db, lesson_id):
    return courses.get_lesson(db, lesson_id)["video"]


def test_an_upload_shows_as_processing_until_its_video_is_ready(db):
    lesson = first_lesson(db)
    media_id = str(uuid.uuid4())
    payload = uploaded(lesson.id, media_id)
    assert media_events.apply_media_uploaded(db, payload)
    assert media_events.apply_media_uploaded(db, payload)  # a redelivery leaves the same values
    assert video(db, lesson.id) == {"status": "processing", "durationSeconds": None}
    assert media_events.apply_media_ready(db, ready(lesson.id, media_id))
    assert video(db, lesson.id) == {"status": "ready", "durationSeconds": 12}


def test_a_ready_video_shows_on_the_lesson_with_its_duration(db):
    lesson = first_lesson(db)
    payload = ready(lesson.id)
    assert media_events.apply_media_ready(db, payload)
    assert media_events.apply_media_ready(db, payload)
    assert video(db, lesson.id) == {"status": "ready", "durationSeconds": 12}


def test_a_failed_video_shows_as_failed(db):
    lesson = first_lesson(db)
    assert media_events.apply_media_failed(db, failed(lesson.id))
    assert video(db, lesson.id) == {"status": "failed", "durationSeconds": None}


def test_an_upload_delivered_after_its_video_is_ready_changes_nothing(db):
    lesson = first_lesson(db)
    media_id = str(uuid.uuid4())
    media_events.apply_media_ready(db, ready(lesson.id, media_id))
    assert not media_events.apply_media_uploaded(db, uploaded(lesson.id, media_id))
    assert video(db, lesson.id)["status"] == "ready"


def test_an_upload_delivered_after_its_failure_changes_nothing(db):
    lesson = first_lesson(db)
    media_id = str(uuid.uuid4())
    media_events.apply_media_failed(db, failed(lesson.id, media_id))
    assert not media_events.apply_media_uploaded(db, uploaded(lesson.id, media_id))
    assert video(db, lesson.id)["status"] == "failed"


def test_a_reimport_does_not_hide_the_video_that_plays_until_it_is_ready(db):
    lesson = first_lesson(db)
    media_events.apply_media_ready(db, ready(lesson.id, seconds=10, at=EARLIER))
    newer = str(uuid.uuid4())
    assert not media_events.apply_media_uploaded(db, uploaded(lesson.id, newer, at=LATER))
    assert video(db, lesson.id) == {"status": "ready", "durationSeconds": 10}
    assert media_events.apply_media_ready(db, ready(lesson.id, newer, seconds=20, at=LATER))
    assert video(db, lesson.id) == {"status": "ready", "durationSeconds": 20}
    assert db.get(Lesson, lesson.id).video_media_id == newer


def test_a_failed_reimport_does_not_hide_the_video_that_plays(db):
    lesson = first_lesson(db)
    media_events.apply_media_ready(db, ready(lesson.id, at=EARLIER))
    assert not media_events.apply_media_failed(db, failed(lesson.id, at=LATER))
    assert video(db, lesson.id)["status"] == "ready"


def test_an_older_ready_video_delivered_late_does_not_replace_a_newer_one(db):
    lesson = first_lesson(db)
    media_events.apply_media_ready(db, ready(lesson.id, seconds=20, at=LATER))
    assert not media_events.apply_media_ready(db, ready(lesson.id, seconds=10, at=EARLIER))
    assert video(db, lesson.id) == {"status": "ready", "durationSeconds": 20}


def test_an_older_import_delivered_late_does_not_replace_a_newer_one_processing(db):
    lesson = first_lesson(db)
    media_events.apply_media_uploaded(db, uploaded(lesson.id, at=LATER))
    assert not media_events.apply_media_failed(db, failed(lesson.id, at=EARLIER))
    assert not media_events.apply_media_uploaded(db, uploaded(lesson.id, at=EARLIER))
    assert video(db, lesson.id)["status"] == "processing"


def test_an_older_ready_video_shows_while_a_newer_import_is_not_ready(db):
    # As media's get_playback does: the newest *ready* video plays.
    lesson = first_lesson(db)
    media_events.apply_media_uploaded(db, uploaded(lesson.id, at=LATER))
    assert media_events.apply_media_ready(db, ready(lesson.id, at=EARLIER))
    assert video(db, lesson.id)["status"] == "ready"


def test_a_new_import_after_a_failure_shows_as_processing(db):
    lesson = first_lesson(db)
    media_events.apply_media_failed(db, failed(lesson.id, at=EARLIER))
    assert media_events.apply_media_uploaded(db, uploaded(lesson.id, at=LATER))
    assert video(db, lesson.id)["status"] == "processing"


def test_events_written_before_they_carried_an_import_time_rank_as_the_oldest(db):
    lesson = first_lesson(db)
    old = ready(lesson.id, seconds=10)
    del old["importedAt"]
    assert media_events.apply_media_ready(db, old)
    assert not media_events.apply_media_uploaded(db, uploaded(lesson.id, at=LATER))
    assert media_events.apply_media_ready(db, ready(lesson.id, seconds=20, at=LATER))
    assert video(db, lesson.id) == {"status": "ready", "durationSeconds": 20}


@pytest.mark.parametrize(
    "apply, payload",
    [
        (media_events.apply_media_ready, lambda lesson: ready(str(uuid.uuid4()))),
        (media_events.apply_media_uploaded, lambda lesson: uploaded(str(uuid.uuid4()))),
        (media_events.apply_media_ready, lambda lesson: {"junk": 1}),
        (media_events.apply_media_failed, lambda lesson: "nonsense"),
        (media_events.apply_media_uploaded, lambda lesson: {**uploaded(lesson.id), "importedAt": "yesterday"}),
    ],
)
def test_events_for_unknown_lessons_or_unreadable_ones_are_poison_and_change_nothing(db, apply, payload):
    lesson = first_lesson(db)
    with pytest.raises(PoisonEvent):
        apply(db, payload(lesson))
    assert video(db, lesson.id) is None


def test_a_poison_media_event_is_parked_in_catalogs_failed_events(db):
    from catalog.failures import failed_events
    from catalog.models import FailedEvent
    from catalog.service import EVENT_HANDLERS
    from shared.events import MEDIA_READY

    payload = ready(str(uuid.uuid4()))
    assert not failed_events.handle(db, MEDIA_READY, payload, EVENT_HANDLERS)
    row = db.scalar(select(FailedEvent).where(FailedEvent.event_id == payload["eventId"]))
    assert (row.status, row.event_type) == ("parked", MEDIA_READY)
    assert "unknown lesson" in row.last_error


def test_only_the_first_lesson_of_each_course_is_a_preview(db):
    lessons = db.scalars(select(Lesson)).all()
    previews = {(l.course_id, l.module_number, l.lesson_number) for l in lessons if l.preview}
    assert {(m, n) for _, m, n in previews} == {(1, 1)}
    assert len(previews) == len({l.course_id for l in lessons}) == 2
