"""Server-side sessions.

A token is 256 random bits, given to the client once and stored only as its
SHA-256. A session ends after ``idle`` without use, after ``absolute`` in any
case, at logout, when its holder logs in again (a new token every login),
when the user's email changes in another of their sessions, and when the
user opens more than ``max_per_user`` (the oldest ends).
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from auth.models import User, UserSession
from shared.contracts.auth import SessionStarted, UserPublic

# Writing last_seen_at on every request would turn reads into writes; a
# minute's precision is plenty for an idle timeout counted in hours.
TOUCH_INTERVAL = timedelta(minutes=1)
# Housekeeping deletes this many expired sessions per run at most, so that
# a backlog never holds a long transaction.
PRUNE_BATCH = 1000


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta
    absolute: timedelta
    max_per_user: int = 10

    @classmethod
    def from_settings(cls, settings) -> "SessionPolicy":
        return cls(
            idle=timedelta(minutes=settings.session_idle_minutes),
            absolute=timedelta(days=settings.session_absolute_days),
            max_per_user=settings.session_max_per_user,
        )


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(timezone.utc)


def start_session(db: Session, user: User, policy: SessionPolicy, previous_token=None) -> dict:
    """Open a session for ``user`` and end ``previous_token``'s, and the
    oldest of the user's past ``policy.max_per_user``: the user with the new token."""
    end_session(db, previous_token)
    token = secrets.token_urlsafe(32)
    now = _now()
    db.add(
        UserSession(
            token_hash=hash_token(token),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + policy.absolute,
        )
    )
    db.flush()
    _end_sessions_past(db, user.id, policy.max_per_user)
    return SessionStarted.to_wire({"user": user, "token": token})


def _end_sessions_past(db: Session, user_id: str, keep: int) -> None:
    # Newest first (created_at is the clock's, not the transaction's start), so
    # the oldest go: a session forgotten on a shared computer ends in time.
    past = (
        select(UserSession.id)
        .where(UserSession.user_id == user_id)
        .order_by(UserSession.created_at.desc(), UserSession.id)
        .offset(keep)
    )
    db.execute(delete(UserSession).where(UserSession.id.in_(past)))


def end_session(db: Session, token) -> None:
    if isinstance(token, str) and token:
        db.execute(delete(UserSession).where(UserSession.token_hash == hash_token(token)))


def end_other_sessions(db: Session, user_id: str, token=None) -> int:
    """End every session of ``user_id`` but ``token``'s; return how many."""
    others = delete(UserSession).where(UserSession.user_id == user_id)
    if isinstance(token, str) and token:
        others = others.where(UserSession.token_hash != hash_token(token))
    return db.execute(others).rowcount


def count_sessions(db: Session, user_id: str) -> int:
    return db.scalar(select(func.count()).select_from(UserSession).where(UserSession.user_id == user_id))


def prune_expired(db: Session, policy: SessionPolicy, limit: int = PRUNE_BATCH, now: datetime | None = None) -> int:
    """Delete up to ``limit`` sessions past their idle or absolute expiry
    (those never presented again would stay forever); return how many."""
    now = now or _now()
    expired = (
        select(UserSession.id)
        .where((UserSession.expires_at <= now) | (UserSession.last_seen_at <= now - policy.idle))
        .limit(limit)
    )
    return db.execute(delete(UserSession).where(UserSession.id.in_(expired))).rowcount


def resolve_session(db: Session, token, policy: SessionPolicy) -> dict | None:
    """The user a live session token belongs to; None for any other token
    (an expired session is deleted on the way)."""
    if not isinstance(token, str) or not token:
        return None
    row = db.execute(
        select(UserSession, User)
        .join(User, User.id == UserSession.user_id)
        .where(UserSession.token_hash == hash_token(token))
    ).first()
    if row is None:
        return None
    session, user = row
    now = _now()
    if now >= session.expires_at or now >= session.last_seen_at + policy.idle:
        db.delete(session)
        return None
    if now - session.last_seen_at >= TOUCH_INTERVAL:
        session.last_seen_at = now
    return UserPublic.to_wire(user)
