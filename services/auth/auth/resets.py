"""Password resets and changes.

A reset token is 256 random bits (``secrets.token_urlsafe(32)``), mailed
once through the ``password_reset_requested`` event and stored here only as
its SHA-256: a leaked table resets nobody's password. It works once, within
``ttl``; using it sets the password, removes every reset token of the user
and ends every session of the user.

Asking for a reset answers the same whatever the address: unknown,
malformed or real, the same token is drawn and hashed, and nothing tells
the caller which it was (the gateway answers 202 either way).
"""

import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from auth import outbox, passwords, sessions
from auth.models import PasswordReset, User, UserSession
from shared.errors import InvalidInput, NotFound, Unauthenticated
from shared.events import PASSWORD_RESET_REQUESTED, PasswordResetRequested
from shared.formats import iso_utc, parse_uuid

INVALID_TOKEN = "This reset link is not valid: it was used already, has expired, or is not one of ours"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def request_reset(db: Session, email, ttl: timedelta) -> None:
    """Issue a reset token for the account of ``email``, if there is one,
    with its event in the outbox (the relay publishes it)."""
    token = secrets.token_urlsafe(32)
    token_hash = sessions.hash_token(token)
    user = None
    if isinstance(email, str):
        user = db.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        return
    expires_at = _now() + ttl
    db.add(PasswordReset(token_hash=token_hash, user_id=user.id, expires_at=expires_at))
    outbox.add(
        db,
        PASSWORD_RESET_REQUESTED,
        user.id,
        lambda event_id: PasswordResetRequested(
            event_id=event_id,
            user_id=user.id,
            username=user.username,
            email=user.email,
            token=token,
            expires_at=iso_utc(expires_at),
        ).to_payload(),
    )


def confirm_reset(db: Session, token, password, rounds: int) -> str:
    """Set the password of the token's user: the user id. InvalidInput
    RESET_TOKEN_INVALID (one message for a used, expired or unknown token),
    or InvalidInput for a password that breaks the rules (the token stays)."""
    reset = None
    if isinstance(token, str) and token:
        reset = db.scalar(
            select(PasswordReset).where(PasswordReset.token_hash == sessions.hash_token(token)).with_for_update()
        )
    if reset is None or reset.expires_at <= _now():
        raise InvalidInput(INVALID_TOKEN, code="RESET_TOKEN_INVALID", details={"fields": {"token": INVALID_TOKEN}})
    user = db.get(User, reset.user_id)
    passwords.check_rules(password, user.username, user.email)
    user.password_hash = passwords.make_hash(password, rounds)
    db.execute(delete(PasswordReset).where(PasswordReset.user_id == user.id))
    db.execute(delete(UserSession).where(UserSession.user_id == user.id))
    return user.id


def change_password(db: Session, user_id, current_password, new_password, rounds: int) -> User:
    """Set a new password for a user who knows the current one: the user.
    Unauthenticated CURRENT_PASSWORD_WRONG, InvalidInput (rules), NotFound.
    Ends nothing itself: the caller ends the sessions and starts a new one."""
    user = db.get(User, parse_uuid(user_id)) if parse_uuid(user_id) else None
    if user is None:
        raise NotFound("User not found", code="USER_NOT_FOUND")
    current = current_password if isinstance(current_password, str) else ""
    if not passwords.matches(current, user.password_hash):
        raise Unauthenticated("The current password is not right", code="CURRENT_PASSWORD_WRONG")
    try:
        passwords.check_rules(new_password, user.username, user.email)
    except InvalidInput as exc:  # the same reason, for the field of this form
        raise InvalidInput(exc.message, details={"fields": {"newPassword": exc.details["fields"]["password"]}}) from None
    user.password_hash = passwords.make_hash(new_password, rounds)
    # A reset link asked for earlier would undo the change.
    db.execute(delete(PasswordReset).where(PasswordReset.user_id == user.id))
    return user


def prune_expired(db: Session, now: datetime | None = None) -> int:
    """Delete the reset tokens past their expiry; how many."""
    return db.execute(delete(PasswordReset).where(PasswordReset.expires_at <= (now or _now()))).rowcount
