"""What admins read of learning: enrollments and completions per course, and
one learner's enrollments, revoked ones included (the role is checked by
the service, shared/roles.py)."""

from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learning import enrollments
from learning.models import Certificate, Enrollment
from shared.contracts.staff import CourseStats, LearnerEnrollment


def course_stats(db: Session, get_courses: Callable[[list], dict]) -> list[dict]:
    """Per course with at least one live (not revoked) enrollment: its
    ``enrollments``, how many of them ``completed`` the course and the
    ``completionRate`` (0..1). A course nobody is enrolled in (or whose
    enrollments were all revoked) is not listed.

    Completed means what learning itself decided: the enrollment's
    certificate was issued, which happens when every lesson of the course is
    complete, and stays (a lesson marked incomplete later, or one added to
    the course, does not take it back). Most enrolled first; one query and
    one ``get_courses`` call for the titles."""
    rows = db.execute(
        select(
            Enrollment.course_id,
            func.count(Enrollment.id).label("enrollments"),
            func.count(Certificate.id).label("completed"),
        )
        .outerjoin(Certificate, Certificate.enrollment_id == Enrollment.id)
        .where(Enrollment.revoked_at.is_(None))
        .group_by(Enrollment.course_id)
        .order_by(func.count(Enrollment.id).desc(), Enrollment.course_id)
    ).all()
    courses = get_courses([row.course_id for row in rows]) if rows else {}
    return [
        CourseStats.to_wire(
            {
                "course_id": row.course_id,
                "title": courses[row.course_id]["title"] if row.course_id in courses else None,
                "enrollments": row.enrollments,
                "completed": row.completed,
                "completion_rate": row.completed / row.enrollments,
            }
        )
        for row in rows
    ]


def learner_enrollments(db: Session, user_id: str, get_courses: Callable[[list], dict]) -> list[dict]:
    """The user's enrollments as ``list_enrollments`` gives them (course,
    progress, certificate), revoked ones included with their ``revokedAt``
    (None for a live one). An id with no enrollment, malformed ones too,
    has an empty list: learning does not know who the users are."""
    return enrollments.with_progress(db, user_id, get_courses, LearnerEnrollment, include_revoked=True)
