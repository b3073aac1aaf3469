"""Users and sessions (owned by ``auth``)."""

from pydantic import Field, model_validator

from shared.contracts.base import ApiModel, Timestamp

USERNAME_MIN_CHARS, USERNAME_MAX_CHARS = 3, 32
USERNAME_PATTERN = rf"^[A-Za-z0-9_.-]{{{USERNAME_MIN_CHARS},{USERNAME_MAX_CHARS}}}$"
EMAIL_MAX_CHARS = 254
PASSWORD_MIN_CHARS = 8
# Long passphrases are welcome: auth pre-hashes before bcrypt (auth/passwords.py).
PASSWORD_MAX_CHARS = 256
# What the gateway lets through to auth, which gives the precise reason for
# anything between these and the rules above.
_USERNAME_LIMIT, _PASSWORD_LIMIT = 64, 1024


class UserRegister(ApiModel):
    username: str = Field(max_length=_USERNAME_LIMIT)
    email: str = Field(max_length=EMAIL_MAX_CHARS)
    password: str = Field(max_length=_PASSWORD_LIMIT)


class UserLogin(ApiModel):
    email: str = Field(max_length=EMAIL_MAX_CHARS)
    password: str = Field(max_length=_PASSWORD_LIMIT)


class ProfileUpdate(ApiModel):
    username: str | None = Field(default=None, max_length=_USERNAME_LIMIT)
    email: str | None = Field(default=None, max_length=EMAIL_MAX_CHARS)
    # Needed to change the email (auth checks it then).
    current_password: str | None = Field(default=None, max_length=_PASSWORD_LIMIT)

    @model_validator(mode="after")
    def something_to_change(self):
        if self.username is None and self.email is None:
            raise ValueError("give a username or an email to change")
        return self


class UserPublic(ApiModel):
    id: str
    username: str
    email: str
    created_at: Timestamp


class UserEnvelope(ApiModel):
    user: UserPublic


class SessionStarted(ApiModel):
    """What ``auth.register`` and ``auth.login`` answer: the user and the
    session token (which the gateway puts in a signed cookie)."""

    user: UserPublic
    token: str
