"""The spec's auth endpoints through the gateway, on the real suite."""

import pytest
from sqlalchemy import text

from tests.support.api_client import PASSWORD, ApiClient, unique


def test_register_answers_201_with_the_user_and_logs_in(api):
    name = unique()
    response = api.post(
        "/api/auth/register", json={"username": name, "email": f"{name}@Example.com", "password": PASSWORD}
    )
    assert response.status_code == 201
    user = response.json()["user"]
    assert set(user) == {"id", "username", "email", "role", "createdAt"}
    assert user["role"] == "learner"
    assert user["email"] == f"{name}@example.com"
    assert user["createdAt"].endswith("Z")
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie
    assert api.get("/api/auth/me").json()["user"] == user


def test_no_response_ever_contains_the_password_or_its_hash(api):
    name = unique()
    bodies = [
        api.post("/api/auth/register", json={"username": name, "email": f"{name}@x.io", "password": PASSWORD}).text,
        api.post("/api/auth/login", json={"email": f"{name}@x.io", "password": PASSWORD}).text,
        api.get("/api/auth/me").text,
        api.put("/api/auth/profile", json={"username": name + "x"}).text,
    ]
    for body in bodies:
        assert PASSWORD not in body and "$2b$" not in body and "password" not in body.lower()


def test_login_answers_200_and_rotates_the_session(api, live_url):
    user = api.register()
    old_cookie = api.cookies.get("session")
    response = api.post("/api/auth/login", json={"email": user["email"], "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["user"]["id"] == user["id"]
    assert api.cookies.get("session") != old_cookie
    with ApiClient(live_url, cookies={"session": old_cookie}) as replay:
        assert replay.get("/api/auth/me").status_code == 401


def test_wrong_password_and_unknown_email_get_the_same_401(api):
    user = api.register()
    wrong = api.post("/api/auth/login", json={"email": user["email"], "password": "wrong password"})
    unknown = api.post("/api/auth/login", json={"email": unique() + "@example.com", "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_a_long_non_ascii_passphrase_registers_and_logs_in_whole(api, api_factory):
    passphrase = "ночь-над-городом " * 4  # 68 characters, 128 bytes: past bcrypt's 72
    user = api.register(password=passphrase)
    other = api_factory()
    assert other.post("/api/auth/login", json={"email": user["email"], "password": passphrase}).status_code == 200
    # Its end counts too.
    cut = passphrase[:-2] + "!"
    assert other.post("/api/auth/login", json={"email": user["email"], "password": cut}).status_code == 401


def test_over_long_password_is_400_at_registration(api):
    name = unique()
    response = api.post(
        "/api/auth/register", json={"username": name, "email": f"{name}@x.io", "password": "é" * 257}
    )
    assert response.status_code == 400
    assert "password" in response.json()["details"]["fields"]


@pytest.mark.parametrize("password", ["password", "12345678", " " * 8, "{name}", "{NAME}@X.IO"])
def test_weak_passwords_are_400_with_the_reason(api, password):
    name = unique()
    password = password.format(name=name, NAME=name.upper())
    body = {"username": name, "email": f"{name}@x.io", "password": password}
    response = api.post("/api/auth/register", json=body)
    assert response.status_code == 400
    assert set(response.json()["details"]["fields"]) == {"password"}


def test_duplicate_username_or_email_is_409(api, api_factory):
    user = api.register()
    other = api_factory()
    taken_name = other.post(
        "/api/auth/register", json={"username": user["username"], "email": unique() + "@x.io", "password": PASSWORD}
    )
    taken_email = other.post(
        "/api/auth/register", json={"username": unique(), "email": user["email"].upper(), "password": PASSWORD}
    )
    assert taken_name.status_code == taken_email.status_code == 409
    assert taken_name.json()["code"] == "CONFLICT"


def test_invalid_registration_fields_are_400_with_the_fields(api):
    response = api.post("/api/auth/register", json={"username": "x", "email": "nope", "password": "short"})
    assert response.status_code == 400
    assert "username" in response.json()["details"]["fields"]
    missing = api.post("/api/auth/register", json={"username": unique()})
    assert missing.status_code == 400
    assert {"email", "password"} <= set(missing.json()["details"]["fields"])


def test_logout_ends_the_session_server_side(api, live_url):
    api.register()
    cookie = api.cookies.get("session")
    assert api.post("/api/auth/logout").status_code == 204
    assert api.get("/api/auth/me").status_code == 401
    with ApiClient(live_url, cookies={"session": cookie}) as replay:
        response = replay.get("/api/auth/me")
        assert response.status_code == 401
        assert response.json()["code"] in {"SESSION_INVALID", "UNAUTHENTICATED"}


def test_logout_without_a_session_is_harmless(api):
    assert api.post("/api/auth/logout").status_code == 204


def test_forged_cookie_is_401(api, live_url):
    with ApiClient(live_url, cookies={"session": "made-up.signature"}) as forged:
        assert forged.get("/api/auth/me").status_code == 401


def test_idle_session_expires(api, admin_engine):
    user = api.register()
    with admin_engine.connect() as conn:
        conn.execute(
            text("UPDATE auth.sessions SET last_seen_at = now() - interval '30 days' WHERE user_id = :id"),
            {"id": user["id"]},
        )
    assert api.get("/api/auth/me").status_code == 401


def test_profile_update_changes_username_and_email(api):
    api.register()
    name = unique()
    response = api.put(
        "/api/auth/profile", json={"username": name, "email": f"{name}@NEW.io", "currentPassword": PASSWORD}
    )
    assert response.status_code == 200
    assert response.json()["user"]["username"] == name
    assert api.get("/api/auth/me").json()["user"]["email"] == f"{name}@new.io"


def test_a_new_email_needs_the_current_password(api):
    user = api.register()
    name = unique()
    missing = api.put("/api/auth/profile", json={"email": f"{name}@new.io"})
    wrong = api.put("/api/auth/profile", json={"email": f"{name}@new.io", "currentPassword": "not it at all"})
    assert missing.status_code == wrong.status_code == 400
    for refused in (missing, wrong):
        assert set(refused.json()["details"]["fields"]) == {"currentPassword"}
    assert api.get("/api/auth/me").json()["user"]["email"] == user["email"]
    # A username alone, or the same email, needs none.
    same = api.put("/api/auth/profile", json={"username": name, "email": user["email"].upper()})
    assert same.status_code == 200


def test_a_new_email_ends_every_other_session_of_the_user(api, api_factory):
    user = api.register()
    other_device = api_factory()
    credentials = {"email": user["email"], "password": PASSWORD}
    assert other_device.post("/api/auth/login", json=credentials).status_code == 200
    name = unique()
    changed = api.put("/api/auth/profile", json={"email": f"{name}@new.io", "currentPassword": PASSWORD})
    assert changed.status_code == 200
    assert other_device.get("/api/auth/me").status_code == 401
    assert api.get("/api/auth/me").json()["user"]["email"] == f"{name}@new.io"


def test_profile_update_to_a_taken_name_is_409_and_changes_nothing(api, api_factory):
    first = api.register()
    second_client = api_factory()
    second = second_client.register()
    response = second_client.put("/api/auth/profile", json={"username": first["username"]})
    assert response.status_code == 409
    assert second_client.get("/api/auth/me").json()["user"]["username"] == second["username"]


def test_profile_needs_a_session_and_a_field(api):
    assert api.put("/api/auth/profile", json={"username": unique()}).status_code == 401
    api.register()
    assert api.put("/api/auth/profile", json={}).status_code == 400


def test_past_ten_sessions_a_login_ends_the_oldest(api, api_factory):
    user = api.register()
    devices = [api_factory() for _ in range(10)]
    credentials = {"email": user["email"], "password": PASSWORD}
    for device in devices:
        assert device.post("/api/auth/login", json=credentials).status_code == 200
    assert api.get("/api/auth/me").status_code == 401
    assert all(device.get("/api/auth/me").status_code == 200 for device in devices)
