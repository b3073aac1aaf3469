"""The mail queue: each mail is a row, written with the event that asked for
it and sent by a timer; at most once per (event, template).

    queue            the event's handler writes the row (pending), in the
                     event's transaction; a redelivered event finds the
                     unique (event id, template) taken and writes nothing
    claim_due        pending rows whose time has come become ``sending``,
                     with the attempt counted, and the caller COMMITS
    (SMTP)           the caller hands the message over, outside any transaction
    mark_sent        ``sent``, bodies dropped; committed
    mark_failed      the server did not take it: ``pending`` again after a
                     backoff (MAIL_RETRY_FIRST_SECONDS doubling up to
                     MAIL_RETRY_MAX_SECONDS), ``parked`` after MAIL_MAX_ATTEMPTS
    park_interrupted a row left ``sending`` (the process died during the
                     send) is parked, not sent again: whether the server
                     took it is unknown, and a mail twice is worse than an
                     operator's look
    replay_parked    an operator sends parked mail back to ``pending``

Because the claim is committed before the send, a process that dies mid-send
never sends the mail again by itself; checkout and registration only ever
wait for the event, never for SMTP.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from notifications.models import Mail
from notifications.templates import Rendered
from shared.formats import iso_utc, parse_uuid
from shared.logging import get_logger
from shared.settings import Settings

log = get_logger(__name__)

PENDING, SENDING, SENT, PARKED = "pending", "sending", "sent", "parked"
SEND_BATCH = 20
# A send that has not finished in this long died with its process.
INTERRUPTED_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class RetryPolicy:
    first: timedelta
    longest: timedelta
    max_attempts: int

    @classmethod
    def from_settings(cls, settings: Settings) -> "RetryPolicy":
        return cls(
            first=timedelta(seconds=settings.mail_retry_first_seconds),
            longest=timedelta(seconds=settings.mail_retry_max_seconds),
            max_attempts=settings.mail_max_attempts,
        )

    def delay(self, attempts: int) -> timedelta:
        """The wait after the ``attempts``-th failed attempt."""
        return min(self.first * 2 ** (attempts - 1), self.longest)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def queue(db: Session, event_id: str, template: str, recipient: str, rendered: Rendered) -> bool:
    """Write the mail of (``event_id``, ``template``) unless it exists;
    whether it was written now."""
    return (
        db.execute(
            insert(Mail)
            .values(
                event_id=event_id,
                template=template,
                recipient=recipient,
                subject=rendered.subject,
                body_text=rendered.text,
                body_html=rendered.html,
            )
            .on_conflict_do_nothing(index_elements=["event_id", "template"])
        ).rowcount
        == 1
    )


def claim_due(db: Session, now: datetime | None = None, limit: int = SEND_BATCH) -> list[Mail]:
    """Take up to ``limit`` pending mails whose time has come, marked
    ``sending`` with the attempt counted. Another instance skips the rows
    locked here; the caller commits before sending."""
    now = now or _now()
    due = db.scalars(
        select(Mail)
        .where(Mail.status == PENDING, Mail.next_attempt_at <= now)
        .order_by(Mail.next_attempt_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    for mail in due:
        mail.status, mail.attempts, mail.attempt_started_at = SENDING, mail.attempts + 1, now
    return list(due)


def mark_sent(db: Session, mail_id: str, now: datetime | None = None) -> None:
    db.execute(
        update(Mail)
        .where(Mail.id == mail_id)
        .values(status=SENT, sent_at=now or _now(), body_text=None, body_html=None, last_error=None)
    )


def mark_failed(db: Session, mail_id: str, error: str, policy: RetryPolicy, now: datetime | None = None) -> str:
    """The SMTP server did not take the mail: retried after a backoff, or
    parked after the last attempt. Returns the new status."""
    now = now or _now()
    mail = db.get(Mail, mail_id)
    mail.last_error = error[:2000]
    if mail.attempts >= policy.max_attempts:
        mail.status, mail.next_attempt_at = PARKED, None
    else:
        mail.status, mail.next_attempt_at = PENDING, now + policy.delay(mail.attempts)
    log.warning("mail not sent", mail_id=mail_id, attempts=mail.attempts, status=mail.status, error=mail.last_error)
    return mail.status


def park_interrupted(db: Session, now: datetime | None = None) -> int:
    """Park the mails whose send began over INTERRUPTED_AFTER ago and never
    finished; how many."""
    now = now or _now()
    return db.execute(
        update(Mail)
        .where(Mail.status == SENDING, Mail.attempt_started_at <= now - INTERRUPTED_AFTER)
        .values(status=PARKED, next_attempt_at=None, last_error="interrupted during the send: it may have been delivered")
    ).rowcount


def list_mail(db: Session, status: str | None = None, limit: int = 200) -> list[dict]:
    """For operators: mails (newest first), without their bodies."""
    query = select(Mail).order_by(Mail.created_at.desc()).limit(limit)
    if status is not None:
        query = query.where(Mail.status == status)
    return [
        {
            "id": mail.id,
            "eventId": mail.event_id,
            "template": mail.template,
            "recipient": mail.recipient,
            "subject": mail.subject,
            "status": mail.status,
            "attempts": mail.attempts,
            "lastError": mail.last_error,
            "createdAt": iso_utc(mail.created_at),
            "nextAttemptAt": iso_utc(mail.next_attempt_at),
            "sentAt": iso_utc(mail.sent_at),
        }
        for mail in db.scalars(query)
    ]


def replay_parked(db: Session, ids: list | None = None, now: datetime | None = None) -> int:
    """Send parked mails (all, or those of these mail or event ids) back to
    ``pending``, with a fresh set of attempts, due now. How many."""
    query = update(Mail).where(Mail.status == PARKED)
    if ids:
        ids = [str(i) for i in ids]
        query = query.where(Mail.id.in_([i for i in ids if parse_uuid(i)]) | Mail.event_id.in_(ids))
    return db.execute(query.values(status=PENDING, attempts=0, next_attempt_at=now or _now())).rowcount
