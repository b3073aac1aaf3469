from nameko.events import BROADCAST, SERVICE_POOL, EventDispatcher
from nameko.timer import timer

from learning import access, certificates, enrollments, failures, outbox, positions, progress, staff
from learning.course_copies import Courses
from shared import roles
from shared.errors import (
    Conflict,
    DependencyUnavailable,
    Forbidden,
    InvalidInput,
    NotFound,
    PaymentRequired,
    Unauthenticated,
)
from shared.events import CATALOG, CATALOG_CHANGED, COMMERCE, ORDER_COMPLETED, ORDER_REFUNDED
from shared.service import Service, ServiceRpc, event_handler, rpc

RETRY_INTERVAL_SECONDS = 1.0
PRUNE_INTERVAL_SECONDS = 600
RELAY_INTERVAL_SECONDS = 1.0
# As commerce's and media's: a publish that cannot reach the broker gives up
# quickly; the relay tries again every second.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0.2, "interval_step": 0.2, "interval_max": 0.5}

class LearningService(Service):
    """Enrollments, lesson progress and certificates; enrolls buyers on
    ``order_completed``, revokes refunded courses on ``order_refunded``,
    publishes ``course_completed``."""

    name = "learning"

    catalog_rpc = ServiceRpc("catalog")
    commerce_rpc = ServiceRpc("commerce")
    auth_rpc = ServiceRpc("auth")
    # The courses catalog gave this process, until catalog_changed (learning/course_copies.py).
    courses = Courses()
    # Persistent, confirmed and ``mandatory``: an event no queue would take
    # stays in the outbox (its queue is declared by deploy/bootstrap.py).
    dispatch = EventDispatcher(mandatory=True, use_confirms=True, retry_policy=PUBLISH_RETRY_POLICY)

    # The queue (evt-commerce-order_completed--learning.handle_order_completed)
    # is durable and declared by deploy/bootstrap.py before any order. A
    # failure is recorded and retried by ``retry_failed_events``; only when
    # it cannot even be recorded does the handler raise, and then the event
    # goes back to the queue (requeue_on_error) instead of being acknowledged.
    @event_handler(
        COMMERCE, ORDER_COMPLETED, handler_type=SERVICE_POOL, reliable_delivery=True, requeue_on_error=True
    )
    def handle_order_completed(self, payload):
        """Enroll the buyer in each purchased course, once per event."""
        failures.handle(self.db, ORDER_COMPLETED, payload, self.event_handlers())

    # As order_completed: a durable queue declared by deploy/bootstrap.py
    # (evt-commerce-order_refunded--learning.handle_order_refunded), so a
    # refund made while learning is down waits for it there.
    @event_handler(
        COMMERCE, ORDER_REFUNDED, handler_type=SERVICE_POOL, reliable_delivery=True, requeue_on_error=True
    )
    def handle_order_refunded(self, payload):
        """Revoke the buyer's enrollments in the refunded courses, once per event."""
        failures.handle(self.db, ORDER_REFUNDED, payload, self.event_handlers())

    @timer(interval=RETRY_INTERVAL_SECONDS)
    def retry_failed_events(self):
        """Apply again the failed events that are due (backoff, then parked)."""
        failures.retry_due(self.db, self.event_handlers())

    # Every instance hears it, on a queue of its own that goes with the
    # instance: nothing durable depends on it (a copy also ages out).
    @event_handler(CATALOG, CATALOG_CHANGED, handler_type=BROADCAST, reliable_delivery=False)
    def handle_catalog_changed(self, payload):
        """Drop the copies of catalog's courses."""
        self.courses.clear()

    @timer(interval=PRUNE_INTERVAL_SECONDS)
    def prune_processed_events(self):
        """Forget processed-event ids past their retention, a bounded batch
        every ten minutes."""
        enrollments.prune_processed_events(self.db)

    def event_handlers(self) -> failures.Handlers:
        """How each event type that learning consumes is applied, on first
        delivery and on every retry of a failed one (dispatched on the
        stored type)."""
        return {
            # A course this process was given exists: only the others are asked of catalog.
            ORDER_COMPLETED: lambda db, payload: enrollments.apply_order_completed(
                db, payload, self.course_copies()
            ),
            ORDER_REFUNDED: lambda db, payload: enrollments.apply_order_refunded(
                db, payload, lambda user_id, course_id: self.commerce_rpc.has_purchased(user_id, "course", course_id)
            ),
        }

    def certificate_lookups(self) -> certificates.Lookups:
        """Where issuing a certificate reads the course (its lessons count and
        title, from catalog; an enrolled course even once unpublished or
        deleted) and the learner's name (from auth)."""
        return certificates.Lookups(
            course=lambda course_id: self.catalog_rpc.get_course(course_id, include_unlisted=True),
            user=self.auth_rpc.get_user,
        )

    # A certificate's event waits for the relay (at most a second) rather than
    # being published by the completion itself: nothing is in a hurry for it.
    @timer(interval=RELAY_INTERVAL_SECONDS)
    def relay_outbox(self):
        """Publish the events still pending in the outbox (every second)."""
        outbox.try_publish(self.db, self.dispatch)

    @rpc(expected_exceptions=(DependencyUnavailable,))
    def list_enrollments(self, user_id):
        """The user's enrollments, each with ``course``, ``progress``
        ``{total, completed, percentage}`` and ``certificate`` ``{code,
        issuedAt}`` (None before the course is finished)."""
        return enrollments.list_enrollments(
            self.db, user_id, lambda ids: self.courses.get_courses(ids, self.catalog_rpc.get_courses)
        )

    @rpc(expected_exceptions=(NotFound, Conflict, PaymentRequired, DependencyUnavailable))
    def enroll(self, user_id, course_id):
        """Enroll the user in a course: the enrollment. NotFound (unknown or
        malformed course), Conflict (already enrolled), PaymentRequired (a
        paid course the user has not bought)."""
        course = self.catalog_rpc.get_course(course_id)
        return enrollments.enroll(
            self.db, user_id, course, lambda: self.commerce_rpc.has_purchased(user_id, "course", course["id"])
        )

    @rpc(expected_exceptions=(NotFound,))
    def list_progress(self, user_id, enrollment_id):
        """The lesson progress rows of the user's enrollment. NotFound (also
        for someone else's enrollment)."""
        return progress.list_progress(self.db, user_id, enrollment_id)

    @rpc(expected_exceptions=(NotFound, InvalidInput, DependencyUnavailable))
    def set_lesson_progress(self, user_id, enrollment_id, lesson_id, completed):
        """Create or update the progress row of a lesson: the row; the last
        lesson completed issues the certificate. NotFound (enrollment unknown
        or someone else's, lesson unknown or malformed), InvalidInput (lesson
        of another course)."""
        return progress.set_lesson_progress(
            self.db,
            user_id,
            enrollment_id,
            lesson_id,
            completed,
            self.catalog_rpc.get_lesson,
            self.certificate_lookups(),
        )

    @rpc(expected_exceptions=(NotFound, InvalidInput, PaymentRequired, DependencyUnavailable))
    def save_position(self, user_id, lesson_id, seconds):
        """Store where the user is in a lesson's video; at 90 % of it the
        lesson is completed (and the last one issues the certificate).
        Returns whether it is complete by watching.
        NotFound (unknown lesson, or a free course not enrolled in),
        PaymentRequired (a paid course not bought), InvalidInput (a position
        that is not a number of seconds within the video)."""
        lesson = self.catalog_rpc.get_lesson(lesson_id)
        return positions.save_position(self.db, user_id, lesson, seconds, self.certificate_lookups())

    @rpc(expected_exceptions=(NotFound, Unauthenticated, PaymentRequired, DependencyUnavailable))
    def open_lesson(self, user_id, lesson_id):
        """A lesson the user (None: a visitor) may watch: ``{lesson, notes,
        position}``. NotFound (unknown lesson), Unauthenticated (a visitor,
        not a preview), PaymentRequired (a paid course not bought)."""
        lesson = self.catalog_rpc.get_lesson(lesson_id)
        return access.open_lesson(
            self.db, user_id, lesson, lambda: self.catalog_rpc.get_course(lesson["courseId"])
        )

    @rpc(expected_exceptions=(NotFound,))
    def get_certificate(self, code):
        """The certificate of a public code: ``{code, learnerName,
        courseTitle, completedAt}``. NotFound."""
        return certificates.get_certificate(self.db, code)

    # -- staff (shared/roles.py: the actor's role is checked here) ----------

    @rpc(expected_exceptions=(Unauthenticated, Forbidden, DependencyUnavailable))
    def course_stats(self, actor):
        """Per course with a live enrollment: ``{courseId, title, enrollments,
        completed, completionRate}`` (revoked enrollments not counted;
        learning/staff.py). Admins only."""
        roles.require(actor, roles.ADMIN)
        return staff.course_stats(self.db, self.course_copies())

    @rpc(expected_exceptions=(Unauthenticated, Forbidden, DependencyUnavailable))
    def learner_enrollments(self, actor, user_id):
        """The user's enrollments as ``list_enrollments`` gives them, revoked
        ones included, each with ``revokedAt``. Admins only."""
        roles.require(actor, roles.ADMIN)
        return staff.learner_enrollments(self.db, user_id, self.course_copies())

    def course_copies(self):
        """``get_courses`` through this process's copies of catalog's courses."""
        return lambda ids: self.courses.get_courses(ids, self.catalog_rpc.get_courses)

    @rpc
    def list_failed_events(self, status=None):
        """For operators: the events that failed, ``pending`` or ``parked``."""
        return failures.list_failed(self.db, status)

    @rpc
    def replay_parked_events(self, ids=None):
        """For operators: retry parked events (all, or these row/event ids) now.
        Returns how many were sent back to pending."""
        return failures.replay_parked(self.db, ids)
