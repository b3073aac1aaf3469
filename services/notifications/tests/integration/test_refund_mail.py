"""The refund mail on the real PostgreSQL: once per event, naming the
refunded items as the order's receipt does."""

import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from notifications import handlers, mails, templates
from notifications.models import Mail
from shared.errors import NotFound
from shared.events import OrderRefunded, PoisonEvent

USER, ORDER, COURSE, ASSET = (str(uuid.uuid4()) for _ in range(4))


def receipt(user_id, order_id):
    # As commerce's get_receipt answers it (wire form).
    return {
        "id": order_id, "userId": user_id, "totalAmount": "178.50", "status": "partially_refunded",
        "createdAt": "2026-12-01T10:00:00Z",
        "items": [
            {"id": str(uuid.uuid4()), "orderId": order_id, "itemType": "course", "itemId": COURSE,
             "price": "149.00", "refunded": True, "title": "Cinematic <AI> Video"},
            {"id": str(uuid.uuid4()), "orderId": order_id, "itemType": "asset", "itemId": ASSET,
             "price": "29.50", "refunded": False, "title": "LUT Pack"},
        ],
    }


def lookups(user=None, receipt_of=receipt):
    user = user or (lambda user_id: {"id": user_id, "username": "ann", "email": "ann@example.com"})
    return handlers.Lookups(user=user, receipt=receipt_of, public_url="http://s.example/", reset_valid_minutes=60)


def refund_event():
    return OrderRefunded(
        event_id=str(uuid.uuid4()), refund_id=str(uuid.uuid4()), order_id=ORDER, user_id=USER,
        items=[{"itemType": "course", "itemId": COURSE}], amount="149.00", reason="Bought by mistake",
        occurred_at=datetime.now(timezone.utc).isoformat(),
    ).to_payload()


def test_a_refund_event_handled_twice_queues_one_mail_to_the_buyer(db):
    event = refund_event()
    assert handlers.apply_order_refunded(db, event, lookups()) is True
    assert handlers.apply_order_refunded(db, event, lookups()) is False
    (mail,) = db.scalars(select(Mail).where(Mail.event_id == event["eventId"])).all()
    assert (mail.template, mail.recipient, mail.status) == (templates.REFUND, "ann@example.com", mails.PENDING)
    assert ORDER[:8] in mail.subject
    assert "Cinematic <AI> Video" in mail.body_text and "LUT Pack" not in mail.body_text
    assert "$149.00" in mail.body_text and "Bought by mistake" in mail.body_text
    assert "Cinematic &lt;AI&gt; Video" in mail.body_html


def test_an_unknown_buyer_or_order_is_poison(db):
    def missing(*_args):
        raise NotFound("gone")

    with pytest.raises(PoisonEvent):
        handlers.apply_order_refunded(db, refund_event(), lookups(user=missing))
    with pytest.raises(PoisonEvent):
        handlers.apply_order_refunded(db, refund_event(), lookups(receipt_of=missing))
    with pytest.raises(PoisonEvent):
        handlers.apply_order_refunded(db, {"eventId": "x"}, lookups())
