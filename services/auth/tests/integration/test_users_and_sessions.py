"""Users and sessions on the real database, as the `auth` role."""

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import ProgrammingError

from auth import passwords, sessions, users
from auth.models import UserSession
from shared.errors import Conflict, InvalidInput, Unauthenticated
from tests.support.api_client import unique

POLICY = sessions.SessionPolicy(idle=timedelta(hours=1), absolute=timedelta(days=1))


PASSWORD = "film-school-42"


def make_user(db, password=PASSWORD):
    name = unique()
    return users.create_user(db, name, f"{name}@Example.com", password, rounds=4)


def test_register_stores_a_bcrypt_hash_and_a_lower_cased_email(db):
    user = make_user(db)
    assert user.email == user.email.lower()
    assert user.password_hash.startswith("hmac-sha256$$2b$04$")
    assert PASSWORD not in user.password_hash


def test_duplicate_username_or_email_is_a_conflict(db):
    user = make_user(db)
    with pytest.raises(Conflict):
        users.create_user(db, user.username.upper(), "other@example.com", PASSWORD, rounds=4)
    with pytest.raises(Conflict):
        users.create_user(db, unique(), user.email.upper(), PASSWORD, rounds=4)


def test_usernames_that_differ_only_in_case_are_one_in_the_database(db, monkeypatch):
    user = make_user(db)
    # As if both registrations passed the check before either was written.
    monkeypatch.setattr(users, "_ensure_free", lambda *args, **kwargs: None)
    with pytest.raises(Conflict):
        users.create_user(db, user.username.upper(), f"{unique()}@example.com", PASSWORD, rounds=4)


def test_an_unknown_email_costs_the_bcrypt_work_of_a_real_hash(db, monkeypatch):
    checked = []
    monkeypatch.setattr(passwords, "matches", lambda password, hashed: checked.append(hashed) or False)
    with pytest.raises(Unauthenticated):
        users.authenticate(db, "nobody@example.com", PASSWORD, rounds=12)
    assert checked[0].startswith("hmac-sha256$$2b$12$")


def test_unknown_email_and_wrong_password_fail_alike(db):
    user = make_user(db)
    with pytest.raises(Unauthenticated) as wrong_password:
        users.authenticate(db, user.email, "wrong-password", rounds=4)
    with pytest.raises(Unauthenticated) as unknown_email:
        users.authenticate(db, "nobody@example.com", PASSWORD, rounds=4)
    assert wrong_password.value.to_dict() == unknown_email.value.to_dict()


def test_over_long_password_at_login_is_a_failed_login(db):
    user = make_user(db)
    with pytest.raises(Unauthenticated):
        users.authenticate(db, user.email, "p" * 100, rounds=4)


def test_a_first_scheme_hash_still_logs_in_and_is_upgraded(db):
    import bcrypt

    user = make_user(db)
    user.password_hash = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode()
    db.flush()
    assert users.authenticate(db, user.email, PASSWORD, rounds=4) is user
    db.flush()
    assert user.password_hash.startswith("hmac-sha256$$2b$04$")
    assert users.authenticate(db, user.email, PASSWORD, rounds=4) is user


def test_a_failed_login_leaves_a_first_scheme_hash_as_it_was(db):
    import bcrypt

    user = make_user(db)
    legacy = user.password_hash = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode()
    with pytest.raises(Unauthenticated):
        users.authenticate(db, user.email, "wrong-password", rounds=4)
    assert user.password_hash == legacy


def test_a_hash_at_an_older_cost_is_rehashed_at_login(db):
    user = make_user(db)
    assert users.authenticate(db, user.email, PASSWORD, rounds=5) is user
    assert user.password_hash.startswith("hmac-sha256$$2b$05$")


def test_a_password_like_the_username_is_refused_at_registration(db):
    name = unique()
    with pytest.raises(InvalidInput) as raised:
        users.create_user(db, name, f"{name}@example.com", name.upper(), rounds=4)
    assert "password" in raised.value.details["fields"]


def test_only_the_token_hash_is_stored(db):
    started = sessions.start_session(db, make_user(db), POLICY)
    stored = db.scalars(select(UserSession.token_hash)).all()
    assert started["token"] not in stored
    assert sessions.hash_token(started["token"]) in stored
    assert len(started["token"]) >= 43  # 256 bits, url-safe base64


def test_login_ends_the_previous_session(db):
    user = make_user(db)
    first = sessions.start_session(db, user, POLICY)
    second = sessions.start_session(db, user, POLICY, previous_token=first["token"])
    assert second["token"] != first["token"]
    assert sessions.resolve_session(db, second["token"], POLICY)["id"] == user.id
    assert sessions.resolve_session(db, first["token"], POLICY) is None


def _session_row(db, token):
    return db.scalar(select(UserSession).where(UserSession.token_hash == sessions.hash_token(token)))


def _age_session(db, token, **fields):
    row = _session_row(db, token)
    for name, value in fields.items():
        setattr(row, name, value)
    db.flush()


def test_idle_session_expires(db):
    token = sessions.start_session(db, make_user(db), POLICY)["token"]
    _age_session(db, token, last_seen_at=datetime.now(timezone.utc) - timedelta(hours=2))
    assert sessions.resolve_session(db, token, POLICY) is None
    assert _session_row(db, token) is None, "the expired session is deleted"


def test_session_expires_at_its_absolute_limit_even_when_used(db):
    token = sessions.start_session(db, make_user(db), POLICY)["token"]
    _age_session(db, token, expires_at=datetime.now(timezone.utc) - timedelta(seconds=1))
    assert sessions.resolve_session(db, token, POLICY) is None


def test_use_keeps_a_session_alive(db):
    token = sessions.start_session(db, make_user(db), POLICY)["token"]
    _age_session(db, token, last_seen_at=datetime.now(timezone.utc) - timedelta(minutes=50))
    sessions.resolve_session(db, token, POLICY)
    row = db.scalar(select(UserSession).where(UserSession.token_hash == sessions.hash_token(token)))
    assert datetime.now(timezone.utc) - row.last_seen_at < timedelta(minutes=1)


def test_profile_change_to_a_taken_username_is_a_conflict(db):
    first, second = make_user(db), make_user(db)
    with pytest.raises(Conflict):
        users.update_profile(db, second.id, username=first.username)
    assert users.update_profile(db, second.id, username=second.username)["username"] == second.username


@pytest.mark.parametrize("other_schema", ["catalog.courses", "learning.enrollments", "commerce.orders"])
def test_auth_role_cannot_read_other_schemas(db, other_schema):
    with pytest.raises(ProgrammingError) as raised:
        db.execute(text(f"SELECT 1 FROM {other_schema} LIMIT 1"))
    assert raised.value.orig.pgcode == "42501"  # insufficient_privilege


def test_expired_sessions_are_pruned_in_bounded_batches(db):
    live = sessions.start_session(db, make_user(db), POLICY)["token"]
    stale = [sessions.start_session(db, make_user(db), POLICY)["token"] for _ in range(3)]
    for token in stale:
        _age_session(db, token, last_seen_at=datetime.now(timezone.utc) - timedelta(hours=2))

    assert sessions.prune_expired(db, POLICY, limit=2) == 2
    while sessions.prune_expired(db, POLICY):  # the database may hold older ones too
        pass
    assert all(_session_row(db, token) is None for token in stale)
    assert _session_row(db, live) is not None


def test_a_new_email_needs_the_current_password(db):
    user = make_user(db)
    for wrong in (None, "", "not the password"):
        with pytest.raises(InvalidInput) as raised:
            users.update_profile(db, user.id, email=f"{unique()}@example.com", current_password=wrong)
        assert set(raised.value.details["fields"]) == {"currentPassword"}
    email = f"{unique()}@example.com"
    assert users.update_profile(db, user.id, email=email, current_password=PASSWORD)["email"] == email


def test_a_username_or_the_same_email_needs_no_password(db):
    user = make_user(db)
    name = unique()
    updated = users.update_profile(db, user.id, username=name, email=user.email.upper())
    assert (updated["username"], updated["email"]) == (name, user.email)


def test_ending_the_other_sessions_keeps_the_given_one(db):
    user, someone_else = make_user(db), make_user(db)
    kept, *others = (sessions.start_session(db, user, POLICY)["token"] for _ in range(3))
    theirs = sessions.start_session(db, someone_else, POLICY)["token"]
    assert sessions.end_other_sessions(db, user.id, kept) == 2
    assert sessions.resolve_session(db, kept, POLICY)["id"] == user.id
    assert [sessions.resolve_session(db, token, POLICY) for token in others] == [None, None]
    assert sessions.resolve_session(db, theirs, POLICY)["id"] == someone_else.id


def test_past_the_cap_a_new_session_ends_the_oldest(db):
    user, someone_else = make_user(db), make_user(db)
    capped = sessions.SessionPolicy(idle=POLICY.idle, absolute=POLICY.absolute, max_per_user=3)
    theirs = sessions.start_session(db, someone_else, capped)["token"]
    tokens = [sessions.start_session(db, user, capped)["token"] for _ in range(5)]
    live = [token for token in tokens if sessions.resolve_session(db, token, capped)]
    assert live == tokens[2:]
    assert sessions.resolve_session(db, theirs, capped)["id"] == someone_else.id
