"""Brute-force limits on logging in and registering, checked in the gateway
before the call to ``auth`` (so a refused attempt costs no bcrypt work).

Each limit is a moving window (the limits library's strategy): an attempt is
refused with 429 and ``Retry-After`` while the window already holds the
limit's count, and allowed again as soon as its oldest attempt leaves it.
Refused attempts are not counted, so hammering a limit does not extend it:
an attacker can hold an account's logins at 429 only while spending its
attempts, and for one window at most after stopping; there is no lock to
undo.

- Login attempts per account (the email, as auth compares it), counted from
  the account's last successful login: in effect the failed logins since then.
- Login attempts per client address, successes included: whether an attempt
  fails is known only after auth's answer, and a burst of attempts sent at
  once would all pass a check of failures counted so far.
- Registrations per client address.
- Password reset requests per client address, and per email address asked
  for (whether it has an account or not, which the caller is never told):
  each may send a mail, and no inbox should be flooded from here.

The counts live in Redis, shared by every gateway instance. Redis rather than
PostgreSQL: the check runs before every login, and a moving window is a list
per key with an expiry that Redis keeps (and drops) by itself, at no cost to
the services' database; the counts are short-lived and worth nothing after a
restart, so Redis keeps nothing on disk. If Redis does not answer, logins and
registrations are 503 rather than let through unlimited.
"""

import hashlib
import math
import time
from ipaddress import ip_address

from fastapi import Request
from limits import RateLimitItem, parse
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from limits.storage import storage_from_string

from shared.errors import DependencyUnavailable, TooManyRequests
from shared.logging import get_logger
from shared.settings import Settings

log = get_logger(__name__)


class Throttle:
    def __init__(self, settings: Settings):
        storage = storage_from_string(
            "async+" + settings.redis_url,
            implementation="redispy",
            key_prefix=settings.redis_key_prefix,
            wrap_exceptions=True,
        )
        self.limiter = MovingWindowRateLimiter(storage)
        self.login_per_account = parse(settings.login_limit_per_account)
        self.login_per_address = parse(settings.login_limit_per_address)
        self.register_per_address = parse(settings.register_limit_per_address)
        self.reset_per_address = parse(settings.password_reset_limit_per_address)
        self.reset_per_account = parse(settings.password_reset_limit_per_account)

    async def login_attempt(self, email: str, address: str) -> None:
        """Count a login attempt; TooManyRequests if the address or the account is over its limit."""
        await self._hit(self.login_per_address, "login-address", address)
        await self._hit(self.login_per_account, "login-account", _account_key(email))

    async def login_succeeded(self, email: str) -> None:
        """The account's count starts over."""
        await self._call(self.limiter.clear, self.login_per_account, "login-account", _account_key(email))

    async def registration_attempt(self, address: str) -> None:
        """Count a registration; TooManyRequests if the address is over its limit."""
        await self._hit(self.register_per_address, "register-address", address)

    async def password_reset_attempt(self, email: str, address: str) -> None:
        """Count a reset request; TooManyRequests if the address or the email is over its limit."""
        await self._hit(self.reset_per_address, "reset-address", address)
        await self._hit(self.reset_per_account, "reset-account", _account_key(email))

    async def _hit(self, limit: RateLimitItem, *key: str) -> None:
        if await self._call(self.limiter.hit, limit, *key):
            return
        reset_at, _remaining = await self._call(self.limiter.get_window_stats, limit, *key)
        retry_after = max(1, math.ceil(reset_at - time.time()))
        log.warning("rate limited", limit=key[0], retry_after=retry_after)
        raise TooManyRequests(details={"retryAfterSeconds": retry_after})

    async def _call(self, method, *args):
        try:
            return await method(*args)
        except StorageError as exc:
            log.error("rate limit storage unavailable", reason=str(exc.storage_error))
            raise DependencyUnavailable("Service temporarily unavailable") from None


def _account_key(email: str) -> str:
    # Hashed: Redis holds no email addresses.
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def client_address(request: Request, settings: Settings) -> str:
    """The caller's IP address: the connection's peer, unless that peer is one
    of TRUSTED_PROXIES; then the nearest address in ``X-Forwarded-For`` that is
    not one (each proxy appends the address it was reached from, so only the
    entries added by trusted proxies can be believed)."""
    peer = request.client.host if request.client else ""
    proxies = settings.trusted_proxy_networks
    if not proxies or not _is_proxy(peer, proxies):
        return peer
    forwarded = [
        part.strip()
        for value in request.headers.getlist("x-forwarded-for")
        for part in value.split(",")
        if part.strip()
    ]
    for address in reversed(forwarded):
        if not _is_proxy(address, proxies):
            return address
    return forwarded[0] if forwarded else peer


def _is_proxy(address: str, proxies) -> bool:
    try:
        parsed = ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in proxies)
