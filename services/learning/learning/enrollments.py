"""Enrollments: from purchases (the order completed event) and on request,
listed with each course and the learner's progress in it."""

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Callable

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import distinct_on, insert
from sqlalchemy.orm import Session

from learning.models import Certificate, Enrollment, LessonPosition, LessonProgress, ProcessedEvent
from shared.errors import Conflict, NotFound, PaymentRequired
from shared.contracts.learning import CertificateSummary, EnrollmentPublic, EnrollmentWithProgress
from shared.events import OrderCompleted, PoisonEvent
from shared.formats import parse_uuid

# A processed event id is kept for as long as a copy of its event could
# still arrive: the outbox publishes twice only when commerce dies between a
# publish and its mark (seconds), and a queue keeps an unacknowledged copy
# while learning is down. A month covers any outage we would not notice.
PROCESSED_RETENTION = timedelta(days=30)
PRUNE_BATCH = 1000


def progress_summary(completed: int, total: int) -> dict:
    """``{total, completed, percentage}``, the percentage rounded half up to a
    whole number (1 of 8 is 13%) and never above 100."""
    completed = max(0, min(completed, total))
    percentage = (completed * 200 + total) // (total * 2) if total > 0 else 0
    return {"total": total, "completed": completed, "percentage": percentage}


def apply_order_completed(db: Session, payload, get_courses: Callable[[list], dict]) -> int:
    """``enroll_from_order`` for a raw payload; PoisonEvent when it is not one."""
    return enroll_from_order(db, OrderCompleted.read(payload), get_courses)


def enroll_from_order(db: Session, event: OrderCompleted, get_courses: Callable[[list], dict]) -> int:
    """Enroll the buyer in every course of the order, once per event: the
    event id is recorded in the same transaction, first, so a redelivery
    finds it and changes nothing. Returns how many enrollments were made.

    The courses are checked with catalog first (``get_courses``): an event
    naming a course that does not exist makes no enrollment at all and is a
    PoisonEvent (parked for an operator); catalog unreachable is a failure
    like any other, retried with backoff."""
    first_time = db.execute(
        insert(ProcessedEvent)
        .values(event_id=event.event_id)
        .on_conflict_do_nothing()
        .returning(ProcessedEvent.event_id)
    ).first()
    if first_time is None or not event.course_ids:
        return 0
    known = get_courses(sorted(set(event.course_ids)))
    unknown = sorted(set(event.course_ids) - set(known))
    if unknown:
        raise PoisonEvent(f"order {event.order_id} names courses that do not exist: {', '.join(unknown)}")
    return len(
        db.execute(
            insert(Enrollment)
            .values([{"user_id": event.user_id, "course_id": course_id} for course_id in event.course_ids])
            .on_conflict_do_nothing(index_elements=["user_id", "course_id"])
            .returning(Enrollment.id)
        ).all()
    )


def prune_processed_events(
    db: Session, retention: timedelta = PROCESSED_RETENTION, limit: int = PRUNE_BATCH, now: datetime | None = None
) -> int:
    """Forget up to ``limit`` processed-event ids older than ``retention``;
    return how many."""
    cutoff = (now or datetime.now(timezone.utc)) - retention
    old = select(ProcessedEvent.event_id).where(ProcessedEvent.processed_at < cutoff).limit(limit)
    return db.execute(delete(ProcessedEvent).where(ProcessedEvent.event_id.in_(old))).rowcount


def course_not_purchased(course: dict, message: str) -> PaymentRequired:
    """The 402 of a paid course (as catalog describes it) that the user has not bought."""
    return PaymentRequired(
        message, code="COURSE_NOT_PURCHASED", details={"courseId": course["id"], "price": course["price"]}
    )


def enroll(db: Session, user_id: str, course: dict, purchased: Callable[[], bool]) -> dict:
    """Enroll the user in ``course`` (as catalog describes it).
    Conflict ALREADY_ENROLLED; PaymentRequired for a paid course that
    ``purchased()`` says was not bought."""
    if find(db, user_id, course["id"]) is not None:
        raise Conflict("You are already enrolled in this course", code="ALREADY_ENROLLED")
    if Decimal(course["price"]) > 0 and not purchased():
        raise course_not_purchased(course, "This course must be purchased before you can enroll")
    # A purchase whose event is still on its way enrolls here; the event
    # then finds the enrollment and leaves it be.
    created = db.execute(
        insert(Enrollment)
        .values(user_id=user_id, course_id=course["id"])
        .on_conflict_do_nothing(index_elements=["user_id", "course_id"])
        .returning(Enrollment)
    ).scalar()
    if created is None:
        raise Conflict("You are already enrolled in this course", code="ALREADY_ENROLLED")
    return EnrollmentPublic.to_wire(created)


def find(db: Session, user_id: str, course_id: str) -> Enrollment | None:
    return db.scalar(
        select(Enrollment).where(Enrollment.user_id == user_id, Enrollment.course_id == course_id)
    )


def get_owned(db: Session, user_id: str, enrollment_id) -> Enrollment:
    """The user's enrollment ``enrollment_id``. Someone else's is NotFound,
    exactly like one that does not exist."""
    enrollment_id = parse_uuid(enrollment_id)
    enrollment = db.get(Enrollment, enrollment_id) if enrollment_id else None
    if enrollment is None or enrollment.user_id != parse_uuid(user_id):
        raise NotFound("Enrollment not found", code="ENROLLMENT_NOT_FOUND")
    return enrollment


def list_enrollments(db: Session, user_id: str, get_courses: Callable[[list], dict]) -> list[dict]:
    """The user's enrollments, oldest first, each with its ``course``,
    ``progress`` and ``certificate`` (or None): one query for all of them,
    and one ``get_courses`` call."""
    return with_progress(db, user_id, get_courses, EnrollmentWithProgress)


def with_progress(
    db: Session, user_id: str, get_courses: Callable[[list], dict], shape: type[EnrollmentWithProgress]
) -> list[dict]:
    """``list_enrollments`` in the wire ``shape`` given (a model that may
    show more of the enrollment row, as staff see it)."""
    user_id = parse_uuid(user_id)
    if user_id is None:
        return []
    completed = func.count(LessonProgress.id).filter(LessonProgress.completed.is_(True))
    # The lesson each enrollment was last watched at, for "Continue learning".
    last_watched = (
        select(LessonPosition.enrollment_id, LessonPosition.lesson_id, LessonPosition.seconds)
        .join(Enrollment, Enrollment.id == LessonPosition.enrollment_id)
        .where(Enrollment.user_id == user_id)
        .ext(distinct_on(LessonPosition.enrollment_id))
        .order_by(LessonPosition.enrollment_id, LessonPosition.updated_at.desc())
        .subquery()
    )
    rows = db.execute(
        select(Enrollment, completed, last_watched.c.lesson_id, last_watched.c.seconds, Certificate)
        .outerjoin(LessonProgress, LessonProgress.enrollment_id == Enrollment.id)
        .outerjoin(last_watched, last_watched.c.enrollment_id == Enrollment.id)
        .outerjoin(Certificate, Certificate.enrollment_id == Enrollment.id)
        .where(Enrollment.user_id == user_id)
        .group_by(Enrollment.id, last_watched.c.lesson_id, last_watched.c.seconds, Certificate.id)
        .order_by(Enrollment.enrolled_at, Enrollment.id)
    ).all()
    courses = get_courses(sorted({row.Enrollment.course_id for row in rows})) if rows else {}
    listed = []
    for enrollment, done, resume_lesson, resume_seconds, certificate in rows:
        course = courses.get(enrollment.course_id)
        total = course["lessonsCount"] if course else 0
        listed.append(
            shape.to_wire(
                {
                    **EnrollmentPublic.to_wire(enrollment),
                    "revoked_at": enrollment.revoked_at,
                    "course": course,
                    "progress": progress_summary(done, total),
                    "resume": {"lessonId": resume_lesson, "seconds": resume_seconds} if resume_lesson else None,
                    "certificate": CertificateSummary.to_wire(certificate) if certificate else None,
                }
            )
        )
    return listed
