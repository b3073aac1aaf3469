from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import FailedEventTable, OutboxTable, make_base

Base = make_base("learning")


class Enrollment(Base):
    __tablename__ = "enrollments"
    __table_args__ = (
        # One enrollment per user and course, however many events or requests race.
        UniqueConstraint("user_id", "course_id", name="uq_enrollments_user_id_course_id"),
    )

    id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()")
    )
    user_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    course_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    enrolled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Set when the course was refunded: the enrollment (and the progress
    # beside it) is kept for a re-purchase, which clears it.
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LessonProgress(Base):
    __tablename__ = "lesson_progress"
    __table_args__ = (
        UniqueConstraint("enrollment_id", "lesson_id", name="uq_lesson_progress_enrollment_id_lesson_id"),
    )

    id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()")
    )
    enrollment_id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("learning.enrollments.id", ondelete="CASCADE")
    )
    lesson_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    completed: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LessonPosition(Base):
    """Where the learner left a lesson's video, per enrollment: the player
    resumes there, and "Continue learning" opens the last one."""

    __tablename__ = "lesson_positions"
    __table_args__ = (
        UniqueConstraint("enrollment_id", "lesson_id", name="uq_lesson_positions_enrollment_id_lesson_id"),
        CheckConstraint("seconds >= 0", name="seconds_not_negative"),
        Index("ix_lesson_positions_enrollment_id_updated_at", "enrollment_id", "updated_at"),
    )

    id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()")
    )
    enrollment_id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("learning.enrollments.id", ondelete="CASCADE")
    )
    lesson_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    seconds: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ProcessedEvent(Base):
    """Events already applied: written in the same transaction as their
    effects, so a redelivered event is recognised and skipped."""

    __tablename__ = "processed_events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class FailedEvent(FailedEventTable, Base):
    """Events whose handling failed (shared/service/failures.py)."""


class Certificate(Base):
    """Issued once per enrollment, when it first reaches 100 %, and kept if a
    lesson is marked incomplete later. The learner's name and the course's
    title are copied when it is issued: a certificate says what was true
    then, whatever the profile or the catalog say later. ``code`` is public:
    whoever holds it may verify the certificate."""

    __tablename__ = "certificates"
    __table_args__ = (
        UniqueConstraint("enrollment_id", name="uq_certificates_enrollment_id"),
        UniqueConstraint("code", name="uq_certificates_code"),
    )

    id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()")
    )
    enrollment_id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("learning.enrollments.id", ondelete="CASCADE")
    )
    user_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    course_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    code: Mapped[str] = mapped_column(String(16))
    learner_name: Mapped[str] = mapped_column(Text)
    course_title: Mapped[str] = mapped_column(Text)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class OutboxEvent(OutboxTable, Base):
    """The outbox of ``course_completed`` with its certificate (learning/outbox.py)."""
