"""Enrollments: from purchases (the order completed event) and on request,
listed with each course and the learner's progress in it; revoked by a
refund (the order refunded event), and restored by a purchase again.

A revoked enrollment (``revoked_at`` set) is kept with its progress,
positions and certificate, but is as if it did not exist: it is not
listed, opens no lesson, keeps no position, earns and shows no
certificate. Every lookup of a learner's enrollment goes through ``find``
or ``get_owned``, which leave revoked ones out."""

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Callable

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import distinct_on, insert
from sqlalchemy.orm import Session

from learning.models import Certificate, Enrollment, LessonPosition, LessonProgress, ProcessedEvent
from shared.errors import Conflict, NotFound, PaymentRequired
from shared.contracts.learning import CertificateSummary, EnrollmentPublic, EnrollmentWithProgress
from shared.events import OrderCompleted, OrderRefunded, PoisonEvent
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


def _first_time(db: Session, event_id: str) -> bool:
    """Record the event as processed, in the caller's transaction: False when
    it was already (a redelivery, which must change nothing)."""
    return (
        db.execute(
            insert(ProcessedEvent)
            .values(event_id=event_id)
            .on_conflict_do_nothing()
            .returning(ProcessedEvent.event_id)
        ).first()
        is not None
    )


def _enroll_or_restore(user_id: str, course_ids: list[str]):
    """Insert the enrollments, or clear ``revoked_at`` of those revoked (a
    re-purchase); one already active is left as it is. The statement
    returns the enrollments made or restored."""
    statement = insert(Enrollment).values([{"user_id": user_id, "course_id": c} for c in course_ids])
    return statement.on_conflict_do_update(
        index_elements=["user_id", "course_id"],
        set_={"revoked_at": None},
        where=Enrollment.revoked_at.is_not(None),
    ).returning(Enrollment)


def enroll_from_order(db: Session, event: OrderCompleted, get_courses: Callable[[list], dict]) -> int:
    """Enroll the buyer in every course of the order, once per event: the
    event id is recorded in the same transaction, first, so a redelivery
    finds it and changes nothing. Returns how many enrollments were made
    (or restored: a course bought again after its refund keeps its
    enrollment, progress and certificate).

    The courses are checked with catalog first (``get_courses``): an event
    naming a course that does not exist makes no enrollment at all and is a
    PoisonEvent (parked for an operator); catalog unreachable is a failure
    like any other, retried with backoff."""
    if not _first_time(db, event.event_id) or not event.course_ids:
        return 0
    known = get_courses(sorted(set(event.course_ids)))
    unknown = sorted(set(event.course_ids) - set(known))
    if unknown:
        raise PoisonEvent(f"order {event.order_id} names courses that do not exist: {', '.join(unknown)}")
    return len(db.execute(_enroll_or_restore(event.user_id, sorted(set(event.course_ids)))).all())


def apply_order_refunded(db: Session, payload, purchased: Callable[[str, str], bool]) -> int:
    """``revoke_from_refund`` for a raw payload; PoisonEvent when it is not one."""
    return revoke_from_refund(db, OrderRefunded.read(payload), purchased)


def revoke_from_refund(db: Session, event: OrderRefunded, purchased: Callable[[str, str], bool]) -> int:
    """Revoke the buyer's enrollments in the refunded courses, once per
    event (recorded as ``enroll_from_order`` does); progress, positions and
    certificates stay, for a re-purchase. Returns how many were revoked.

    A course the buyer owns again by the time the event is handled
    (``purchased(user_id, course_id)``, commerce's ``has_purchased``: bought
    again while this event waited, learning being down) keeps its
    enrollment; commerce unreachable is a failure, retried with backoff."""
    if not _first_time(db, event.event_id):
        return 0
    revoked = [c for c in sorted(set(event.course_ids)) if not purchased(event.user_id, c)]
    if not revoked:
        return 0
    return db.execute(
        update(Enrollment)
        .where(
            Enrollment.user_id == event.user_id,
            Enrollment.course_id.in_(revoked),
            Enrollment.revoked_at.is_(None),
        )
        .values(revoked_at=func.now())
    ).rowcount


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
    """Enroll the user in ``course`` (as catalog describes it), or restore
    the user's revoked enrollment in it. Conflict ALREADY_ENROLLED;
    PaymentRequired for a paid course that ``purchased()`` says was not
    bought."""
    if find(db, user_id, course["id"]) is not None:
        raise Conflict("You are already enrolled in this course", code="ALREADY_ENROLLED")
    if Decimal(course["price"]) > 0 and not purchased():
        raise course_not_purchased(course, "This course must be purchased before you can enroll")
    # A purchase whose event is still on its way enrolls here; the event
    # then finds the enrollment and leaves it be.
    created = db.execute(
        _enroll_or_restore(user_id, [course["id"]]), execution_options={"populate_existing": True}
    ).scalar()
    if created is None:
        raise Conflict("You are already enrolled in this course", code="ALREADY_ENROLLED")
    return EnrollmentPublic.to_wire(created)


def find(db: Session, user_id: str, course_id: str) -> Enrollment | None:
    """The user's enrollment in the course, unless there is none or it is revoked."""
    return db.scalar(
        select(Enrollment).where(
            Enrollment.user_id == user_id, Enrollment.course_id == course_id, Enrollment.revoked_at.is_(None)
        )
    )


def get_owned(db: Session, user_id: str, enrollment_id) -> Enrollment:
    """The user's enrollment ``enrollment_id``. Someone else's, and a
    revoked one, are NotFound, exactly like one that does not exist."""
    enrollment_id = parse_uuid(enrollment_id)
    enrollment = db.get(Enrollment, enrollment_id) if enrollment_id else None
    if enrollment is None or enrollment.user_id != parse_uuid(user_id) or enrollment.revoked_at is not None:
        raise NotFound("Enrollment not found", code="ENROLLMENT_NOT_FOUND")
    return enrollment


def list_enrollments(db: Session, user_id: str, get_courses: Callable[[list], dict]) -> list[dict]:
    """The user's enrollments (not revoked), oldest first, each with its ``course``,
    ``progress`` and ``certificate`` (or None): one query for all of them,
    and one ``get_courses`` call."""
    return with_progress(db, user_id, get_courses, EnrollmentWithProgress)


def with_progress(
    db: Session,
    user_id: str,
    get_courses: Callable[[list], dict],
    shape: type[EnrollmentWithProgress],
    include_revoked: bool = False,
) -> list[dict]:
    """``list_enrollments`` in the wire ``shape`` given (a model that may
    show more of the enrollment row, as staff see it); the revoked ones too
    if ``include_revoked`` (staff see what a refund took away)."""
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
        .where(Enrollment.user_id == user_id, *([] if include_revoked else [Enrollment.revoked_at.is_(None)]))
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
