"""Enrollments and lesson progress on the real database, as the `learning` role."""

import uuid

import pytest
from sqlalchemy import func, select

from learning import enrollments, progress
from learning.models import Enrollment, LessonProgress
from shared.errors import Conflict, InvalidInput, NotFound, PaymentRequired
from shared.events import OrderCompleted
from tests.support.wire import course_payload, every_course_exists


def new_id():
    return str(uuid.uuid4())


def course(price="149.00", lessons=24):
    return course_payload(price=price, lessons=lessons)


def order_event(user_id, *course_ids):
    return OrderCompleted(event_id=new_id(), order_id=new_id(), user_id=user_id, course_ids=list(course_ids))


def enrollment_count(db, user_id):
    return db.scalar(select(func.count()).select_from(Enrollment).where(Enrollment.user_id == user_id))


def test_duplicate_event_enrolls_once(db):
    user, level_1, level_2 = new_id(), new_id(), new_id()
    event = order_event(user, level_1, level_2)
    assert enrollments.enroll_from_order(db, event, every_course_exists) == 2
    assert enrollments.enroll_from_order(db, event, every_course_exists) == 0
    assert enrollment_count(db, user) == 2


def test_two_orders_for_the_same_course_leave_one_enrollment(db):
    user, level_1 = new_id(), new_id()
    enrollments.enroll_from_order(db, order_event(user, level_1), every_course_exists)
    assert enrollments.enroll_from_order(db, order_event(user, level_1), every_course_exists) == 0
    assert enrollment_count(db, user) == 1


def test_an_order_without_courses_enrolls_nobody(db):
    user = new_id()
    assert enrollments.enroll_from_order(db, OrderCompleted(new_id(), new_id(), user, [], [new_id()]), every_course_exists) == 0
    assert enrollment_count(db, user) == 0


def test_a_paid_course_needs_a_purchase(db):
    user, paid = new_id(), course("149.00")
    with pytest.raises(PaymentRequired) as raised:
        enrollments.enroll(db, user, paid, purchased=lambda: False)
    assert raised.value.code == "COURSE_NOT_PURCHASED" and "purchase" in raised.value.message
    assert enrollment_count(db, user) == 0
    enrolled = enrollments.enroll(db, user, paid, purchased=lambda: True)
    assert (enrolled["userId"], enrolled["courseId"]) == (user, paid["id"])
    assert enrolled["enrolledAt"].endswith("Z")


def test_a_free_course_needs_no_purchase(db):
    def never_asked():
        raise AssertionError("a free course must not ask commerce")

    assert enrollments.enroll(db, new_id(), course("0.00"), purchased=never_asked)


def test_enrolling_twice_is_a_conflict(db):
    user, paid = new_id(), course()
    enrollments.enroll_from_order(db, order_event(user, paid["id"]), every_course_exists)
    with pytest.raises(Conflict) as raised:
        enrollments.enroll(db, user, paid, purchased=lambda: True)
    assert raised.value.code == "ALREADY_ENROLLED"


def test_a_purchase_enrolled_by_request_is_left_alone_by_its_late_event(db):
    user, paid = new_id(), course()
    enrolled = enrollments.enroll(db, user, paid, purchased=lambda: True)
    assert enrollments.enroll_from_order(db, order_event(user, paid["id"]), every_course_exists) == 0
    assert [e["id"] for e in enrollments.list_enrollments(db, user, lambda ids: {})] == [enrolled["id"]]


def test_list_joins_courses_and_progress_in_one_catalog_call(db, lookups_for):
    user, first, second = new_id(), course(lessons=24), course(lessons=3)
    enrollments.enroll_from_order(db, order_event(user, first["id"], second["id"]), every_course_exists)
    listed = enrollments.list_enrollments(db, user, lambda ids: {})
    first_id = next(e["id"] for e in listed if e["courseId"] == first["id"])
    lesson = lambda course_id: lambda lesson_id: {"id": lesson_id, "courseId": course_id}  # noqa: E731
    for _ in range(2):
        progress.set_lesson_progress(db, user, first_id, new_id(), True, lesson(first["id"]), lookups_for(first))
    calls = []

    def get_courses(ids):
        calls.append(sorted(ids))
        return {first["id"]: first, second["id"]: second}

    listed = {e["courseId"]: e for e in enrollments.list_enrollments(db, user, get_courses)}
    assert calls == [sorted([first["id"], second["id"]])]
    assert listed[first["id"]]["progress"] == {"total": 24, "completed": 2, "percentage": 8}
    assert listed[second["id"]]["progress"] == {"total": 3, "completed": 0, "percentage": 0}
    assert listed[first["id"]]["course"] == first


def test_no_enrollments_means_no_catalog_call(db):
    def get_courses(ids):
        raise AssertionError("no call expected")

    assert enrollments.list_enrollments(db, new_id(), get_courses) == []


@pytest.fixture
def enrolled(db, lookups_for):
    """A learner's enrollment in a 24-lesson course, catalog's ``get_lesson``
    for its lessons, and catalog and auth as certificates ask them."""
    user, level_1 = new_id(), course()
    enrollments.enroll_from_order(db, order_event(user, level_1["id"]), every_course_exists)
    enrollment = enrollments.list_enrollments(db, user, lambda ids: {})[0]
    return user, enrollment, lambda lesson_id: {"id": lesson_id, "courseId": level_1["id"]}, lookups_for(level_1)


def test_progress_toggles_and_keeps_the_first_completion_time(db, enrolled):
    user, enrollment, get_lesson, lookups = enrolled
    lesson = new_id()
    done = progress.set_lesson_progress(db, user, enrollment["id"], lesson, True, get_lesson, lookups)
    assert done["completed"] is True and done["completedAt"].endswith("Z")
    again = progress.set_lesson_progress(db, user, enrollment["id"], lesson, True, get_lesson, lookups)
    assert (again["id"], again["completedAt"]) == (done["id"], done["completedAt"])
    undone = progress.set_lesson_progress(db, user, enrollment["id"], lesson, False, get_lesson, lookups)
    assert (undone["id"], undone["completed"], undone["completedAt"]) == (done["id"], False, None)
    assert progress.list_progress(db, user, enrollment["id"]) == [undone]


def test_marking_a_lesson_complete_twice_counts_once(db, enrolled):
    user, enrollment, get_lesson, lookups = enrolled
    lesson = new_id()
    for _ in range(3):
        progress.set_lesson_progress(db, user, enrollment["id"], lesson, True, get_lesson, lookups)
    listed = enrollments.list_enrollments(
        db, user, lambda ids: {enrollment["courseId"]: course_payload(id=enrollment["courseId"])}
    )
    assert listed[0]["progress"]["completed"] == 1


def test_another_users_enrollment_is_not_found_and_unchanged(db, enrolled):
    user, enrollment, get_lesson, lookups = enrolled
    intruder = new_id()
    with pytest.raises(NotFound) as listing:
        progress.list_progress(db, intruder, enrollment["id"])
    with pytest.raises(NotFound) as setting:
        progress.set_lesson_progress(db, intruder, enrollment["id"], new_id(), True, get_lesson, lookups)
    with pytest.raises(NotFound) as missing:
        progress.list_progress(db, user, new_id())
    assert listing.value.to_dict() == setting.value.to_dict() == missing.value.to_dict()
    assert (
        db.scalar(
            select(func.count())
            .select_from(LessonProgress)
            .where(LessonProgress.enrollment_id == enrollment["id"])
        )
        == 0
    )


def test_a_lesson_of_another_course_is_invalid(db, enrolled):
    user, enrollment, _, lookups = enrolled
    with pytest.raises(InvalidInput) as raised:
        progress.set_lesson_progress(
            db, user, enrollment["id"], new_id(), True, lambda i: {"id": i, "courseId": new_id()}, lookups
        )
    assert raised.value.code == "LESSON_NOT_IN_COURSE"


def test_a_malformed_lesson_or_enrollment_id_is_not_found(db, enrolled):
    user, enrollment, get_lesson, lookups = enrolled
    with pytest.raises(NotFound):
        progress.set_lesson_progress(db, user, enrollment["id"], "lesson-1", True, get_lesson, lookups)
    with pytest.raises(NotFound):
        progress.list_progress(db, user, "junk")


def test_completed_must_be_a_boolean(db, enrolled):
    user, enrollment, get_lesson, lookups = enrolled
    with pytest.raises(InvalidInput):
        progress.set_lesson_progress(db, user, enrollment["id"], new_id(), "yes", get_lesson, lookups)


def test_listing_enrollments_takes_one_query_and_one_catalog_call_however_many(db):
    from tests.support.statements import recorded_statements

    user = new_id()
    catalog = {}
    calls = []

    def get_courses(ids):
        calls.append(ids)
        return {course_id: catalog[course_id] for course_id in ids}

    for count in (2, 6):
        while len(catalog) < count:
            added = course()
            catalog[added["id"]] = added
            enrollments.enroll_from_order(db, order_event(user, added["id"]), every_course_exists)
        calls.clear()
        with recorded_statements(db) as sent:
            listed = enrollments.list_enrollments(db, user, get_courses)
        assert len(listed) == count
        assert len(sent) == 1 and len(calls) == 1
        assert all(e["progress"] == {"total": 24, "completed": 0, "percentage": 0} for e in listed)


def test_processed_event_ids_are_forgotten_after_their_retention_in_bounded_batches(db):
    from datetime import datetime, timedelta, timezone

    from learning.models import ProcessedEvent

    events = [order_event(new_id(), new_id()) for _ in range(3)]
    for event in events:
        enrollments.enroll_from_order(db, event, every_course_exists)
    ids = [event.event_id for event in events]
    later = datetime.now(timezone.utc) + enrollments.PROCESSED_RETENTION + timedelta(minutes=1)

    assert enrollments.prune_processed_events(db, now=datetime.now(timezone.utc)) == 0
    assert enrollments.prune_processed_events(db, limit=2, now=later) == 2
    while enrollments.prune_processed_events(db, now=later):  # the database may hold others too
        pass
    assert db.scalars(select(ProcessedEvent.event_id).where(ProcessedEvent.event_id.in_(ids))).all() == []
