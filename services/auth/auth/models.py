from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, Uuid, func, text
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import OutboxTable, make_base

Base = make_base("auth")


class User(Base):
    __tablename__ = "users"
    # "Ann" and "ann" are one username: the database holds that under races too.
    __table_args__ = (
        Index("uq_users_lower_username", func.lower(text("username")), unique=True),
        CheckConstraint("role IN ('learner', 'instructor', 'admin')", name="role_known"),
    )

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()"))
    username: Mapped[str] = mapped_column(String(32), unique=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    # auth/passwords.py: "hmac-sha256$" and a bcrypt hash (72), or a bcrypt hash alone.
    password_hash: Mapped[str] = mapped_column(String(128))
    # shared/roles.py: learner (everyone at registration), instructor, admin.
    role: Mapped[str] = mapped_column(String(16), server_default="learner")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class UserSession(Base):
    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()"))
    # SHA-256 of the token: a leaked table gives no usable session.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("auth.users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PasswordReset(Base):
    """A password reset token, by its SHA-256 only (auth/resets.py): valid
    until ``expires_at``, and gone once used."""

    __tablename__ = "password_resets"

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("auth.users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OutboxEvent(OutboxTable, Base):
    """The outbox of ``user_registered`` and ``password_reset_requested``
    (auth/outbox.py); a reset's token leaves the row once it is published."""
