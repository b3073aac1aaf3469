from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Index, Integer, String, Text, UniqueConstraint, Uuid, func, text
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import FailedEventTable, make_base

Base = make_base("notifications")


class Mail(Base):
    """One email, written when its event is handled and sent by the mail
    timer (notifications/mails.py). The unique (event id, template) is what
    makes each mail at most once: a redelivered event finds its row."""

    __tablename__ = "mails"
    __table_args__ = (
        UniqueConstraint("event_id", "template", name="uq_mails_event_id_template"),
        CheckConstraint("status IN ('pending', 'sending', 'sent', 'parked')", name="status_known"),
        Index("ix_mails_due", "next_attempt_at", postgresql_where=text("status = 'pending'")),
    )

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()"))
    event_id: Mapped[str] = mapped_column(String(64))
    template: Mapped[str] = mapped_column(String(32))
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(Text)
    # Null once sent: the message is the recipient's then, and a reset link
    # is not kept here after it left.
    body_text: Mapped[str | None] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), server_default="pending")
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # When the current attempt began (status sending), and when it succeeded.
    attempt_started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class FailedEvent(FailedEventTable, Base):
    """Events whose handling failed (shared/service/failures.py): a receipt
    whose order or buyer could not be read yet, retried with backoff."""
