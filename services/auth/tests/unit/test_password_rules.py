import os

import pytest

from auth import passwords, users
from shared.errors import InvalidInput
from shared.settings import Settings

NAME, EMAIL = "johnsmith", "john.smith@example.com"


def test_production_cost_is_12():
    assert Settings.model_fields["bcrypt_rounds"].default == 12


def refusal(password) -> str:
    with pytest.raises(InvalidInput) as raised:
        passwords.check_rules(password, NAME, EMAIL)
    return raised.value.details["fields"]["password"]


@pytest.mark.parametrize("password", ["short", "", "x" * 7, None, 12345678])
def test_rejects_passwords_under_8_characters(password):
    assert refusal(password) == "At least 8 characters"


def test_rejects_passwords_over_256_characters():
    assert refusal("x" * 257) == "At most 256 characters"


@pytest.mark.parametrize("password", [" " * 8, "\t \n" * 4, "\u3000" * 8])
def test_rejects_whitespace_only(password):
    assert refusal(password) == "Not only spaces"


@pytest.mark.parametrize("password", ["JohnSmith", "JOHN.SMITH@EXAMPLE.COM", "John.Smith", " johnsmith "])
def test_rejects_the_username_or_the_email_in_any_case(password):
    assert refusal(password) == "Not your username or email address"


@pytest.mark.parametrize(
    "password", ["password", "12345678", "Password", "qwertyuiop", "password123", "iloveyou"]
)
def test_rejects_common_leaked_passwords(password):
    assert refusal(password).startswith("Too common")


@pytest.mark.parametrize(
    "password",
    ["correct horse battery", "x" * 8 + "yz", "é" * 37, "фильм-школа " * 10, "a" * 256, "film-school-42"],
)
def test_accepts_passwords_of_8_to_256_characters_of_any_bytes(password):
    passwords.check_rules(password, NAME, EMAIL)


def test_a_long_non_ascii_passphrase_is_hashed_whole():
    passphrase = "ночь-над-городом " * 4  # 68 characters, 128 bytes
    stored = passwords.make_hash(passphrase, rounds=4)
    assert stored.startswith("hmac-sha256$$2b$04$")
    assert passwords.matches(passphrase, stored)
    # Past bcrypt's 72 bytes, the end still counts.
    assert not passwords.matches(passphrase[:-1] + "!", stored)


def test_hashes_of_the_first_scheme_still_match_and_need_a_rehash():
    import bcrypt

    legacy = bcrypt.hashpw(b"correct horse battery", bcrypt.gensalt(4)).decode()
    assert passwords.matches("correct horse battery", legacy)
    assert not passwords.matches("wrong horse battery", legacy)
    assert passwords.needs_rehash(legacy, rounds=4)


def test_a_first_scheme_hash_never_matches_past_72_bytes():
    import bcrypt

    legacy = bcrypt.hashpw(b"a" * 72, bcrypt.gensalt(4)).decode()
    # bcrypt 4 ignored byte 73 on; we refuse instead of matching a prefix.
    assert not passwords.matches("a" * 73, legacy)


def test_a_hash_at_another_cost_needs_a_rehash():
    stored = passwords.make_hash("correct horse battery", rounds=5)
    assert stored.startswith("hmac-sha256$$2b$05$")
    assert passwords.needs_rehash(stored, rounds=4)
    assert not passwords.needs_rehash(stored, rounds=5)


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


def test_bcrypt_runs_in_a_pool_thread_of_lower_cpu_priority_than_the_callers():
    caller = os.getpriority(os.PRIO_PROCESS, 0)  # on Linux: this thread
    in_the_pool = passwords._hashing(os.getpriority, os.PRIO_PROCESS, 0)
    assert in_the_pool == max(caller, passwords.HASHING_NICENESS)
    assert os.getpriority(os.PRIO_PROCESS, 0) == caller
    stored = passwords.make_hash("a long enough passphrase", 4)
    assert passwords.matches("a long enough passphrase", stored)
