"""Password resets and changes on the real database, as the `auth` role:
tokens stored as hashes, single use, expiring; the registration and reset
events in the outbox, and no token left there once published."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from auth import outbox, resets, sessions, users
from auth.models import OutboxEvent, PasswordReset, UserSession
from shared.errors import InvalidInput, Unauthenticated
from shared.events import PASSWORD_RESET_REQUESTED, USER_REGISTERED, PasswordResetRequested
from tests.support.api_client import unique

POLICY = sessions.SessionPolicy(idle=timedelta(hours=1), absolute=timedelta(days=1))
PASSWORD, NEW = "film-school-42", "a brand new passphrase"
HOUR = timedelta(hours=1)


def register(db):
    name = unique()
    return users.register_user(db, name, f"{name}@example.com", PASSWORD, rounds=4)


def events_of(db, user_id, event_type):
    return db.scalars(
        select(OutboxEvent).where(OutboxEvent.aggregate_id == user_id, OutboxEvent.event_type == event_type)
    ).all()


def issued_token(db, user) -> str:
    resets.request_reset(db, user.email.upper(), HOUR)
    (event,) = events_of(db, user.id, PASSWORD_RESET_REQUESTED)
    return PasswordResetRequested.read(event.payload).token


def test_registering_writes_user_registered_in_the_same_transaction(db):
    user = register(db)
    (event,) = events_of(db, user.id, USER_REGISTERED)
    assert event.payload == {"eventId": event.id, "userId": user.id, "username": user.username, "email": user.email}


def test_a_reset_token_is_stored_as_its_hash_only(db):
    user = register(db)
    token = issued_token(db, user)
    assert len(token) >= 43  # 256 bits in base64url
    (reset,) = db.scalars(select(PasswordReset).where(PasswordReset.user_id == user.id)).all()
    assert reset.token_hash == sessions.hash_token(token) and token not in reset.token_hash


def test_an_unknown_address_issues_nothing(db):
    before = db.scalars(select(PasswordReset)).all()
    resets.request_reset(db, f"{unique()}@example.com", HOUR)
    resets.request_reset(db, None, HOUR)
    assert db.scalars(select(PasswordReset)).all() == before


def test_a_token_works_once_and_ends_every_session(db):
    user = register(db)
    sessions.start_session(db, user, POLICY)
    token = issued_token(db, user)
    with pytest.raises(InvalidInput) as weak:
        resets.confirm_reset(db, token, "short", rounds=4)
    assert weak.value.code == "VALIDATION_ERROR"
    assert resets.confirm_reset(db, token, NEW, rounds=4) == user.id
    assert not db.scalars(select(UserSession).where(UserSession.user_id == user.id)).all()
    assert users.authenticate(db, user.email, NEW, rounds=4).id == user.id
    with pytest.raises(InvalidInput) as reused:
        resets.confirm_reset(db, token, NEW + "!", rounds=4)
    with pytest.raises(InvalidInput) as unknown:
        resets.confirm_reset(db, "not-a-token", NEW, rounds=4)
    assert reused.value.to_dict() == unknown.value.to_dict()
    assert reused.value.code == "RESET_TOKEN_INVALID"


def test_an_expired_token_is_refused_like_an_unknown_one(db):
    user = register(db)
    resets.request_reset(db, user.email, timedelta(seconds=-1))
    (event,) = events_of(db, user.id, PASSWORD_RESET_REQUESTED)
    with pytest.raises(InvalidInput) as expired:
        resets.confirm_reset(db, event.payload["token"], NEW, rounds=4)
    assert expired.value.code == "RESET_TOKEN_INVALID"
    assert resets.prune_expired(db) >= 1


def test_a_published_reset_event_keeps_no_token(db):
    user = register(db)
    issued_token(db, user)
    published = []
    outbox.publish_pending(db, lambda event_type, payload: published.append(payload), aggregate_id=user.id)
    assert any("token" in p for p in published)
    db.expire_all()
    (event,) = events_of(db, user.id, PASSWORD_RESET_REQUESTED)
    assert event.published_at is not None and "token" not in event.payload


def test_a_change_needs_the_current_password(db):
    user = register(db)
    with pytest.raises(Unauthenticated) as wrong:
        resets.change_password(db, user.id, "not it", NEW, rounds=4)
    assert wrong.value.code == "CURRENT_PASSWORD_WRONG"
    with pytest.raises(InvalidInput) as weak:
        resets.change_password(db, user.id, PASSWORD, "short", rounds=4)
    assert "newPassword" in weak.value.details["fields"]
    issued_token(db, user)
    resets.change_password(db, user.id, PASSWORD, NEW, rounds=4)
    assert users.authenticate(db, user.email, NEW, rounds=4).id == user.id
    assert not db.scalars(select(PasswordReset).where(PasswordReset.user_id == user.id)).all()
