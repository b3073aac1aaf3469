"""The mail queue on the real PostgreSQL: once per (event, template),
claimed before the send, retried with backoff, parked, replayed."""

import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from notifications import handlers, mails, templates
from notifications.models import Mail
from shared.events import UserRegistered
from tests.support.events import order_completed_payload

POLICY = mails.RetryPolicy(first=timedelta(seconds=1), longest=timedelta(seconds=4), max_attempts=3)


def later(seconds):
    return datetime.now(timezone.utc) + timedelta(seconds=seconds)


def queued(db, event_id):
    return db.scalars(select(Mail).where(Mail.event_id == event_id)).all()


def welcome_event():
    return UserRegistered(
        event_id=str(uuid.uuid4()), user_id=str(uuid.uuid4()), username="ann", email=f"{uuid.uuid4().hex}@x.io"
    ).to_payload()


LOOKUPS = handlers.Lookups(user=None, receipt=None, public_url="http://s.example/", reset_valid_minutes=60)


def test_an_event_handled_twice_queues_one_mail(db):
    event = welcome_event()
    assert handlers.apply_user_registered(db, event, LOOKUPS) is True
    assert handlers.apply_user_registered(db, event, LOOKUPS) is False
    (mail,) = queued(db, event["eventId"])
    assert (mail.template, mail.recipient, mail.status) == (templates.WELCOME, event["email"], mails.PENDING)
    assert "http://s.example/" in mail.body_text


def test_a_claimed_mail_is_not_claimed_again_and_a_sent_one_loses_its_bodies(db):
    event = welcome_event()
    handlers.apply_user_registered(db, event, LOOKUPS)
    claimed = [m for m in mails.claim_due(db, now=later(1), limit=1000) if m.event_id == event["eventId"]]
    assert [(m.status, m.attempts) for m in claimed] == [(mails.SENDING, 1)]
    assert not [m for m in mails.claim_due(db, now=later(1), limit=1000) if m.event_id == event["eventId"]]
    mails.mark_sent(db, claimed[0].id)
    db.expire_all()
    (mail,) = queued(db, event["eventId"])
    assert (mail.status, mail.body_text, mail.body_html) == (mails.SENT, None, None)


def test_a_refused_mail_backs_off_then_parks_and_an_operator_replays_it(db):
    event = welcome_event()
    handlers.apply_user_registered(db, event, LOOKUPS)
    now = later(1)
    for attempt, status in ((1, mails.PENDING), (2, mails.PENDING), (3, mails.PARKED)):
        (mail,) = [m for m in mails.claim_due(db, now=now, limit=1000) if m.event_id == event["eventId"]]
        assert mails.mark_failed(db, mail.id, "ConnectionRefusedError", POLICY, now=now) == status
        if status == mails.PENDING:
            assert mail.next_attempt_at == now + POLICY.delay(attempt)
            # not due before its backoff
            assert not [m for m in mails.claim_due(db, now=now, limit=1000) if m.event_id == event["eventId"]]
            now = mail.next_attempt_at
    assert POLICY.delay(1) == timedelta(seconds=1) and POLICY.delay(5) == timedelta(seconds=4)
    assert mails.replay_parked(db, [event["eventId"]]) == 1
    (mail,) = queued(db, event["eventId"])
    db.refresh(mail)
    assert (mail.status, mail.attempts) == (mails.PENDING, 0)


def test_a_send_that_never_finished_is_parked_not_sent_again(db):
    event = welcome_event()
    handlers.apply_user_registered(db, event, LOOKUPS)
    [m for m in mails.claim_due(db, now=later(1), limit=1000) if m.event_id == event["eventId"]]
    assert mails.park_interrupted(db, now=later(1) + mails.INTERRUPTED_AFTER) >= 1
    (mail,) = queued(db, event["eventId"])
    db.refresh(mail)
    assert mail.status == mails.PARKED and "interrupted" in mail.last_error


def test_an_order_of_nobody_known_is_a_poison_event_and_a_failing_lookup_is_retried(db):
    import pytest

    from shared.errors import DependencyUnavailable, NotFound
    from shared.events import PoisonEvent

    def unknown(*_):
        raise NotFound("User not found")

    def down(*_):
        raise DependencyUnavailable("auth is down")

    event = order_completed_payload()
    with pytest.raises(PoisonEvent):
        handlers.apply_order_completed(db, event, handlers.Lookups(unknown, unknown, "http://s", 60))
    with pytest.raises(DependencyUnavailable):
        handlers.apply_order_completed(db, event, handlers.Lookups(down, down, "http://s", 60))
    assert queued(db, event["eventId"]) == []


def test_the_receipt_mail_reads_the_receipt_its_event_carries_and_asks_commerce_only_without_one(db):
    def receipt_of(user_id, order_id, title="Cinematic <AI> Video"):
        # As commerce's get_receipt answers it (wire form).
        return {
            "id": order_id, "userId": user_id, "totalAmount": "149.00", "status": "completed",
            "createdAt": "2026-12-01T10:00:00Z", "discount": "0.00", "couponCode": None,
            "items": [{"id": str(uuid.uuid4()), "orderId": order_id, "itemType": "course",
                       "itemId": str(uuid.uuid4()), "price": "149.00", "refunded": False, "title": title}],
        }  # fmt: skip

    asked = []

    def commerce(user_id, order_id):
        asked.append(order_id)
        return receipt_of(user_id, order_id, title="Asked of commerce")

    def user(user_id):
        return {"id": user_id, "username": "ann", "email": "ann@example.com"}

    lookups = handlers.Lookups(user, commerce, "http://s.example/", 60)
    carrying = order_completed_payload()
    carrying["receipt"] = receipt_of(carrying["userId"], carrying["orderId"])
    without = order_completed_payload()
    unreadable = {**order_completed_payload(), "receipt": {"id": "only"}}
    for event in (carrying, without, unreadable):
        assert handlers.apply_order_completed(db, event, lookups) is True
    assert asked == [without["orderId"], unreadable["orderId"]]
    (mail,) = queued(db, carrying["eventId"])
    assert (mail.template, mail.recipient) == (templates.RECEIPT, "ann@example.com")
    assert "Cinematic <AI> Video" in mail.body_text and "$149.00" in mail.body_text
    assert "Asked of commerce" in queued(db, without["eventId"])[0].body_text
