"""Users: registration, credentials and profile rules."""

import functools
import re

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auth import outbox, passwords
from auth.models import User
from shared.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from shared.contracts.auth import (
    EMAIL_MAX_CHARS,
    USERNAME_MAX_CHARS,
    USERNAME_MIN_CHARS,
    USERNAME_PATTERN,
    UserPublic,
)
from shared.events import USER_REGISTERED, UserRegistered
from shared.formats import parse_uuid
from shared.roles import ADMIN, ROLES

USERNAME_RE = re.compile(USERNAME_PATTERN)


@functools.lru_cache
def _dummy_hash(rounds: int) -> str:
    """Checked against when the email is unknown, in the scheme and at the
    cost real hashes have, so that an unknown email takes as long as a wrong
    password and the two cannot be told apart."""
    return passwords.make_hash("not-a-real-password", rounds)


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
    passwords.check_rules(password, username, email)
    _ensure_free(db, username, email)
    user = User(username=username, email=email, password_hash=passwords.make_hash(password, rounds))
    db.add(user)
    _flush_unique(db)
    return user


def register_user(db: Session, username, email, password, rounds: int) -> User:
    """``create_user``, with its ``user_registered`` event in the outbox, in
    the same transaction."""
    user = create_user(db, username, email, password, rounds)
    outbox.add(
        db,
        USER_REGISTERED,
        user.id,
        lambda event_id: UserRegistered(
            event_id=event_id, user_id=user.id, username=user.username, email=user.email
        ).to_payload(),
    )
    return user


def authenticate(db: Session, email, password, rounds: int) -> User:
    """The user with these credentials. Unknown email and wrong password raise
    the same Unauthenticated, after the same bcrypt work. A hash in an older
    scheme or at another cost is replaced by one at ``rounds``."""
    user = None
    if isinstance(email, str):
        user = db.scalar(select(User).where(User.email == email.strip().lower()))
    password = password if isinstance(password, str) else ""
    if user is None:
        passwords.matches(password, _dummy_hash(rounds))
    elif passwords.matches(password, user.password_hash):
        if passwords.needs_rehash(user.password_hash, rounds):
            user.password_hash = passwords.make_hash(password, rounds)
        return user
    raise Unauthenticated("Invalid email or password", code="INVALID_CREDENTIALS")


def get_user(db: Session, user_id) -> dict:
    user = db.get(User, parse_uuid(user_id)) if parse_uuid(user_id) else None
    if user is None:
        raise NotFound("User not found", code="USER_NOT_FOUND")
    return UserPublic.to_wire(user)


def _check_current_password(user: User, current_password) -> None:
    # Whoever holds a session must not take the account over by moving its
    # email (and with it the password reset) without knowing the password.
    if not isinstance(current_password, str) or not current_password:
        raise InvalidInput(
            "Your current password is needed to change the email",
            code="CURRENT_PASSWORD_REQUIRED",
            details={"fields": {"currentPassword": "Needed to change the email"}},
        )
    if not passwords.matches(current_password, user.password_hash):
        raise InvalidInput(
            "The current password is not right",
            code="CURRENT_PASSWORD_WRONG",
            details={"fields": {"currentPassword": "Not your current password"}},
        )


def update_profile(db: Session, user_id: str, username=None, email=None, current_password=None) -> dict:
    """Change username and/or email; a new email needs ``current_password``.
    Raises InvalidInput, NotFound or Conflict."""
    user = db.get(User, parse_uuid(user_id)) if parse_uuid(user_id) else None
    if user is None:
        raise NotFound("User not found", code="USER_NOT_FOUND")
    username = clean_username(username) if username is not None else None
    email = clean_email(email) if email is not None else None
    if email is not None and email != user.email:
        _check_current_password(user, current_password)
    _ensure_free(db, username, email, except_id=user.id)
    if username is not None:
        user.username = username
    if email is not None:
        user.email = email
    _flush_unique(db)
    return UserPublic.to_wire(user)


def find_by_email(db: Session, email) -> dict:
    """The user with this email (as registered: case does not matter). NotFound."""
    user = db.scalar(select(User).where(User.email == clean_email(email)))
    if user is None:
        raise NotFound("No user has this email", code="USER_NOT_FOUND")
    return UserPublic.to_wire(user)


def set_role(db: Session, user_id, role) -> dict:
    """Give the user ``role``: the user. InvalidInput for an unknown role,
    NotFound. The last admin keeps the role: someone must be able to give it."""
    if role not in ROLES:
        raise InvalidInput("Unknown role", details={"fields": {"role": f"One of {', '.join(ROLES)}"}})
    user = db.get(User, parse_uuid(user_id)) if parse_uuid(user_id) else None
    if user is None:
        raise NotFound("User not found", code="USER_NOT_FOUND")
    if user.role == ADMIN and role != ADMIN:
        # Locked, so that two admins demoting each other at once cannot both pass.
        admins = db.scalars(select(User.id).where(User.role == ADMIN).with_for_update()).all()
        if len(admins) <= 1:
            raise Conflict("The last admin cannot give up the role", code="LAST_ADMIN")
    user.role = role
    db.flush()
    return UserPublic.to_wire(user)
