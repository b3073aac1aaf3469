"""Users: registration, credentials and profile rules."""

import functools
import re

import bcrypt
from email_validator import EmailNotValidError, validate_email
from eventlet import tpool
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auth.models import User
from shared.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from shared.contracts.auth import (
    EMAIL_MAX_CHARS,
    PASSWORD_MAX_BYTES,
    PASSWORD_MIN_CHARS,
    USERNAME_MAX_CHARS,
    USERNAME_MIN_CHARS,
    USERNAME_PATTERN,
    UserPublic,
)
from shared.formats import parse_uuid

USERNAME_RE = re.compile(USERNAME_PATTERN)


@functools.lru_cache
def _dummy_hash(rounds: int) -> bytes:
    """Checked against when the email is unknown, at the cost real hashes
    have, so that an unknown email takes as long as a wrong password and the
    two cannot be told apart."""
    return bcrypt.hashpw(b"not-a-real-password", bcrypt.gensalt(rounds))


def hash_password(password: str, rounds: int) -> str:
    # bcrypt holds the CPU for ~0.3 s at cost 12; in a thread of eventlet's
    # pool the service's other workers keep answering meanwhile.
    return tpool.execute(bcrypt.hashpw, password.encode(), bcrypt.gensalt(rounds)).decode()


def password_matches(password: str, password_hash: str | bytes) -> bool:
    encoded = password.encode()
    if len(encoded) > PASSWORD_MAX_BYTES:
        return False
    if isinstance(password_hash, str):
        password_hash = password_hash.encode()
    return tpool.execute(bcrypt.checkpw, encoded, password_hash)


def clean_username(username) -> str:
    if not isinstance(username, str) or not USERNAME_RE.match(username):
        raise InvalidInput(
            "Invalid username",
            details={
                "fields": {
                    "username": f"{USERNAME_MIN_CHARS}-{USERNAME_MAX_CHARS} characters: "
                    "letters, digits, '_', '.' or '-'"
                }
            },
        )
    return username


def clean_email(email) -> str:
    try:
        if not isinstance(email, str) or len(email) > EMAIL_MAX_CHARS:
            raise EmailNotValidError("not an email address")
        return validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise InvalidInput("Invalid email", details={"fields": {"email": "Not a valid email address"}}) from None


def check_password_rules(password) -> None:
    if not isinstance(password, str) or len(password) < PASSWORD_MIN_CHARS:
        message = f"At least {PASSWORD_MIN_CHARS} characters"
    elif len(password.encode()) > PASSWORD_MAX_BYTES:
        message = f"At most {PASSWORD_MAX_BYTES} bytes"
    else:
        return
    raise InvalidInput("Invalid password", details={"fields": {"password": message}})


def _ensure_free(db: Session, username: str | None, email: str | None, except_id: str | None = None) -> None:
    for column, value, field in ((User.username, username, "username"), (User.email, email, "email")):
        if value is None:
            continue
        query = select(User.id).where(func.lower(column) == value.lower())
        if except_id:
            query = query.where(User.id != except_id)
        if db.scalar(query):
            raise Conflict(f"That {field} is already taken", details={"fields": {field: "already taken"}})


def _flush_unique(db: Session) -> None:
    """Write now, turning a lost race on a unique column into a Conflict."""
    try:
        db.flush()
    except IntegrityError as exc:
        db.rollback()
        raise Conflict("That username or email is already taken") from exc


def create_user(db: Session, username, email, password, rounds: int) -> User:
    """Add a user; raises InvalidInput or Conflict."""
    username, email = clean_username(username), clean_email(email)
    check_password_rules(password)
    _ensure_free(db, username, email)
    user = User(username=username, email=email, password_hash=hash_password(password, rounds))
    db.add(user)
    _flush_unique(db)
    return user


def authenticate(db: Session, email, password, rounds: int) -> User:
    """The user with these credentials. Unknown email and wrong password raise
    the same Unauthenticated, after the same bcrypt work."""
    user = None
    if isinstance(email, str):
        user = db.scalar(select(User).where(User.email == email.strip().lower()))
    password = password if isinstance(password, str) else ""
    if user is None:
        password_matches(password, _dummy_hash(rounds))
    elif password_matches(password, user.password_hash):
        return user
    raise Unauthenticated("Invalid email or password", code="INVALID_CREDENTIALS")


def get_user(db: Session, user_id) -> dict:
    user = db.get(User, parse_uuid(user_id)) if parse_uuid(user_id) else None
    if user is None:
        raise NotFound("User not found", code="USER_NOT_FOUND")
    return UserPublic.to_wire(user)


def update_profile(db: Session, user_id: str, username=None, email=None) -> dict:
    user = db.get(User, parse_uuid(user_id)) if parse_uuid(user_id) else None
    if user is None:
        raise NotFound("User not found", code="USER_NOT_FOUND")
    username = clean_username(username) if username is not None else None
    email = clean_email(email) if email is not None else None
    _ensure_free(db, username, email, except_id=user.id)
    if username is not None:
        user.username = username
    if email is not None:
        user.email = email
    _flush_unique(db)
    return UserPublic.to_wire(user)
