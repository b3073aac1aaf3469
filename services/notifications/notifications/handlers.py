"""What each event mails: its handler reads what the mail needs (from the
event, or from the services that own it), renders it and queues it, once
per (event, template). A lookup that fails (commerce or auth down) raises,
and the kit's failed events retry the event later (notifications/failures.py);
an event that cannot be read is a PoisonEvent, parked at once."""

from dataclasses import dataclass
from typing import Callable

from pydantic import ValidationError
from sqlalchemy.orm import Session

from notifications import mails, templates
from shared.contracts.commerce import Receipt
from shared.errors import NotFound
from shared.events import (
    CourseCompleted,
    OrderCompleted,
    OrderRefunded,
    PasswordResetRequested,
    PoisonEvent,
    UserRegistered,
)


@dataclass(frozen=True)
class Lookups:
    """Where a mail reads what notifications does not own."""

    user: Callable[[str], dict]  # auth's get_user: the recipient's address and name
    receipt: Callable[[str, str], dict]  # commerce's get_receipt(user_id, order_id)
    public_url: str
    reset_valid_minutes: int


def _base(url: str) -> str:
    return url.rstrip("/")


def _look_up(lookup, *args) -> dict:
    """A lookup's answer; NotFound (no such user or order: the event names
    something that does not exist, and no retry will change that) is a
    PoisonEvent, parked at once."""
    try:
        return lookup(*args)
    except NotFound as exc:
        raise PoisonEvent(f"the event names what does not exist: {exc}") from exc


def apply_user_registered(db: Session, payload, lookups: Lookups) -> bool:
    event = UserRegistered.read(payload)
    rendered = templates.welcome(event.username, _base(lookups.public_url))
    return mails.queue(db, event.event_id, templates.WELCOME, event.email, rendered)


def apply_order_completed(db: Session, payload, lookups: Lookups) -> bool:
    event = OrderCompleted.read(payload)
    user = _look_up(lookups.user, event.user_id)
    receipt = _carried_receipt(event) or _look_up(lookups.receipt, event.user_id, event.order_id)
    rendered = templates.receipt(user["username"], receipt, _base(lookups.public_url))
    return mails.queue(db, event.event_id, templates.RECEIPT, user["email"], rendered)


def _carried_receipt(event: OrderCompleted) -> dict | None:
    """The receipt the event carries, in wire form; None when it carries
    none (published before receipts were carried) or one that cannot be
    read: then commerce is asked."""
    if event.receipt is None:
        return None
    try:
        return Receipt.to_wire(event.receipt)
    except (ValidationError, TypeError):
        return None


def apply_order_refunded(db: Session, payload, lookups: Lookups) -> bool:
    """The refund mail: the refunded items named as on the order's receipt."""
    event = OrderRefunded.read(payload)
    user = _look_up(lookups.user, event.user_id)
    receipt = _look_up(lookups.receipt, event.user_id, event.order_id)
    rendered = templates.refund(user["username"], receipt, event.items, event.amount, event.reason)
    return mails.queue(db, event.event_id, templates.REFUND, user["email"], rendered)


def apply_course_completed(db: Session, payload, lookups: Lookups) -> bool:
    event = CourseCompleted.read(payload)
    user = _look_up(lookups.user, event.user_id)
    rendered = templates.certificate(
        event.learner_name, event.course_title, event.certificate_code, _base(lookups.public_url)
    )
    return mails.queue(db, event.event_id, templates.CERTIFICATE, user["email"], rendered)


def apply_password_reset_requested(db: Session, payload, lookups: Lookups) -> bool:
    event = PasswordResetRequested.read(payload)
    rendered = templates.password_reset(
        event.username, event.token, lookups.reset_valid_minutes, _base(lookups.public_url)
    )
    return mails.queue(db, event.event_id, templates.PASSWORD_RESET, event.email, rendered)
