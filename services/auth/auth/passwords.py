"""Passwords: the rules a new one must meet, and how it is stored.

A password is stored as bcrypt of a pre-hash, so that its length is no
limit: bcrypt reads at most 72 bytes (bcrypt 5 refuses more), which a
64-character passphrase in a non-Latin script already passes. The pre-hash
is HMAC-SHA256 under a fixed key, base64-encoded (44 bytes, no NUL byte).
The key is no secret: it only makes the input of bcrypt something other than
a plain SHA-256, which unsalted SHA-256 hashes leaked from elsewhere could
be tried against without cracking them ("password shucking").

    hmac-sha256$<bcrypt hash>    the scheme of every new hash
    <bcrypt hash>                the first scheme, bcrypt of the password itself:
                                 still verified, and replaced at the next login
"""

import base64
import functools
import hashlib
import hmac
import os

import bcrypt
from eventlet import tpool
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from shared.contracts.auth import PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS
from shared.errors import InvalidInput

SCHEME = "hmac-sha256$"
_PREHASH_KEY = b"infinite-studio/password/v2"
_BCRYPT_MAX_BYTES = 72
# The nice value of the threads that run bcrypt: below every other process of
# the machine (0), so that logins take the CPU that is left over, not the CPU
# a catalog read is waiting for (docs/performance.md: a read's p99 during
# logins). With nothing else to run, they still get all of it.
HASHING_NICENESS = 10


def _prehash(password: str) -> bytes:
    return base64.b64encode(hmac.new(_PREHASH_KEY, password.encode(), hashlib.sha256).digest())


def _hashing(function, *args):
    """``function(*args)`` in a thread of eventlet's pool, at HASHING_NICENESS:
    bcrypt holds the CPU for ~0.3 s at cost 12, and there the service's other
    workers keep answering meanwhile."""
    return tpool.execute(_at_hashing_priority, function, *args)


def _at_hashing_priority(function, *args):
    # On Linux a thread has a nice value of its own: PRIO_PROCESS 0 is the
    # calling thread. Never raised back: a process started nicer stays so.
    current = os.getpriority(os.PRIO_PROCESS, 0)
    if current < HASHING_NICENESS:
        os.setpriority(os.PRIO_PROCESS, 0, HASHING_NICENESS)
    return function(*args)


def make_hash(password: str, rounds: int) -> str:
    return SCHEME + _hashing(bcrypt.hashpw, _prehash(password), bcrypt.gensalt(rounds)).decode()


def matches(password: str, stored: str) -> bool:
    if stored.startswith(SCHEME):
        candidate, bcrypt_hash = _prehash(password), stored.removeprefix(SCHEME)
    else:
        candidate, bcrypt_hash = password.encode(), stored
        if len(candidate) > _BCRYPT_MAX_BYTES:
            # bcrypt 4 would match on the first 72 bytes alone; refuse instead.
            return False
    return _hashing(bcrypt.checkpw, candidate, bcrypt_hash.encode())


def needs_rehash(stored: str, rounds: int) -> bool:
    """Stored in the first scheme, or at another cost than ``rounds``."""
    if not stored.startswith(SCHEME):
        return True
    # $2b$12$<salt and hash>
    return int(stored.removeprefix(SCHEME).split("$")[2]) != rounds


@functools.lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    return frozenset(password.casefold() for password in FREQUENCY_LISTS["passwords"])


def _folded(text: str) -> str:
    return text.strip().casefold()


def check_rules(password, username: str, email: str) -> None:
    """InvalidInput, with the reason for the password field, unless ``password``
    may be the password of ``username`` at ``email``."""
    if not isinstance(password, str) or len(password) < PASSWORD_MIN_CHARS:
        message = f"At least {PASSWORD_MIN_CHARS} characters"
    elif len(password) > PASSWORD_MAX_CHARS:
        message = f"At most {PASSWORD_MAX_CHARS} characters"
    elif not password.strip():
        message = "Not only spaces"
    elif _folded(password) in {_folded(username), _folded(email), _folded(email.split("@")[0])}:
        message = "Not your username or email address"
    elif _folded(password) in _common():
        message = "Too common: it is on the lists of leaked passwords that attackers try first"
    else:
        return
    raise InvalidInput("Invalid password", details={"fields": {"password": message}})
