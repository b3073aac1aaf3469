import pytest

from auth import users
from shared.errors import InvalidInput
from shared.settings import Settings


def test_production_cost_is_12():
    assert Settings.model_fields["bcrypt_rounds"].default == 12


@pytest.mark.parametrize("password", ["short", "", "x" * 7, "é" * 37, "a" * 73, None, 12345678])
def test_rejects_passwords_outside_8_chars_to_72_bytes(password):
    with pytest.raises(InvalidInput) as raised:
        users.check_password_rules(password)
    assert "password" in raised.value.details["fields"]


@pytest.mark.parametrize("password", ["x" * 8, "a" * 72, "é" * 36])
def test_accepts_passwords_from_8_chars_to_72_bytes(password):
    users.check_password_rules(password)


def test_over_long_password_never_matches_without_hashing():
    stored = users.hash_password("a" * 72, rounds=4)
    assert users.password_matches("a" * 72, stored)
    # bcrypt would ignore byte 73 on; we refuse instead of matching a prefix.
    assert not users.password_matches("a" * 73, stored)


def test_hash_uses_the_given_cost():
    assert users.hash_password("password1", rounds=5).startswith("$2b$05$")


@pytest.mark.parametrize("username", ["ab", "a" * 33, "bad name", "semi;colon", "", None])
def test_rejects_bad_usernames(username):
    with pytest.raises(InvalidInput):
        users.clean_username(username)


def test_emails_are_lower_cased():
    assert users.clean_email("John.Smith@Example.COM") == "john.smith@example.com"


@pytest.mark.parametrize("email", ["not-an-email", "a@", "@b.com", "", None, "x" * 250 + "@a.com"])
def test_rejects_bad_emails(email):
    with pytest.raises(InvalidInput):
        users.clean_email(email)
