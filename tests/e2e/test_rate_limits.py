"""Brute-force limits through real gateways: two of them, sharing Redis
under keys of their own, with tight limits and the test's client trusted as
a proxy (so that X-Forwarded-For names the client's address), in front of
the session's services."""

import itertools
import uuid
from contextlib import contextmanager

import pytest

from shared.settings import get_settings
from tests.support.api_client import PASSWORD, ApiClient, unique
from tests.support.suite import Suite, log_dir_for

# Gateways of its own, beside the session's suite.
pytestmark = pytest.mark.suite

LIMITS = {
    "LOGIN_LIMIT_PER_ACCOUNT": "5/15 minutes",
    "LOGIN_LIMIT_PER_ADDRESS": "8/15 minutes",
    "REGISTER_LIMIT_PER_ADDRESS": "3/hour",
    "TRUSTED_PROXIES": "127.0.0.1",
}


@contextmanager
def limited_gateways(count: int, **env):
    """``count`` gateways with LIMITS (and ``env``) sharing keys of their own; their URLs."""
    prefix = f"{get_settings().redis_key_prefix}-limits-{uuid.uuid4().hex[:8]}"
    env = {**LIMITS, "REDIS_KEY_PREFIX": prefix, **env}
    started = [Suite(log_dir_for(f"rate-limits-{n}"), env=env) for n in range(count)]
    try:
        for gateway in started:
            gateway.start("gateway")
        for gateway in started:
            gateway.wait_ready()
        yield [gateway.url for gateway in started]
    finally:
        for gateway in started:
            gateway.stop_all()


@pytest.fixture(scope="module")
def gateways(suite):
    with limited_gateways(2) as urls:
        yield urls


# The nearest untrusted address in X-Forwarded-For is the one counted; each
# client gets one of its own, or two clients' counts would add up (with a
# random one of 250, two met in about one run of a hundred).
_client_numbers = itertools.count(1)


def address() -> str:
    number = next(_client_numbers)
    assert number < 255, "the module needs more client addresses than 192.0.2.0/24 holds"
    return f"198.51.100.{number}, 192.0.2.{number}"


def client(url: str, forwarded: str) -> ApiClient:
    return ApiClient(url, headers={"X-Forwarded-For": forwarded})


def login(api: ApiClient, email: str, password: str):
    return api.post("/api/auth/login", json={"email": email, "password": password})


def test_wrong_passwords_on_one_account_are_429_on_every_gateway_until_the_window_moves(gateways, api):
    user = api.register()
    first, second = (client(url, address()) for url in gateways)
    with first, second:
        # Alternating gateways (and addresses): one count, in Redis.
        answers = [login(first if n % 2 else second, user["email"], "wrong").status_code for n in range(5)]
        assert answers == [401] * 5
        refused = login(first, user["email"], PASSWORD)
        assert refused.status_code == 429
        assert refused.json()["code"] == "RATE_LIMITED"
        assert set(refused.json()) == {"message", "code", "details"}
        assert 0 < int(refused.headers["retry-after"]) <= 15 * 60
        assert login(second, user["email"], "wrong password").status_code == 429
    # Other accounts are not held by it.
    other = api.register()
    with client(gateways[0], address()) as third:
        assert login(third, other["email"], PASSWORD).status_code == 200


def test_a_successful_login_starts_the_account_count_over(gateways, api):
    user = api.register()
    with client(gateways[0], address()) as same:
        assert [login(same, user["email"], "wrong password").status_code for _ in range(4)] == [401] * 4
        assert login(same, user["email"], PASSWORD).status_code == 200
    with client(gateways[1], address()) as other_address:
        assert [login(other_address, user["email"], "wrong").status_code for _ in range(4)] == [401] * 4


def test_credential_stuffing_from_one_address_is_429_and_other_addresses_are_not(gateways):
    forwarded = address()
    with client(gateways[0], forwarded) as stuffing, client(gateways[1], forwarded) as same_address:
        answers = [login(stuffing, f"{unique()}@example.com", "password1").status_code for _ in range(8)]
        assert answers == [401] * 8
        assert login(same_address, f"{unique()}@example.com", "password1").status_code == 429
    with client(gateways[0], address()) as elsewhere:
        assert login(elsewhere, f"{unique()}@example.com", "password1").status_code == 401


def test_registrations_from_one_address_are_429_past_the_limit(gateways):
    forwarded = address()
    with client(gateways[0], forwarded) as registering:
        for _ in range(3):
            registering.cookies.clear()
            registering.register()
        name = unique()
        body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
        refused = registering.post("/api/auth/register", json=body)
        assert refused.status_code == 429 and "retry-after" in refused.headers
    with client(gateways[1], address()) as elsewhere:
        elsewhere.register()


def test_a_forged_forwarded_address_does_not_dodge_the_limit_without_a_trusted_proxy(suite):
    with limited_gateways(1, TRUSTED_PROXIES="") as (url,):
        answers = []
        for _ in range(4):
            name = unique()
            with client(url, address()) as forging:
                body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
                answers.append(forging.post("/api/auth/register", json=body).status_code)
        assert answers == [201, 201, 201, 429]
