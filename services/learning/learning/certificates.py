"""Certificates: issued once per enrollment, the first time every lesson of
its course is complete, with a public code anyone may verify; the
``course_completed`` event goes into the outbox in the same transaction.

Marking a lesson incomplete later does not revoke a certificate: it records
that the course was finished once, and it stays (as its event does). A
refund hides it (its enrollment revoked) until the course is bought again."""

import secrets
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from learning import outbox
from learning.models import Certificate, Enrollment, LessonProgress
from shared.contracts.learning import CertificatePublic, CertificateSummary
from shared.errors import NotFound
from shared.events import COURSE_COMPLETED, CourseCompleted
from shared.formats import iso_utc

# Crockford's base32: no I, L, O or U, so that a code read aloud or copied
# by hand survives; 12 symbols are 60 random bits.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
# How Crockford's decoding reads the look-alikes a person may type.
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})
# A new code is drawn when one is taken (the unique key says so); with 60
# bits that is not expected to happen even once.
CODE_ATTEMPTS = 3


@dataclass(frozen=True)
class Lookups:
    """Where issuing reads what learning does not own."""

    course: Callable[[str], dict]  # catalog's get_course: lessonsCount and title
    user: Callable[[str], dict]  # auth's get_user: the learner's username


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(code) -> str | None:
    """``code`` as it was issued (upper case, without dashes or spaces, O
    read as 0 and I, L as 1), or None when it cannot be a code."""
    if not isinstance(code, str) or len(code) > 4 * CODE_LENGTH:
        return None
    cleaned = code.strip().upper().translate(_LOOK_ALIKES)
    if len(cleaned) != CODE_LENGTH or any(symbol not in ALPHABET for symbol in cleaned):
        return None
    return cleaned


def issue_if_complete(db: Session, enrollment: Enrollment, lookups: Lookups) -> dict | None:
    """Issue the enrollment's certificate, with its ``course_completed`` in
    the outbox, if every lesson of its course is now complete and it has
    none yet: the certificate (``{code, issuedAt}``) when issued now, else
    None. Called after each lesson completion, in its transaction."""
    if _certificate_of(db, enrollment.id) is not None:
        return None
    course = lookups.course(enrollment.course_id)
    # Completions of the same enrollment take turns from here, so that of two
    # concurrent completions of the last two lessons, the second counts the
    # first (committed by then). NO KEY UPDATE, because each progress row's
    # foreign key holds KEY SHARE on the enrollment, which FOR UPDATE would
    # wait for: two completions would deadlock.
    db.execute(select(Enrollment.id).where(Enrollment.id == enrollment.id).with_for_update(key_share=True))
    total = course["lessonsCount"]
    if total <= 0 or _completed_lessons(db, enrollment.id) < total:
        return None
    learner = lookups.user(enrollment.user_id)
    certificate = _insert(db, enrollment, learner["username"], course["title"])
    if certificate is None:  # issued by a completion that committed while this one waited
        return None
    outbox.add(db, COURSE_COMPLETED, enrollment.id, lambda event_id: _completed_event(event_id, certificate))
    return CertificateSummary.to_wire(certificate)


def get_certificate(db: Session, code) -> dict:
    """The certificate of ``code`` (a person may type it with dashes, in
    lower case, with O for 0). NotFound CERTIFICATE_NOT_FOUND, also while
    its enrollment is revoked (the course refunded; kept for a re-purchase)."""
    normalized = normalize_code(code)
    certificate = (
        db.scalar(
            select(Certificate)
            .join(Enrollment, Enrollment.id == Certificate.enrollment_id)
            .where(Certificate.code == normalized, Enrollment.revoked_at.is_(None))
        )
        if normalized
        else None
    )
    if certificate is None:
        raise NotFound("Certificate not found", code="CERTIFICATE_NOT_FOUND")
    return CertificatePublic.to_wire(
        {
            "code": certificate.code,
            "learner_name": certificate.learner_name,
            "course_title": certificate.course_title,
            "completed_at": certificate.issued_at,
        }
    )


def _certificate_of(db: Session, enrollment_id: str) -> str | None:
    return db.scalar(select(Certificate.id).where(Certificate.enrollment_id == enrollment_id))


def _completed_lessons(db: Session, enrollment_id: str) -> int:
    return db.scalar(
        select(func.count())
        .select_from(LessonProgress)
        .where(LessonProgress.enrollment_id == enrollment_id, LessonProgress.completed.is_(True))
    )


def _insert(db: Session, enrollment: Enrollment, learner_name: str, course_title: str) -> Certificate | None:
    """The new certificate, or None when the enrollment has one already."""
    for attempt in range(CODE_ATTEMPTS):
        try:
            with db.begin_nested():  # a taken code undoes this insert only
                return db.execute(
                    insert(Certificate)
                    .values(
                        enrollment_id=enrollment.id,
                        user_id=enrollment.user_id,
                        course_id=enrollment.course_id,
                        code=new_code(),
                        learner_name=learner_name,
                        course_title=course_title,
                    )
                    .on_conflict_do_nothing(index_elements=["enrollment_id"])
                    .returning(Certificate)
                ).scalar()
        except IntegrityError:
            if attempt == CODE_ATTEMPTS - 1:
                raise


def _completed_event(event_id: str, certificate: Certificate) -> dict:
    return CourseCompleted(
        event_id=event_id,
        enrollment_id=certificate.enrollment_id,
        user_id=certificate.user_id,
        course_id=certificate.course_id,
        certificate_code=certificate.code,
        learner_name=certificate.learner_name,
        course_title=certificate.course_title,
        completed_at=iso_utc(certificate.issued_at),
    ).to_payload()
