from datetime import timedelta

from nameko.events import EventDispatcher
from nameko.timer import timer

from auth import outbox, resets, sessions, users
from shared import roles
from shared.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from shared.events import SESSION_ENDED, SessionEnded
from shared.service import Service, rpc
from shared.settings import get_settings


PRUNE_INTERVAL_SECONDS = 600
RELAY_INTERVAL_SECONDS = 1.0
# As commerce's: a publish that cannot reach the broker gives up quickly; the
# relay tries again every second.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0.2, "interval_step": 0.2, "interval_max": 0.5}


def _policy() -> sessions.SessionPolicy:
    return sessions.SessionPolicy.from_settings(get_settings())


class AuthService(Service):
    """Users, their sessions and passwords; publishes ``user_registered`` and
    ``password_reset_requested``."""

    name = "auth"

    # Persistent, confirmed and ``mandatory``: an event no queue would take
    # stays in the outbox (notifications' queues are declared by deploy/bootstrap.py).
    dispatch = EventDispatcher(mandatory=True, use_confirms=True, retry_policy=PUBLISH_RETRY_POLICY)
    # session_ended tells every gateway instance to drop the sessions it
    # keeps resolved (gateway/session_cache.py). Not through the outbox: a
    # lost one costs at most SESSION_CACHE_SECONDS of a cached session.
    announce = EventDispatcher()

    def _sessions_ended(self, user_id=None, token=None):
        """Commit, then tell the gateways: one that resolves the session
        again on the event must find it ended."""
        self.db.commit()
        token_hash = sessions.hash_token(token) if isinstance(token, str) and token else None
        if user_id or token_hash:
            self.announce(SESSION_ENDED, SessionEnded.new(user_id=user_id, token_hash=token_hash).to_payload())

    @rpc(expected_exceptions=(InvalidInput, Conflict))
    def register(self, username, email, password, previous_token=None):
        """Create a user and log them in: ``{"user", "token"}``. InvalidInput,
        Conflict. The welcome mail follows through the outbox; registration
        never waits for it."""
        user = users.register_user(self.db, username, email, password, get_settings().bcrypt_rounds)
        started = sessions.start_session(self.db, user, _policy(), previous_token)
        self._sessions_ended(token=previous_token)
        return started

    # Events wait for the relay (at most a second): no caller waits on mail,
    # and a reset request does the same work whether its address is known.
    @timer(interval=RELAY_INTERVAL_SECONDS)
    def relay_outbox(self):
        """Publish the events still pending in the outbox (every second)."""
        outbox.try_publish(self.db, self.dispatch)

    @rpc
    def request_password_reset(self, email):
        """Mail a reset link to the account of ``email``, if there is one.
        Answers None either way."""
        resets.request_reset(self.db, email, timedelta(minutes=get_settings().password_reset_ttl_minutes))

    @rpc(expected_exceptions=(InvalidInput,))
    def confirm_password_reset(self, token, password):
        """Set a new password with a reset token; the token and every session
        of the user end. InvalidInput (token used, expired or unknown: one
        message; or a password that breaks the rules)."""
        user_id = resets.confirm_reset(self.db, token, password, get_settings().bcrypt_rounds)
        self._sessions_ended(user_id=user_id)

    @rpc(expected_exceptions=(Unauthenticated, InvalidInput, NotFound))
    def change_password(self, user_id, current_password, new_password, token=None):
        """Change the password of a user who knows the current one: every
        session of the user ends, and a new one starts in place of ``token``'s:
        ``{"user", "token"}``. Unauthenticated (wrong current password),
        InvalidInput, NotFound."""
        user = resets.change_password(self.db, user_id, current_password, new_password, get_settings().bcrypt_rounds)
        sessions.end_other_sessions(self.db, user.id)
        started = sessions.start_session(self.db, user, _policy())
        self._sessions_ended(user_id=user.id)
        return started

    @rpc(expected_exceptions=(Unauthenticated,))
    def login(self, email, password, previous_token=None):
        """A new session for these credentials: ``{"user", "token"}``. Unauthenticated."""
        user = users.authenticate(self.db, email, password, get_settings().bcrypt_rounds)
        started = sessions.start_session(self.db, user, _policy(), previous_token)
        self._sessions_ended(token=previous_token)
        return started

    @rpc
    def logout(self, token):
        """End the session of ``token``, if there is one."""
        sessions.end_session(self.db, token)
        self._sessions_ended(token=token)

    @rpc(expected_exceptions=(Unauthenticated,))
    def resolve_session(self, token):
        """The user whose live session ``token`` is. Unauthenticated."""
        user = sessions.resolve_session(self.db, token, _policy())
        if user is None:
            # The expired session is deleted (committed here) before the 401.
            self.db.commit()
            raise Unauthenticated("Session expired or invalid", code="SESSION_INVALID")
        return user

    @timer(interval=PRUNE_INTERVAL_SECONDS)
    def prune_sessions(self):
        """Delete expired sessions (a bounded batch) and expired reset tokens, every ten minutes."""
        sessions.prune_expired(self.db, _policy())
        resets.prune_expired(self.db)

    @rpc(expected_exceptions=(NotFound,))
    def get_user(self, user_id):
        """The public fields of a user. NotFound."""
        return users.get_user(self.db, user_id)

    @rpc(expected_exceptions=(InvalidInput, NotFound, Conflict))
    def update_profile(self, user_id, username=None, email=None, current_password=None, token=None):
        """Change username and/or email: the user. A new email needs the current
        password and ends every other session of the user (all but ``token``'s).
        InvalidInput, NotFound, Conflict."""
        before = users.get_user(self.db, user_id)
        updated = users.update_profile(
            self.db, user_id, username=username, email=email, current_password=current_password
        )
        if updated["email"] != before["email"]:
            sessions.end_other_sessions(self.db, user_id, token)
        self._sessions_ended(user_id=user_id)  # and the user they showed is no more
        return updated

    # -- staff (shared/roles.py: the actor's role is checked here) ----------

    @rpc(expected_exceptions=(Unauthenticated, Forbidden, InvalidInput, NotFound, Conflict))
    def set_role(self, actor, user_id, role):
        """Give a user a role: the user. Admins only."""
        roles.require(actor, roles.ADMIN)
        updated = users.set_role(self.db, user_id, role)
        self._sessions_ended(user_id=updated["id"])  # the gateways' cached user shows the old role
        return updated

    @rpc(expected_exceptions=(Unauthenticated, Forbidden, InvalidInput, NotFound))
    def find_user(self, actor, email):
        """The user with this email, and how many live sessions they have. Admins only."""
        roles.require(actor, roles.ADMIN)
        user = users.find_by_email(self.db, email)
        return {"user": user, "sessions": sessions.count_sessions(self.db, user["id"])}

    @rpc(expected_exceptions=(Unauthenticated, Forbidden, NotFound))
    def end_user_sessions(self, actor, user_id):
        """End every session of a user: how many ended. Admins only."""
        roles.require(actor, roles.ADMIN)
        users.get_user(self.db, user_id)  # NotFound
        ended = sessions.end_other_sessions(self.db, user_id)
        self._sessions_ended(user_id=user_id)
        return ended
