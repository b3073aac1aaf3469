"""Domain errors shared by every service and the gateway.

    DomainError                 message, code, details
     +-- InvalidInput           400  the request is malformed or breaks a rule
     +-- Unauthenticated        401  no valid session, or bad credentials
     +-- PaymentRequired        402  a paid course that was not bought
     +-- Forbidden              403  authenticated but not allowed
     +-- NotFound               404  no such thing (or not the caller's)
     +-- Conflict               409  duplicates and repeated purchases
     +-- PayloadTooLarge        413  a file or body over a size limit
     +-- Unprocessable          422  well-formed, but cannot be taken as sent
                                     (an Idempotency-Key reused for another request)
     +-- TooManyRequests        429  over a rate limit; details.retryAfterSeconds says when to retry
     +-- DependencyUnavailable  503  a service this one needs did not answer
     +-- DeadlineExceeded       504  refused unstarted: the caller had given up

Services raise only these and list them in ``expected_exceptions``. They cross
the wire as Nameko serializes them (``exc_path`` + ``exc_args``) and become the
same class again on the other side: through Nameko's ``deserialize_to_instance``
registry for services (the service kit registers them) and through
``from_remote`` for the gateway. Nameko stringifies any argument that is not a
string, list or dict, so ``details`` is always a dict and ``code`` always a
string. This module imports no Nameko: the asyncio gateway uses it too.
"""


class DomainError(Exception):
    default_code = "ERROR"
    default_message = "Request failed"

    def __init__(self, message=None, code=None, details=None):
        self.message = message or self.default_message
        self.code = code or self.default_code
        self.details = details or {}
        super().__init__(self.message, self.code, self.details)

    def __str__(self):
        return self.message

    def to_dict(self):
        return {"message": self.message, "code": self.code, "details": self.details or None}


class InvalidInput(DomainError):
    default_code = "VALIDATION_ERROR"
    default_message = "Invalid input"


class Unauthenticated(DomainError):
    default_code = "UNAUTHENTICATED"
    default_message = "Not authenticated"


class PaymentRequired(DomainError):
    default_code = "PAYMENT_REQUIRED"
    default_message = "Payment required"


class Forbidden(DomainError):
    default_code = "FORBIDDEN"
    default_message = "Forbidden"


class NotFound(DomainError):
    default_code = "NOT_FOUND"
    default_message = "Not found"


class Conflict(DomainError):
    default_code = "CONFLICT"
    default_message = "Conflict"


class PayloadTooLarge(DomainError):
    default_code = "PAYLOAD_TOO_LARGE"
    default_message = "Too large"


class Unprocessable(DomainError):
    default_code = "UNPROCESSABLE"
    default_message = "The request cannot be processed as sent"


class TooManyRequests(DomainError):
    """Over a rate limit. ``details["retryAfterSeconds"]`` becomes the
    response's ``Retry-After``."""

    default_code = "RATE_LIMITED"
    default_message = "Too many attempts; try again later"


class DependencyUnavailable(DomainError):
    """Not the caller's fault: another service is down or too slow. Raised
    by ``shared.rpc_proxy`` so that the caller gets a 503, not a 500."""

    default_code = "SERVICE_UNAVAILABLE"
    default_message = "A service is temporarily unavailable"


class DeadlineExceeded(DomainError):
    """Not the caller's fault either: the call reached its service after the
    caller's deadline, and was refused without being started
    (``shared.service.deadlines``)."""

    default_code = "DEADLINE_EXCEEDED"
    default_message = "The call arrived after its deadline and was not started"


DOMAIN_ERRORS = (
    InvalidInput,
    Unauthenticated,
    PaymentRequired,
    Forbidden,
    NotFound,
    Conflict,
    PayloadTooLarge,
    Unprocessable,
    TooManyRequests,
    DependencyUnavailable,
    DeadlineExceeded,
)


def error_path(cls: type) -> str:
    """The ``exc_path`` Nameko puts in an error reply for ``cls``."""
    return f"{cls.__module__}.{cls.__name__}"


_BY_PATH = {error_path(cls): cls for cls in DOMAIN_ERRORS}


def from_remote(exc_path, exc_args):
    """The domain error a Nameko error reply describes, or None if it is not one."""
    cls = _BY_PATH.get(exc_path)
    if cls is None:
        return None
    message, code, details = (list(exc_args) + [None, None, None])[:3]
    return cls(message, code, details if isinstance(details, dict) else None)
