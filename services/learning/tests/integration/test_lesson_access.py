"""Who may open a lesson, and the position it opens at, on the real database."""

import uuid

import pytest

from learning import access, enrollments, positions
from shared.errors import PaymentRequired, Unauthenticated
from shared.events import OrderCompleted
from tests.support.wire import course_payload, every_course_exists


def new_id() -> str:
    return str(uuid.uuid4())


def lesson_of(course, preview=False) -> dict:
    # As catalog's get_lesson answers: LessonWithNotes in wire form.
    return {
        "id": new_id(), "courseId": course["id"], "moduleNumber": 1, "moduleName": "M", "lessonNumber": 2,
        "title": "T", "videoUrl": None, "duration": 20, "preview": preview,
        "video": {"status": "ready", "durationSeconds": 20}, "notes": "# Notes",
    }


def never_asked():
    raise AssertionError("the course is not looked up")


@pytest.fixture
def paid():
    return course_payload("149.00")


def enroll(db, user, course):
    enrollments.enroll_from_order(
        db, OrderCompleted(event_id=new_id(), order_id=new_id(), user_id=user, course_ids=[course["id"]]), every_course_exists
    )


def test_a_preview_opens_for_a_visitor_and_a_non_buyer_without_a_position(db, paid):
    lesson = lesson_of(paid, preview=True)
    for user in (None, new_id()):
        opened = access.open_lesson(db, user, lesson, never_asked)
        assert opened["notes"] == "# Notes" and opened["position"] is None
        assert opened["lesson"]["id"] == lesson["id"] and "notes" not in opened["lesson"]


def test_another_lesson_needs_a_session_then_a_purchase(db, paid):
    lesson = lesson_of(paid)
    with pytest.raises(Unauthenticated):
        access.open_lesson(db, None, lesson, never_asked)
    with pytest.raises(PaymentRequired) as refused:
        access.open_lesson(db, new_id(), lesson, lambda: paid)
    assert refused.value.code == "COURSE_NOT_PURCHASED"


def test_a_free_course_opens_for_any_user(db):
    free = course_payload("0.00")
    assert access.open_lesson(db, new_id(), lesson_of(free), lambda: free)["position"] is None


def test_a_buyer_opens_at_the_last_saved_position(db, paid, lookups_for):
    user, lesson = new_id(), lesson_of(paid)
    enroll(db, user, paid)
    assert access.open_lesson(db, user, lesson, never_asked)["position"] is None
    positions.save_position(db, user, lesson, 7.5, lookups_for(paid))
    position = access.open_lesson(db, user, lesson, never_asked)["position"]
    assert position["seconds"] == 7.5 and position["updatedAt"].endswith("Z")
    # Someone else's position is not theirs.
    other = new_id()
    enroll(db, other, paid)
    assert access.open_lesson(db, other, lesson, never_asked)["position"] is None
