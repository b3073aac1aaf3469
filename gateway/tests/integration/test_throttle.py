"""The brute-force limits on the real Redis, each test under keys of its own."""

import asyncio
import time
import uuid

import pytest

from gateway.throttle import Throttle
from shared.errors import DependencyUnavailable, TooManyRequests
from shared.settings import get_settings


def throttle(**limits) -> Throttle:
    defaults = {
        "login_limit_per_account": "3/minute",
        "login_limit_per_address": "5/minute",
        "register_limit_per_address": "2/minute",
        "redis_key_prefix": f"{get_settings().redis_key_prefix}-{uuid.uuid4().hex[:8]}",
    }
    return Throttle(get_settings().model_copy(update={**defaults, **limits}))


def run(coroutine):
    return asyncio.run(coroutine)


async def attempts(make, count: int) -> list[int | None]:
    """The Retry-After of each of ``count`` attempts, None for the allowed ones."""
    answers = []
    for _ in range(count):
        try:
            await make()
            answers.append(None)
        except TooManyRequests as refused:
            answers.append(refused.details["retryAfterSeconds"])
    return answers


def test_failed_logins_on_one_account_are_refused_past_the_limit_from_any_address():
    limits = throttle()

    async def scenario():
        first = await attempts(lambda: limits.login_attempt("ann@x.io", "198.51.100.1"), 3)
        # Another address, and the email as typed differently: the same account.
        refused = await attempts(lambda: limits.login_attempt(" Ann@X.io", "198.51.100.2"), 1)
        other_account = await attempts(lambda: limits.login_attempt("bob@x.io", "198.51.100.2"), 1)
        return first, refused, other_account

    first, refused, other_account = run(scenario())
    assert first == [None, None, None]
    assert 50 <= refused[0] <= 60
    assert other_account == [None]


def test_a_successful_login_starts_the_account_count_over():
    limits = throttle(login_limit_per_address="100/minute")

    async def scenario():
        await attempts(lambda: limits.login_attempt("ann@x.io", "198.51.100.1"), 3)
        await limits.login_succeeded("ann@x.io")
        return await attempts(lambda: limits.login_attempt("ann@x.io", "198.51.100.1"), 4)

    assert run(scenario()) == [None, None, None, 60]


def test_attempts_on_many_accounts_from_one_address_are_refused_past_its_limit():
    limits = throttle()

    async def scenario():
        emails = iter(f"user{n}@x.io" for n in range(10))
        stuffing = await attempts(lambda: limits.login_attempt(next(emails), "198.51.100.1"), 6)
        elsewhere = await attempts(lambda: limits.login_attempt("other@x.io", "198.51.100.9"), 1)
        return stuffing, elsewhere

    stuffing, elsewhere = run(scenario())
    assert stuffing[:5] == [None] * 5 and stuffing[5] is not None
    assert elsewhere == [None]


def test_registrations_per_address():
    limits = throttle()

    async def scenario():
        return (
            await attempts(lambda: limits.registration_attempt("198.51.100.1"), 3),
            await attempts(lambda: limits.registration_attempt("198.51.100.2"), 1),
        )

    assert run(scenario()) == ([None, None, 60], [None])


def test_a_refusal_lasts_until_the_window_moves_on_and_refused_attempts_do_not_extend_it():
    limits = throttle(login_limit_per_account="2/2 seconds", login_limit_per_address="100/minute")

    async def scenario():
        attempt = lambda: limits.login_attempt("ann@x.io", "198.51.100.1")  # noqa: E731
        first = await attempts(attempt, 3)
        started = time.monotonic()
        # Attempt after attempt while refused; allowed again once the first two are 2 s old.
        while await attempts(attempt, 1) != [None]:
            assert time.monotonic() - started < 4, "still refused after the window moved on"
            await asyncio.sleep(0.2)
        return first

    assert run(scenario())[2] in (1, 2)


def test_without_redis_logins_are_unavailable_not_unlimited():
    limits = throttle(redis_url="redis://127.0.0.1:1/0")
    with pytest.raises(DependencyUnavailable):
        run(limits.login_attempt("ann@x.io", "198.51.100.1"))
