"""Certificates on the real database, as the `learning` role: issued once per
enrollment with its ``course_completed`` in the outbox, and found by code."""

import uuid

import pytest
from sqlalchemy import func, select

from learning import certificates, enrollments, positions, progress
from learning.models import Certificate, OutboxEvent
from shared.errors import NotFound
from shared.events import COURSE_COMPLETED, CourseCompleted, OrderCompleted
from tests.support.wire import course_payload, every_course_exists


def new_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def learner(db, lookups_for):
    """A learner enrolled in a 24-lesson course: its lesson ids, and catalog
    and auth as issuing a certificate asks them (the learner is "ada")."""
    user, course = new_id(), course_payload(lessons=24, title="MASTER THE GOOGLE ECOSYSTEM")
    enrollments.enroll_from_order(
        db, OrderCompleted(event_id=new_id(), order_id=new_id(), user_id=user, course_ids=[course["id"]]), every_course_exists
    )
    enrollment = enrollments.find(db, user, course["id"])
    lessons = [new_id() for _ in range(24)]
    return user, course, enrollment, lessons, lookups_for(course, username="ada")


def complete(db, enrollment, lesson_ids, lookups, completed=True):
    for lesson_id in lesson_ids:
        progress.record_completion(db, enrollment, lesson_id, completed, lookups)


def certificates_of(db, enrollment):
    return db.scalars(select(Certificate).where(Certificate.enrollment_id == enrollment.id)).all()


def events_of(db, enrollment):
    return db.scalars(select(OutboxEvent).where(OutboxEvent.aggregate_id == enrollment.id)).all()


def listed(db, user, course):
    return enrollments.list_enrollments(db, user, lambda ids: {course["id"]: course})[0]


def test_the_last_lesson_issues_one_certificate_and_one_event(db, learner):
    user, course, enrollment, lessons, lookups = learner
    complete(db, enrollment, lessons[:23], lookups)
    assert certificates_of(db, enrollment) == [] and events_of(db, enrollment) == []
    assert listed(db, user, course)["certificate"] is None

    complete(db, enrollment, lessons[23:], lookups)
    (certificate,) = certificates_of(db, enrollment)
    assert (certificate.user_id, certificate.course_id) == (user, course["id"])
    assert (certificate.learner_name, certificate.course_title) == ("ada", "MASTER THE GOOGLE ECOSYSTEM")
    assert len(certificate.code) == certificates.CODE_LENGTH
    assert set(certificate.code) <= set(certificates.ALPHABET)
    (event,) = events_of(db, enrollment)
    assert event.event_type == COURSE_COMPLETED and event.published_at is None
    read = CourseCompleted.read(event.payload)
    assert (read.event_id, read.enrollment_id, read.user_id, read.course_id) == (
        event.id, enrollment.id, user, course["id"]
    )
    assert (read.certificate_code, read.learner_name, read.course_title) == (
        certificate.code, "ada", "MASTER THE GOOGLE ECOSYSTEM"
    )
    summary = listed(db, user, course)["certificate"]
    assert summary["code"] == certificate.code and summary["issuedAt"] == read.completed_at


def test_unmarking_and_completing_again_keeps_the_one_certificate(db, learner):
    user, course, enrollment, lessons, lookups = learner
    complete(db, enrollment, lessons, lookups)
    (first,) = certificates_of(db, enrollment)

    complete(db, enrollment, lessons[5:6], lookups, completed=False)
    assert listed(db, user, course)["progress"]["percentage"] == 96
    assert listed(db, user, course)["certificate"]["code"] == first.code  # not revoked
    complete(db, enrollment, lessons[5:6], lookups)
    complete(db, enrollment, lessons, lookups)
    assert [c.code for c in certificates_of(db, enrollment)] == [first.code]
    assert len(events_of(db, enrollment)) == 1


def test_once_issued_neither_catalog_nor_auth_is_asked_again(db, learner):
    _, _, enrollment, lessons, lookups = learner
    complete(db, enrollment, lessons, lookups)

    def never_asked(_id):
        raise AssertionError("a finished enrollment asks no other service")

    complete(db, enrollment, lessons[:1], certificates.Lookups(course=never_asked, user=never_asked))


def test_watching_the_last_lesson_issues_it_too(db, learner):
    user, course, enrollment, lessons, lookups = learner
    complete(db, enrollment, lessons[:23], lookups)
    last = {"id": lessons[23], "courseId": course["id"], "video": {"status": "ready", "durationSeconds": 20.0}}
    assert positions.save_position(db, user, last, 19, lookups) is True
    assert len(certificates_of(db, enrollment)) == 1 and len(events_of(db, enrollment)) == 1


def test_a_course_with_no_lessons_is_never_finished(db, learner, lookups_for):
    _, course, enrollment, lessons, _ = learner
    complete(db, enrollment, lessons[:1], lookups_for({**course, "lessonsCount": 0}))
    assert certificates_of(db, enrollment) == []


def test_a_certificate_is_found_by_its_code_however_it_is_typed(db, learner):
    _, _, enrollment, lessons, lookups = learner
    complete(db, enrollment, lessons, lookups)
    (certificate,) = certificates_of(db, enrollment)
    found = certificates.get_certificate(db, certificate.code)
    assert found == {
        "code": certificate.code,
        "learnerName": "ada",
        "courseTitle": "MASTER THE GOOGLE ECOSYSTEM",
        "completedAt": found["completedAt"],
    }
    assert found["completedAt"].endswith("Z")
    typed = f" {certificate.code[:4]}-{certificate.code[4:8]}-{certificate.code[8:]} ".lower().replace("0", "o")
    assert certificates.get_certificate(db, typed) == found


@pytest.mark.parametrize("code", ["0000000000ZZ", "short", "", None, "U" * 12, "x" * 5000, 42])
def test_an_unknown_or_malformed_code_is_not_found(db, code):
    with pytest.raises(NotFound) as raised:
        certificates.get_certificate(db, code)
    assert raised.value.code == "CERTIFICATE_NOT_FOUND"


def test_a_code_already_taken_is_drawn_again(db, learner, lookups_for, monkeypatch):
    _, _, enrollment, lessons, lookups = learner
    complete(db, enrollment, lessons, lookups)
    (taken,) = certificates_of(db, enrollment)

    other_user, other_course = new_id(), course_payload(lessons=1)
    enrollments.enroll_from_order(
        db,
        OrderCompleted(event_id=new_id(), order_id=new_id(), user_id=other_user, course_ids=[other_course["id"]]),
        every_course_exists,
    )
    other = enrollments.find(db, other_user, other_course["id"])
    drawn = iter([taken.code, "ABCDEFGHJKMN"])
    monkeypatch.setattr(certificates, "new_code", lambda: next(drawn))
    complete(db, other, [new_id()], lookups_for(other_course))
    assert [c.code for c in certificates_of(db, other)] == ["ABCDEFGHJKMN"]
    assert db.scalar(select(func.count()).select_from(Certificate).where(Certificate.code == taken.code)) == 1
