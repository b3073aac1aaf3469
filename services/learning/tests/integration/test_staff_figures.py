"""What admins read of learning, on the real database as the `learning`
role: enrollments and completions per course, and a learner's enrollments
with the revoked ones."""

import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import update

from learning import enrollments, progress, staff
from learning.models import Enrollment
from shared.events import OrderCompleted
from tests.support.wire import course_payload, every_course_exists


def new_id() -> str:
    return str(uuid.uuid4())


def enroll(db, user_id, course_id) -> Enrollment:
    event = OrderCompleted(event_id=new_id(), order_id=new_id(), user_id=user_id, course_ids=[course_id])
    enrollments.enroll_from_order(db, event, every_course_exists)
    return enrollments.find(db, user_id, course_id)


def complete_all(db, enrollment, course, lookups):
    for _ in range(course["lessonsCount"]):
        progress.record_completion(db, enrollment, new_id(), True, lookups)


def revoke(db, enrollment, at=None):
    # What a refund does (refunds set it through order_refunded).
    db.execute(
        update(Enrollment)
        .where(Enrollment.id == enrollment.id)
        .values(revoked_at=at or datetime.now(timezone.utc))
    )


def stats_of(db, get_courses, *course_ids) -> dict:
    """``course_stats`` of these courses (the database has others' too)."""
    return {row["courseId"]: row for row in staff.course_stats(db, get_courses) if row["courseId"] in course_ids}


@pytest.fixture
def known(db, lookups_for):
    """Two learners in a 2-lesson course, one of whom finished it; a third
    who finished it too and was refunded (revoked); and a course whose only
    enrollment was revoked."""
    course = course_payload(lessons=2, title="TWO LESSONS")
    gone = course_payload(lessons=1, title="REFUNDED ONLY")
    finisher, starter, refunded = new_id(), new_id(), new_id()
    complete_all(db, enroll(db, finisher, course["id"]), course, lookups_for(course))
    started = enroll(db, starter, course["id"])
    progress.record_completion(db, started, new_id(), True, lookups_for(course))
    refunded_enrollment = enroll(db, refunded, course["id"])
    complete_all(db, refunded_enrollment, course, lookups_for(course))
    revoke(db, refunded_enrollment)
    revoke(db, enroll(db, refunded, gone["id"]))
    return {"course": course, "gone": gone, "finisher": finisher, "starter": starter, "refunded": refunded}


def test_course_stats_count_live_enrollments_and_completions(db, known):
    course, gone = known["course"], known["gone"]
    calls = []

    def get_courses(ids):
        calls.append(ids)
        return {course["id"]: course, gone["id"]: gone}

    stats = stats_of(db, get_courses, course["id"], gone["id"])
    assert stats == {
        course["id"]: {
            "courseId": course["id"],
            "title": "TWO LESSONS",
            "enrollments": 2,
            "completed": 1,
            "completionRate": 0.5,
        }
    }
    # One call for every course listed, and none for the course only revoked enrollments have.
    assert len(calls) == 1 and course["id"] in calls[0] and gone["id"] not in calls[0]


def test_a_course_catalog_does_not_know_has_no_title(db, known):
    course = known["course"]
    stats = stats_of(db, lambda ids: {}, course["id"])
    assert stats[course["id"]]["title"] is None and stats[course["id"]]["enrollments"] == 2


def test_a_certificate_keeps_counting_after_a_lesson_is_unmarked(db, lookups_for):
    course = course_payload(lessons=1)
    enrollment = enroll(db, new_id(), course["id"])
    lesson = new_id()
    progress.record_completion(db, enrollment, lesson, True, lookups_for(course))
    progress.record_completion(db, enrollment, lesson, False, lookups_for(course))
    stats = stats_of(db, lambda ids: {course["id"]: course}, course["id"])
    assert (stats[course["id"]]["completed"], stats[course["id"]]["completionRate"]) == (1, 1.0)


def test_course_stats_with_nothing_to_count(db):
    # The database may hold other tests' enrollments: only the shape is known.
    for row in staff.course_stats(db, every_course_exists):
        assert row["enrollments"] >= 1 and 0 <= row["completionRate"] <= 1


def test_learner_enrollments_include_the_revoked_ones_with_when(db, known):
    course, gone = known["course"], known["gone"]
    listed = {
        e["courseId"]: e
        for e in staff.learner_enrollments(db, known["refunded"], lambda ids: {course["id"]: course, gone["id"]: gone})
    }
    assert set(listed) == {course["id"], gone["id"]}
    for enrollment in listed.values():
        assert enrollment["revokedAt"].endswith("Z")
    # Its progress and certificate are kept, as the learner's own list shows them.
    assert listed[course["id"]]["progress"] == {"total": 2, "completed": 2, "percentage": 100}
    assert listed[course["id"]]["certificate"] is not None
    assert listed[course["id"]]["course"] == course
    # The learner's own list leaves them out.
    assert enrollments.list_enrollments(db, known["refunded"], lambda ids: {course["id"]: course}) == []


def test_a_live_enrollment_has_no_revoked_at(db, known):
    course = known["course"]
    (enrollment,) = staff.learner_enrollments(db, known["starter"], lambda ids: {course["id"]: course})
    assert enrollment["revokedAt"] is None
    assert enrollment["progress"] == {"total": 2, "completed": 1, "percentage": 50}


@pytest.mark.parametrize("user_id", ["not-a-uuid", "00000000-0000-4000-8000-000000000000"])
def test_an_id_without_enrollments_has_none(db, user_id):
    def get_courses(ids):
        raise AssertionError("no call expected")

    assert staff.learner_enrollments(db, user_id, get_courses) == []
