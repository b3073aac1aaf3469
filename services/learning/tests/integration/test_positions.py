"""Where a learner is in a lesson's video, on the real database."""

import uuid

import pytest

from learning import enrollments, positions, progress
from shared.errors import InvalidInput, NotFound, PaymentRequired
from shared.events import OrderCompleted
from tests.support.wire import course_payload, every_course_exists


def new_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def learner(db, lookups_for):
    """A user enrolled in a paid course, a 20 s lesson of it, and the course
    as catalog answers it (``lookups``)."""
    user, course = new_id(), course_payload()
    enrollments.enroll_from_order(
        db, OrderCompleted(event_id=new_id(), order_id=new_id(), user_id=user, course_ids=[course["id"]]), every_course_exists
    )
    lesson = {"id": new_id(), "courseId": course["id"], "video": {"status": "ready", "durationSeconds": 20.0}}
    return user, course, lesson, lookups_for(course)


def resume_of(db, user, course):
    listed = enrollments.list_enrollments(db, user, lambda ids: {course["id"]: course})
    return listed[0]["resume"], listed[0]["progress"]


def test_the_last_position_is_where_continue_learning_lands(db, learner):
    user, course, lesson, lookups = learner
    assert resume_of(db, user, course)[0] is None
    other = {**lesson, "id": new_id()}
    positions.save_position(db, user, lesson, 4.5, lookups)
    positions.save_position(db, user, other, 7, lookups)
    positions.save_position(db, user, lesson, 6.25, lookups)
    assert resume_of(db, user, course)[0] == {"lessonId": lesson["id"], "seconds": 6.25}


def test_watching_ninety_percent_completes_the_lesson_once(db, learner):
    user, course, lesson, lookups = learner
    assert positions.save_position(db, user, lesson, 17.9, lookups) is False
    assert resume_of(db, user, course)[1]["completed"] == 0
    assert positions.save_position(db, user, lesson, 18, lookups) is True
    assert positions.save_position(db, user, lesson, 19.5, lookups) is True
    assert resume_of(db, user, course)[1]["completed"] == 1


def test_marking_a_watched_lesson_incomplete_stays_the_learners_choice(db, learner):
    user, course, lesson, lookups = learner
    positions.save_position(db, user, lesson, 19, lookups)
    enrollment = enrollments.find(db, user, course["id"])
    progress.record_completion(db, enrollment, lesson["id"], False, lookups)
    positions.save_position(db, user, lesson, 5, lookups)  # watching the start again
    assert resume_of(db, user, course)[1]["completed"] == 0


@pytest.mark.parametrize("seconds", [-1, float("nan"), float("inf"), 21.5, "10", True, None])
def test_a_position_that_is_not_within_the_video_is_invalid(db, learner, seconds):
    user, course, lesson, lookups = learner
    with pytest.raises(InvalidInput) as raised:
        positions.save_position(db, user, lesson, seconds, lookups)
    assert "seconds" in raised.value.details["fields"]
    assert resume_of(db, user, course)[0] is None


def test_a_video_not_ready_yet_takes_any_position_and_completes_nothing(db, learner):
    user, course, lesson, lookups = learner
    assert positions.save_position(db, user, {**lesson, "video": None}, 500, lookups) is False
    resume, watched = resume_of(db, user, course)
    assert resume == {"lessonId": lesson["id"], "seconds": 500} and watched["completed"] == 0


def test_a_paid_course_not_bought_is_payment_required(db, learner):
    _, course, lesson, lookups = learner
    with pytest.raises(PaymentRequired) as raised:
        positions.save_position(db, new_id(), lesson, 3, lookups)
    assert raised.value.code == "COURSE_NOT_PURCHASED"


def test_a_free_course_not_enrolled_in_is_not_found(db, learner, lookups_for):
    _, _, lesson, _ = learner
    free = course_payload(price="0.00", id=lesson["courseId"])
    with pytest.raises(NotFound):
        positions.save_position(db, new_id(), lesson, 3, lookups_for(free))
