"""Fakes of the gateway's dependencies, for the tests of its routes."""

USER = {"id": "9b2f6f5e-3d7c-4f0a-9a55-0f3c2b0c1d11", "username": "ann", "email": "ann@x.io", "role": "learner", "createdAt": "2026-01-01T00:00:00Z"}


class FakeRpc:
    """Answers calls from a table of (service, method) -> result or exception."""

    def __init__(self, answers=None):
        self.answers = answers or {}
        self.calls = []

    async def call(self, service, method, *args, **kwargs):
        self.calls.append((service, method, args, kwargs))
        answer = self.answers.get((service, method))
        if isinstance(answer, Exception):
            raise answer
        return answer


class FakeThrottle:
    """Counts attempts; refuses them all with ``refusal`` when given one."""

    def __init__(self, refusal=None):
        self.refusal = refusal
        self.attempts = []

    async def login_attempt(self, email, address):
        self._attempt("login", email, address)

    async def login_succeeded(self, email):
        self.attempts.append(("login succeeded", email))

    async def registration_attempt(self, address):
        self._attempt("register", address)

    async def password_reset_attempt(self, email, address):
        self._attempt("password reset", email, address)

    def _attempt(self, *attempt):
        self.attempts.append(attempt)
        if self.refusal is not None:
            raise self.refusal
