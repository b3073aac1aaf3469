"""A refund revokes enrollments (the order refunded event), and a purchase
again restores them, on the real database, as the `learning` role."""

import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from learning import access, certificates, enrollments, positions, progress
from learning.models import Enrollment, LessonPosition, LessonProgress
from shared.errors import NotFound, PaymentRequired
from shared.events import OrderCompleted, OrderRefunded, PoisonEvent
from tests.support.wire import course_payload, every_course_exists


def new_id() -> str:
    return str(uuid.uuid4())


def not_bought(_user_id, _course_id) -> bool:
    return False


def refund_event(user_id, *course_ids, assets=()) -> OrderRefunded:
    items = [{"itemType": "course", "itemId": c} for c in course_ids] + [
        {"itemType": "asset", "itemId": a} for a in assets
    ]
    return OrderRefunded(
        event_id=new_id(), refund_id=new_id(), order_id=new_id(), user_id=user_id, items=items,
        amount="149.00", reason="Mistake", occurred_at=datetime.now(timezone.utc).isoformat(),
    )


def buy(db, user, *course_ids) -> int:
    event = OrderCompleted(event_id=new_id(), order_id=new_id(), user_id=user, course_ids=list(course_ids))
    return enrollments.enroll_from_order(db, event, every_course_exists)


@pytest.fixture
def learner(db, lookups_for):
    """A buyer of a one-lesson course who watched part of it and completed
    it (so holds a certificate), and the lesson."""
    user, course = new_id(), course_payload(lessons=1)
    buy(db, user, course["id"])
    # As catalog's get_lesson answers: LessonWithNotes in wire form.
    lesson = {
        "id": new_id(), "courseId": course["id"], "moduleNumber": 1, "moduleName": "M", "lessonNumber": 1,
        "title": "T", "videoUrl": None, "duration": 20, "preview": False,
        "video": {"status": "ready", "durationSeconds": 20.0}, "notes": None,
    }
    positions.save_position(db, user, lesson, 19.0, lookups_for(course))  # completes it: the certificate
    return user, course, lesson, lookups_for(course)


def listed(db, user, course):
    return enrollments.list_enrollments(db, user, lambda ids: {course["id"]: course})


def rows_kept(db, enrollment_id):
    return (
        db.scalar(select(func.count()).select_from(LessonProgress).where(LessonProgress.enrollment_id == enrollment_id)),
        db.scalar(select(func.count()).select_from(LessonPosition).where(LessonPosition.enrollment_id == enrollment_id)),
    )


def test_a_refund_revokes_the_enrollment_and_keeps_its_progress(db, learner):
    user, course, lesson, lookups = learner
    [before] = listed(db, user, course)
    code = before["certificate"]["code"]

    assert enrollments.revoke_from_refund(db, refund_event(user, course["id"]), not_bought) == 1

    assert listed(db, user, course) == []
    enrollment = db.get(Enrollment, before["id"])
    assert enrollment.revoked_at is not None
    assert rows_kept(db, before["id"]) == (1, 1)
    with pytest.raises(PaymentRequired):
        access.open_lesson(db, user, lesson, lambda: course)
    with pytest.raises(PaymentRequired):
        positions.save_position(db, user, lesson, 3.0, lookups)
    with pytest.raises(NotFound):
        progress.list_progress(db, user, before["id"])
    with pytest.raises(NotFound):
        progress.set_lesson_progress(db, user, before["id"], lesson["id"], True, lambda _id: lesson, lookups)
    with pytest.raises(NotFound):
        certificates.get_certificate(db, code)


def test_the_same_refund_event_twice_changes_nothing_the_second_time(db, learner):
    user, course, _, _ = learner
    event = refund_event(user, course["id"])
    assert enrollments.revoke_from_refund(db, event, not_bought) == 1
    [enrollment] = db.scalars(select(Enrollment).where(Enrollment.user_id == user)).all()
    revoked_at = enrollment.revoked_at
    assert enrollments.apply_order_refunded(db, event.to_payload(), not_bought) == 0
    db.refresh(enrollment)
    assert enrollment.revoked_at == revoked_at


def test_buying_again_restores_the_enrollment_with_its_progress_and_certificate(db, learner):
    user, course, lesson, _ = learner
    [before] = listed(db, user, course)
    enrollments.revoke_from_refund(db, refund_event(user, course["id"]), not_bought)

    assert buy(db, user, course["id"]) == 1

    [after] = listed(db, user, course)
    assert after["id"] == before["id"] and after["progress"] == before["progress"]
    assert after["certificate"] == before["certificate"]
    assert certificates.get_certificate(db, before["certificate"]["code"])["code"] == before["certificate"]["code"]
    assert access.open_lesson(db, user, lesson, lambda: course)["position"]["seconds"] == 19.0
    # An active enrollment is left as it is by another purchase event.
    assert buy(db, user, course["id"]) == 0


def test_enrolling_by_request_restores_a_revoked_enrollment_once_bought_again(db, learner):
    user, course, _, _ = learner
    [before] = listed(db, user, course)
    enrollments.revoke_from_refund(db, refund_event(user, course["id"]), not_bought)
    with pytest.raises(PaymentRequired):
        enrollments.enroll(db, user, course, purchased=lambda: False)
    restored = enrollments.enroll(db, user, course, purchased=lambda: True)
    assert restored["id"] == before["id"]
    assert [e["id"] for e in listed(db, user, course)] == [before["id"]]


def test_a_course_bought_again_before_the_refund_is_handled_stays(db, learner):
    """Learning was down during the refund, and the buyer bought the course
    again before it came back: commerce says it is owned."""
    user, course, _, _ = learner
    asked = []

    def bought_again(user_id, course_id):
        asked.append((user_id, course_id))
        return True

    assert enrollments.revoke_from_refund(db, refund_event(user, course["id"]), bought_again) == 0
    assert asked == [(user, course["id"])]
    assert len(listed(db, user, course)) == 1


def test_a_refund_of_assets_only_or_of_a_course_not_enrolled_in_revokes_nothing(db, learner):
    user, course, _, _ = learner
    assert enrollments.revoke_from_refund(db, refund_event(user, assets=[new_id()]), not_bought) == 0
    assert enrollments.revoke_from_refund(db, refund_event(user, new_id()), not_bought) == 0
    assert enrollments.revoke_from_refund(db, refund_event(new_id(), course["id"]), not_bought) == 0
    assert len(listed(db, user, course)) == 1


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {**refund_event(new_id(), new_id()).to_payload(), "userId": "nope"},
        {**refund_event(new_id(), new_id()).to_payload(), "items": []},
        {**refund_event(new_id(), new_id()).to_payload(), "items": [{"itemType": "bundle", "itemId": new_id()}]},
        {**refund_event(new_id(), new_id()).to_payload(), "occurredAt": "yesterday"},
    ],
)
def test_a_malformed_refund_event_is_poison(db, payload):
    with pytest.raises(PoisonEvent):
        enrollments.apply_order_refunded(db, payload, not_bought)
