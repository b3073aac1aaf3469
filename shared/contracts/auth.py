"""Users and sessions (owned by ``auth``)."""

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from shared.contracts.base import ApiModel, Timestamp, document_no_nul

USERNAME_MIN_CHARS, USERNAME_MAX_CHARS = 3, 32
USERNAME_PATTERN = rf"^[A-Za-z0-9_.-]{{{USERNAME_MIN_CHARS},{USERNAME_MAX_CHARS}}}$"
EMAIL_MAX_CHARS = 254
PASSWORD_MIN_CHARS = 8
# Long passphrases are welcome: auth pre-hashes before bcrypt (auth/passwords.py).
PASSWORD_MAX_CHARS = 256
# What the gateway lets through to auth, which gives the precise reason for
# anything between these and the rules above.
_USERNAME_LIMIT, _PASSWORD_LIMIT = 64, 1024


# Documented for clients; auth checks them and names the field that breaks one.
_USERNAME_DOC = {"pattern": USERNAME_PATTERN}
_EMAIL_DOC = {"format": "email"}


class UserRegister(ApiModel):
    username: str = Field(max_length=_USERNAME_LIMIT, json_schema_extra=_USERNAME_DOC)
    email: str = Field(max_length=EMAIL_MAX_CHARS, json_schema_extra=_EMAIL_DOC)
    password: str = Field(max_length=_PASSWORD_LIMIT)


class UserLogin(ApiModel):
    email: str = Field(max_length=EMAIL_MAX_CHARS)
    password: str = Field(max_length=_PASSWORD_LIMIT)


def _something_to_change(schema: dict, model) -> None:
    document_no_nul(schema, model)
    schema["anyOf"] = [{"required": ["username"]}, {"required": ["email"]}]


class ProfileUpdate(ApiModel):
    model_config = ConfigDict(json_schema_extra=lambda schema, model: _something_to_change(schema, model))

    username: str | None = Field(default=None, max_length=_USERNAME_LIMIT, json_schema_extra=_USERNAME_DOC)
    email: str | None = Field(default=None, max_length=EMAIL_MAX_CHARS, json_schema_extra=_EMAIL_DOC)
    # Needed to change the email (auth checks it then).
    current_password: str | None = Field(default=None, max_length=_PASSWORD_LIMIT)

    @model_validator(mode="after")
    def something_to_change(self):
        if self.username is None and self.email is None:
            raise ValueError("give a username or an email to change")
        return self


Role = Literal["learner", "instructor", "admin"]


class UserPublic(ApiModel):
    id: str
    username: str
    email: str
    # What the user may do beyond learning (shared/roles.py).
    role: Role
    created_at: Timestamp


class UserEnvelope(ApiModel):
    user: UserPublic


class SessionStarted(ApiModel):
    """What ``auth.register`` and ``auth.login`` answer: the user and the
    session token (which the gateway puts in a signed cookie)."""

    user: UserPublic
    token: str


class PasswordResetRequest(ApiModel):
    email: str = Field(max_length=EMAIL_MAX_CHARS)


# The token of a reset link (43 characters of base64url); the limit only
# bounds what reaches auth.
RESET_TOKEN_MAX_CHARS = 256


class PasswordResetConfirm(ApiModel):
    token: str = Field(max_length=RESET_TOKEN_MAX_CHARS)
    password: str = Field(max_length=_PASSWORD_LIMIT)


class PasswordChange(ApiModel):
    current_password: str = Field(max_length=_PASSWORD_LIMIT)
    new_password: str = Field(max_length=_PASSWORD_LIMIT)
