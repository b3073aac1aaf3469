from fastapi import APIRouter, Response, status

from gateway import cookies
from gateway.deps import ClientAddress, CurrentUser, Rpc, Sessions, SessionToken, SettingsDep, Throttle
from gateway.models import (
    PasswordChange,
    PasswordResetConfirm,
    PasswordResetRequest,
    ProfileUpdate,
    UserEnvelope,
    UserLogin,
    UserRegister,
)
from gateway.openapi import errors

router = APIRouter(prefix="/api/auth", tags=["auth"])


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserEnvelope,
    responses=errors(409, 429, body=True),
)
async def register(
    body: UserRegister,
    response: Response,
    rpc: Rpc,
    settings: SettingsDep,
    token: SessionToken,
    throttle: Throttle,
    address: ClientAddress,
):
    """Create an account and log in. 400 invalid fields, 409 username or email
    taken, 429 too many registrations from this address."""
    await throttle.registration_attempt(address)
    session = await rpc.call(
        "auth", "register", body.username, body.email, body.password, previous_token=token
    )
    cookies.set_session_cookie(response, settings, session["token"])
    return {"user": session["user"]}


@router.post("/login", response_model=UserEnvelope, responses=errors(401, 429, body=True))
async def login(
    body: UserLogin,
    response: Response,
    rpc: Rpc,
    settings: SettingsDep,
    token: SessionToken,
    throttle: Throttle,
    address: ClientAddress,
):
    """Log in with email and password; a new session each time. 401 on bad
    credentials, 429 after too many attempts on the account or from the address."""
    await throttle.login_attempt(body.email, address)
    session = await rpc.call("auth", "login", body.email, body.password, previous_token=token)
    await throttle.login_succeeded(body.email)
    cookies.set_session_cookie(response, settings, session["token"])
    return {"user": session["user"]}


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, responses=errors())
async def logout(rpc: Rpc, settings: SettingsDep, token: SessionToken, sessions: Sessions):
    """End the session server-side and clear the cookie; harmless without one."""
    if token:
        sessions.drop(token)  # here at once; elsewhere on auth's session_ended
        await rpc.call("auth", "logout", token)
        sessions.drop(token)  # a request resolved it again meanwhile
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    cookies.clear_session_cookie(response, settings)
    return response


@router.get("/me", response_model=UserEnvelope, responses=errors(401))
async def me(user: CurrentUser):
    """The logged-in user. 401 without a session."""
    return {"user": user}


@router.put("/profile", response_model=UserEnvelope, responses=errors(401, 404, 409, 429, body=True))
async def update_profile(
    body: ProfileUpdate,
    user: CurrentUser,
    rpc: Rpc,
    token: SessionToken,
    throttle: Throttle,
    address: ClientAddress,
):
    """Change username and/or email. A new email needs `currentPassword` and
    ends every other session of the user. 400 invalid or wrong current
    password, 409 taken, 429 after too many password attempts on the account."""
    if body.current_password is not None:
        # A password check: counted as a login attempt on the account, never
        # starting its count over (the email may not change, and then no check runs).
        await throttle.login_attempt(user["email"], address)
    updated = await rpc.call(
        "auth",
        "update_profile",
        user["id"],
        username=body.username,
        email=body.email,
        current_password=body.current_password,
        token=token,
    )
    return {"user": updated}


@router.post(
    "/password-reset",
    status_code=status.HTTP_202_ACCEPTED,
    response_class=Response,
    responses={202: {"description": "Accepted: a mail is on its way if the address has an account"}, **errors(429, body=True)},
)
async def request_password_reset(body: PasswordResetRequest, rpc: Rpc, throttle: Throttle, address: ClientAddress):
    """Mail a single-use reset link (valid one hour) to the account of
    `email`. 202 whatever the address: nothing tells whether it has an
    account. 429 after too many requests from this address or for this email."""
    await throttle.password_reset_attempt(body.email, address)
    await rpc.call("auth", "request_password_reset", body.email)
    return Response(status_code=status.HTTP_202_ACCEPTED)


@router.post("/password-reset/confirm", status_code=status.HTTP_204_NO_CONTENT, responses=errors(body=True))
async def confirm_password_reset(body: PasswordResetConfirm, rpc: Rpc):
    """Choose a new password with the token of a reset link: the link stops
    working and every session of the account ends. 400 for a token used,
    expired or unknown (one message), or a password that breaks the rules."""
    await rpc.call("auth", "confirm_password_reset", body.token, body.password)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/password", status_code=status.HTTP_204_NO_CONTENT, responses=errors(401, 404, 429, body=True))
async def change_password(
    body: PasswordChange,
    user: CurrentUser,
    rpc: Rpc,
    settings: SettingsDep,
    throttle: Throttle,
    address: ClientAddress,
):
    """Change the logged-in user's password: every other session ends, and
    this one goes on under a new cookie. 400 a new password that breaks the
    rules, 401 without a session or with a wrong current password, 429 after
    too many password attempts on the account."""
    # A password check: counted as a login attempt on the account.
    await throttle.login_attempt(user["email"], address)
    session = await rpc.call("auth", "change_password", user["id"], body.current_password, body.new_password)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    cookies.set_session_cookie(response, settings, session["token"])
    return response
