from nameko.events import SERVICE_POOL
from nameko.timer import timer

from notifications import failures, handlers, mails
from notifications.smtp import SmtpServer, build_message
from shared.events import (
    AUTH,
    COMMERCE,
    COURSE_COMPLETED,
    LEARNING,
    ORDER_COMPLETED,
    ORDER_REFUNDED,
    PASSWORD_RESET_REQUESTED,
    USER_REGISTERED,
)
from shared.service import Service, ServiceRpc, event_handler, rpc
from shared.settings import get_settings

SEND_INTERVAL_SECONDS = 1.0
RETRY_INTERVAL_SECONDS = 1.0
INTERRUPTED_CHECK_SECONDS = 60


def _reliable(source: str, event_type: str):
    """A durable queue per handler (declared by deploy/bootstrap.py before
    the first event), given back to the broker when even recording a
    failure fails (as learning's handlers)."""
    return event_handler(source, event_type, handler_type=SERVICE_POOL, reliable_delivery=True, requeue_on_error=True)


class NotificationsService(Service):
    """Email: a welcome on ``user_registered``, a receipt on
    ``order_completed``, a refund notice on ``order_refunded``, a certificate on ``course_completed``, a reset link
    on ``password_reset_requested``; each at most once, sent over SMTP by
    a timer, retried with backoff while the server does not take it."""

    name = "notifications"

    auth_rpc = ServiceRpc("auth")
    commerce_rpc = ServiceRpc("commerce")

    @_reliable(AUTH, USER_REGISTERED)
    def handle_user_registered(self, payload):
        """Queue the welcome mail, once per event."""
        failures.handle(self.db, USER_REGISTERED, payload, self.event_handlers())

    @_reliable(AUTH, PASSWORD_RESET_REQUESTED)
    def handle_password_reset_requested(self, payload):
        """Queue the reset link's mail, once per event."""
        failures.handle(self.db, PASSWORD_RESET_REQUESTED, payload, self.event_handlers())

    @_reliable(COMMERCE, ORDER_COMPLETED)
    def handle_order_completed(self, payload):
        """Queue the receipt mail, once per event."""
        failures.handle(self.db, ORDER_COMPLETED, payload, self.event_handlers())

    @_reliable(COMMERCE, ORDER_REFUNDED)
    def handle_order_refunded(self, payload):
        """Queue the refund mail, once per event."""
        failures.handle(self.db, ORDER_REFUNDED, payload, self.event_handlers())

    @_reliable(LEARNING, COURSE_COMPLETED)
    def handle_course_completed(self, payload):
        """Queue the certificate mail, once per event."""
        failures.handle(self.db, COURSE_COMPLETED, payload, self.event_handlers())

    @timer(interval=RETRY_INTERVAL_SECONDS)
    def retry_failed_events(self):
        """Handle again the failed events that are due (backoff, then parked)."""
        failures.retry_due(self.db, self.event_handlers())

    @timer(interval=SEND_INTERVAL_SECONDS)
    def send_due_mail(self):
        """Send the mails that are due, each claimed and committed before the
        SMTP conversation and marked and committed after it (mails.py)."""
        settings = get_settings()
        server, policy = SmtpServer.from_settings(settings), mails.RetryPolicy.from_settings(settings)
        claimed = [
            (mail.id, build_message(mail.id, settings.mail_from, mail.recipient, mail.subject, mail.body_text, mail.body_html))
            for mail in mails.claim_due(self.db)
        ]
        self.db.commit()
        for mail_id, message in claimed:
            try:
                server.send(message)
            except Exception as exc:
                mails.mark_failed(self.db, mail_id, f"{type(exc).__name__}: {exc}", policy)
            else:
                mails.mark_sent(self.db, mail_id)
            self.db.commit()

    @timer(interval=INTERRUPTED_CHECK_SECONDS)
    def park_interrupted_mail(self):
        """Park mails whose send never finished (the process died during it)."""
        mails.park_interrupted(self.db)

    def event_handlers(self) -> failures.Handlers:
        settings = get_settings()
        lookups = handlers.Lookups(
            user=self.auth_rpc.get_user,
            receipt=self.commerce_rpc.get_receipt,
            public_url=settings.public_url,
            reset_valid_minutes=settings.password_reset_ttl_minutes,
        )
        return {
            USER_REGISTERED: lambda db, payload: handlers.apply_user_registered(db, payload, lookups),
            PASSWORD_RESET_REQUESTED: lambda db, payload: handlers.apply_password_reset_requested(db, payload, lookups),
            ORDER_COMPLETED: lambda db, payload: handlers.apply_order_completed(db, payload, lookups),
            ORDER_REFUNDED: lambda db, payload: handlers.apply_order_refunded(db, payload, lookups),
            COURSE_COMPLETED: lambda db, payload: handlers.apply_course_completed(db, payload, lookups),
        }

    @rpc
    def list_mail(self, status=None):
        """For operators: the latest mails (without bodies), of one status or all."""
        return mails.list_mail(self.db, status)

    @rpc
    def replay_parked_mail(self, ids=None):
        """For operators: send parked mails (all, or these mail/event ids) again.
        Returns how many went back to pending."""
        return mails.replay_parked(self.db, ids)

    @rpc
    def list_failed_events(self, status=None):
        """For operators: the events that failed, ``pending`` or ``parked``."""
        return failures.list_failed(self.db, status)

    @rpc
    def replay_parked_events(self, ids=None):
        """For operators: retry parked events (all, or these row/event ids) now."""
        return failures.replay_parked(self.db, ids)
