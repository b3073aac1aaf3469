from nameko.events import EventDispatcher
from nameko.timer import timer

from auth import sessions, users
from shared.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from shared.events import SESSION_ENDED, SessionEnded
from shared.service import Service, rpc
from shared.settings import get_settings


PRUNE_INTERVAL_SECONDS = 600


def _policy() -> sessions.SessionPolicy:
    return sessions.SessionPolicy.from_settings(get_settings())


class AuthService(Service):
    """Users and their sessions."""

    name = "auth"

    # session_ended tells every gateway instance to drop the sessions it
    # keeps resolved (gateway/session_cache.py).
    dispatch = EventDispatcher()

    def _sessions_ended(self, user_id=None, token=None):
        """Commit, then tell the gateways: one that resolves the session
        again on the event must find it ended."""
        self.db.commit()
        token_hash = sessions.hash_token(token) if isinstance(token, str) and token else None
        if user_id or token_hash:
            self.dispatch(SESSION_ENDED, SessionEnded.new(user_id=user_id, token_hash=token_hash).to_payload())

    @rpc(expected_exceptions=(InvalidInput, Conflict))
    def register(self, username, email, password, previous_token=None):
        """Create a user and log them in: ``{"user", "token"}``. InvalidInput, Conflict."""
        user = users.create_user(self.db, username, email, password, get_settings().bcrypt_rounds)
        started = sessions.start_session(self.db, user, _policy(), previous_token)
        self._sessions_ended(token=previous_token)
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
        """Delete expired sessions, a bounded batch every ten minutes."""
        sessions.prune_expired(self.db, _policy())

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
