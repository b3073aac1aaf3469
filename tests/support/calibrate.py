"""Slow work on purpose, sized to this machine."""

import math
import time

import bcrypt


def bcrypt_rounds_lasting(seconds: float) -> int:
    """The bcrypt cost at which one hash takes at least ``seconds`` on this
    machine: the quickest of a few hashes at cost 10, doubled per step.
    Registering through a suite started with this ``BCRYPT_ROUNDS`` keeps a
    call running in auth for that long (real work, in eventlet's tpool)."""

    def hash_time() -> float:
        started = time.perf_counter()
        bcrypt.hashpw(b"calibration", bcrypt.gensalt(10))
        return time.perf_counter() - started

    quickest = min(hash_time() for _ in range(5))
    return min(31, 10 + max(0, math.ceil(math.log2(seconds / quickest))))
