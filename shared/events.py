"""Event contracts between services.

``commerce`` dispatches ``order_completed`` on its events exchange
(``commerce.events``) once an order is committed, through its outbox;
``learning`` consumes it from a durable queue and enrolls the buyer. Events
carry their own ``eventId`` (AMQP gives Nameko events none), which is how the
consumer recognises a redelivery. A payload that cannot be read as its
event is a ``PoisonEvent``: no retry can apply it, so it is parked at once.

``commerce`` dispatches ``order_refunded`` the same way, through its
outbox in the refund's transaction; ``learning`` revokes the refunded
courses' enrollments and ``notifications`` mails the buyer.

``learning`` dispatches ``course_completed`` (``learning.events``) through
its outbox when an enrollment first reaches 100 % and its certificate is
issued: once per enrollment, whatever is unmarked and marked again later.

``auth`` dispatches ``user_registered`` (``auth.events``) through its outbox
with each new account, and ``password_reset_requested`` with each reset
token it issues: the raw token travels in that event alone (auth keeps only
its hash, and drops the token from its outbox row once published), for
``notifications`` to mail it.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from shared.formats import iso_utc, parse_uuid

ORDER_COMPLETED = "order_completed"
ORDER_REFUNDED = "order_refunded"
COMMERCE = "commerce"

EVENT_ID_MAX_LENGTH = 64


class PoisonEvent(ValueError):
    """An event that no retry can apply: a malformed payload, or an event
    type its consumer has no handler for."""


@dataclass(frozen=True)
class OrderCompleted:
    event_id: str
    order_id: str
    user_id: str
    course_ids: list[str] = field(default_factory=list)
    asset_ids: list[str] = field(default_factory=list)
    request_id: str | None = None
    # The order as its receipt shows it (``commerce.get_receipt``'s answer),
    # so that the receipt mail needs no call back to commerce; None in events
    # published before it was carried.
    receipt: dict | None = None

    def to_payload(self) -> dict:
        payload = {
            "eventId": self.event_id,
            "orderId": self.order_id,
            "userId": self.user_id,
            "courseIds": list(self.course_ids),
            "assetIds": list(self.asset_ids),
            "requestId": self.request_id,
        }
        if self.receipt is not None:
            payload["receipt"] = self.receipt
        return payload

    @classmethod
    def from_payload(cls, payload: dict) -> "OrderCompleted":
        return cls(
            event_id=str(payload["eventId"]),
            order_id=str(payload["orderId"]),
            user_id=str(payload["userId"]),
            course_ids=[str(c) for c in payload.get("courseIds", [])],
            asset_ids=[str(a) for a in payload.get("assetIds", [])],
            request_id=payload.get("requestId"),
            receipt=payload.get("receipt"),
        )

    @classmethod
    def read(cls, payload) -> "OrderCompleted":
        """The event in ``payload``, checked; PoisonEvent when it cannot be one."""
        try:
            event = cls.from_payload(payload)
        except (KeyError, TypeError, AttributeError) as exc:
            raise PoisonEvent(f"not an order completed event: {exc!r}") from exc
        ids = [event.user_id, *event.course_ids]
        if not event.event_id or len(event.event_id) > EVENT_ID_MAX_LENGTH or any(parse_uuid(i) is None for i in ids):
            raise PoisonEvent("order completed event with a malformed id")
        return event


REFUND_ITEM_TYPES = ("course", "asset")


@dataclass(frozen=True)
class OrderRefunded:
    """Some items of an order were refunded (one refund): what learning
    revokes and what the buyer's mail says, without asking commerce."""

    event_id: str
    refund_id: str
    order_id: str
    user_id: str
    # [{"itemType", "itemId"}], as on the wire
    items: list[dict] = field(default_factory=list)
    amount: str = "0.00"  # Money, as on the wire
    reason: str = ""
    occurred_at: str = ""  # ISO-8601 UTC

    @property
    def course_ids(self) -> list[str]:
        return [i["itemId"] for i in self.items if i["itemType"] == "course"]

    @property
    def asset_ids(self) -> list[str]:
        return [i["itemId"] for i in self.items if i["itemType"] == "asset"]

    def to_payload(self) -> dict:
        return {
            "eventId": self.event_id,
            "refundId": self.refund_id,
            "orderId": self.order_id,
            "userId": self.user_id,
            "items": [{"itemType": i["itemType"], "itemId": i["itemId"]} for i in self.items],
            "amount": self.amount,
            "reason": self.reason,
            "occurredAt": self.occurred_at,
        }

    @classmethod
    def from_payload(cls, payload: dict) -> "OrderRefunded":
        return cls(
            event_id=str(payload["eventId"]),
            refund_id=str(payload["refundId"]),
            order_id=str(payload["orderId"]),
            user_id=str(payload["userId"]),
            items=[{"itemType": str(i["itemType"]), "itemId": str(i["itemId"])} for i in payload["items"]],
            amount=str(payload["amount"]),
            reason=str(payload["reason"]),
            occurred_at=str(payload["occurredAt"]),
        )

    @classmethod
    def read(cls, payload) -> "OrderRefunded":
        """The event in ``payload``, checked; PoisonEvent when it cannot be one."""
        try:
            event = cls.from_payload(payload)
            _timestamp(event.occurred_at)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise PoisonEvent(f"not an order refunded event: {exc!r}") from exc
        ids = [event.refund_id, event.order_id, event.user_id, *(i["itemId"] for i in event.items)]
        if not event.event_id or len(event.event_id) > EVENT_ID_MAX_LENGTH or any(parse_uuid(i) is None for i in ids):
            raise PoisonEvent("order refunded event with a malformed id")
        if not event.items or any(i["itemType"] not in REFUND_ITEM_TYPES for i in event.items):
            raise PoisonEvent("order refunded event without items, or with an unknown item type")
        return event


LEARNING = "learning"
COURSE_COMPLETED = "course_completed"


@dataclass(frozen=True)
class CourseCompleted:
    """An enrollment finished, and the certificate it earned, as issued:
    what a certificate mail needs without asking learning again."""

    event_id: str
    enrollment_id: str
    user_id: str
    course_id: str
    certificate_code: str
    learner_name: str
    course_title: str
    completed_at: str  # ISO-8601 UTC, as on the wire

    def to_payload(self) -> dict:
        return {
            "eventId": self.event_id,
            "enrollmentId": self.enrollment_id,
            "userId": self.user_id,
            "courseId": self.course_id,
            "certificateCode": self.certificate_code,
            "learnerName": self.learner_name,
            "courseTitle": self.course_title,
            "completedAt": self.completed_at,
        }

    @classmethod
    def from_payload(cls, payload: dict) -> "CourseCompleted":
        return cls(
            event_id=str(payload["eventId"]),
            enrollment_id=str(payload["enrollmentId"]),
            user_id=str(payload["userId"]),
            course_id=str(payload["courseId"]),
            certificate_code=str(payload["certificateCode"]),
            learner_name=str(payload["learnerName"]),
            course_title=str(payload["courseTitle"]),
            completed_at=str(payload["completedAt"]),
        )

    @classmethod
    def read(cls, payload) -> "CourseCompleted":
        """The event in ``payload``, checked; PoisonEvent when it cannot be one."""
        try:
            event = cls.from_payload(payload)
        except (KeyError, TypeError, AttributeError) as exc:
            raise PoisonEvent(f"not a course completed event: {exc!r}") from exc
        ids = [event.enrollment_id, event.user_id, event.course_id]
        if not event.event_id or len(event.event_id) > EVENT_ID_MAX_LENGTH or any(parse_uuid(i) is None for i in ids):
            raise PoisonEvent("course completed event with a malformed id")
        if not event.certificate_code:
            raise PoisonEvent("course completed event without a certificate code")
        return event


def event_queue_name(source_service: str, event_type: str, service: str, method: str) -> str:
    """The queue Nameko declares for a SERVICE_POOL handler with reliable delivery."""
    return f"evt-{source_service}-{event_type}--{service}.{method}"


# The video pipeline: ``media`` publishes all three on its events exchange
# (``media.events``) through its outbox; media_worker and catalog consume
# ``media_uploaded``, catalog consumes ``media_ready`` and ``media_failed``.
MEDIA = "media"
MEDIA_UPLOADED = "media_uploaded"
MEDIA_READY = "media_ready"
MEDIA_FAILED = "media_failed"
MEDIA_OWNER_TYPES = ("lesson", "asset")


def _timestamp(value) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value)  # ValueError, TypeError: a poison event
    if moment.tzinfo is None:
        raise ValueError("a timestamp without a time zone")
    return moment


@dataclass(frozen=True)
class _MediaEvent:
    """What every media event says: which media object, what it belongs to,
    and when it was imported (the order of an owner's media objects, which
    their random ids do not give; None in events written before it was)."""

    event_id: str
    media_id: str
    owner_type: str
    owner_id: str
    imported_at: datetime | None = field(default=None, kw_only=True)

    # "media uploaded": how a poison event of this kind is described.
    what = "media"

    def _owner_payload(self) -> dict:
        return {
            "eventId": self.event_id,
            "mediaId": self.media_id,
            "ownerType": self.owner_type,
            "ownerId": self.owner_id,
            "importedAt": iso_utc(self.imported_at),
        }

    @staticmethod
    def _owner_fields(payload: dict) -> dict:
        return {
            "event_id": str(payload["eventId"]),
            "media_id": str(payload["mediaId"]),
            "owner_type": str(payload["ownerType"]),
            "owner_id": str(payload["ownerId"]),
            "imported_at": _timestamp(payload.get("importedAt")),
        }

    @classmethod
    def read(cls, payload):
        """The event in ``payload``, checked; PoisonEvent when it cannot be one."""
        try:
            event = cls.from_payload(payload)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise PoisonEvent(f"not a {cls.what} event: {exc!r}") from exc
        if (
            not event.event_id
            or len(event.event_id) > EVENT_ID_MAX_LENGTH
            or parse_uuid(event.media_id) is None
            or parse_uuid(event.owner_id) is None
            or event.owner_type not in MEDIA_OWNER_TYPES
        ):
            raise PoisonEvent(f"{cls.what} event with a malformed id or owner")
        return event


@dataclass(frozen=True)
class MediaUploaded(_MediaEvent):
    source_key: str
    what = "media uploaded"

    def to_payload(self) -> dict:
        return {**self._owner_payload(), "sourceKey": self.source_key}

    @classmethod
    def from_payload(cls, payload: dict) -> "MediaUploaded":
        return cls(**cls._owner_fields(payload), source_key=str(payload["sourceKey"]))


@dataclass(frozen=True)
class MediaReady(_MediaEvent):
    duration_seconds: float
    # [{"name", "height", "bandwidth", "playlistKey"}]
    renditions: list[dict] = field(default_factory=list)
    what = "media ready"

    def to_payload(self) -> dict:
        return {
            **self._owner_payload(),
            "durationSeconds": self.duration_seconds,
            "renditions": list(self.renditions),
        }

    @classmethod
    def from_payload(cls, payload: dict) -> "MediaReady":
        return cls(
            **cls._owner_fields(payload),
            duration_seconds=float(payload["durationSeconds"]),
            renditions=[dict(r) for r in payload.get("renditions", [])],
        )


@dataclass(frozen=True)
class MediaFailed(_MediaEvent):
    reason: str
    what = "media failed"

    def to_payload(self) -> dict:
        return {**self._owner_payload(), "reason": self.reason}

    @classmethod
    def from_payload(cls, payload: dict) -> "MediaFailed":
        return cls(**cls._owner_fields(payload), reason=str(payload["reason"]))


AUTH = "auth"
USER_REGISTERED = "user_registered"
PASSWORD_RESET_REQUESTED = "password_reset_requested"


def _check_ids(event, what: str, *ids: str) -> None:
    if not event.event_id or len(event.event_id) > EVENT_ID_MAX_LENGTH or any(parse_uuid(i) is None for i in ids):
        raise PoisonEvent(f"{what} event with a malformed id")


@dataclass(frozen=True)
class UserRegistered:
    """A new account: who to welcome, and where."""

    event_id: str
    user_id: str
    username: str
    email: str

    def to_payload(self) -> dict:
        return {"eventId": self.event_id, "userId": self.user_id, "username": self.username, "email": self.email}

    @classmethod
    def read(cls, payload) -> "UserRegistered":
        """The event in ``payload``, checked; PoisonEvent when it cannot be one."""
        try:
            event = cls(
                event_id=str(payload["eventId"]),
                user_id=str(payload["userId"]),
                username=str(payload["username"]),
                email=str(payload["email"]),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise PoisonEvent(f"not a user registered event: {exc!r}") from exc
        _check_ids(event, "user registered", event.user_id)
        return event


@dataclass(frozen=True)
class PasswordResetRequested:
    """A reset token issued for an account: the raw token, to be mailed once."""

    event_id: str
    user_id: str
    username: str
    email: str
    token: str
    expires_at: str  # ISO-8601 UTC

    def to_payload(self) -> dict:
        return {
            "eventId": self.event_id,
            "userId": self.user_id,
            "username": self.username,
            "email": self.email,
            "token": self.token,
            "expiresAt": self.expires_at,
        }

    @classmethod
    def read(cls, payload) -> "PasswordResetRequested":
        """The event in ``payload``, checked; PoisonEvent when it cannot be one
        (also when its token was already dropped from the payload)."""
        try:
            event = cls(
                event_id=str(payload["eventId"]),
                user_id=str(payload["userId"]),
                username=str(payload["username"]),
                email=str(payload["email"]),
                token=str(payload["token"]),
                expires_at=str(payload["expiresAt"]),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise PoisonEvent(f"not a password reset requested event: {exc!r}") from exc
        _check_ids(event, "password reset requested", event.user_id)
        if not event.token:
            raise PoisonEvent("password reset requested event without a token")
        return event


CATALOG = "catalog"
CATALOG_CHANGED = "catalog_changed"


@dataclass(frozen=True)
class CatalogChanged:
    """Something a visitor reads in the catalogue changed (a course, a
    lesson, an asset; today a lesson's video state and the seed): whoever
    keeps a copy of catalog's public answers (every gateway instance) drops
    it. Dispatched after the change is committed, so that a copy made anew
    on receipt holds it. ``reason`` is for the logs."""

    event_id: str
    reason: str

    def to_payload(self) -> dict:
        return {"eventId": self.event_id, "reason": self.reason}

    @classmethod
    def new(cls, reason: str) -> "CatalogChanged":
        return cls(event_id=str(uuid.uuid4()), reason=reason)


SESSION_ENDED = "session_ended"


@dataclass(frozen=True)
class SessionEnded:
    """A session ended (``token_hash``: a logout, or a login that replaced
    it), or every session of a user may no longer show the user as it was
    (``user_id``: a profile change, sessions ended by it). Whoever keeps
    resolved sessions (every gateway instance) drops the ones named.
    Dispatched by auth after the change is committed."""

    event_id: str
    user_id: str | None = None
    token_hash: str | None = None

    def to_payload(self) -> dict:
        return {"eventId": self.event_id, "userId": self.user_id, "tokenHash": self.token_hash}

    @classmethod
    def new(cls, user_id: str | None = None, token_hash: str | None = None) -> "SessionEnded":
        return cls(event_id=str(uuid.uuid4()), user_id=user_id, token_hash=token_hash)
