from nameko.events import SERVICE_POOL, EventDispatcher
from nameko.timer import timer

from catalog import asset_edits, assets, course_edits, courses, lesson_edits, media_events, pricing
from catalog.authoring import require_staff
from catalog.failures import failed_events
from shared.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from shared.events import CATALOG_CHANGED, MEDIA, MEDIA_FAILED, MEDIA_READY, MEDIA_UPLOADED, CatalogChanged
from shared.service import Service, event_handler, rpc


RETRY_INTERVAL_SECONDS = 1.0
STAFF_READ_ERRORS = (Unauthenticated, Forbidden, NotFound)
STAFF_WRITE_ERRORS = (Unauthenticated, Forbidden, NotFound, InvalidInput, Conflict)

# How each event type that catalog consumes is applied, on first delivery
# and on every retry of a failed one (dispatched on the stored type).
EVENT_HANDLERS = {
    MEDIA_UPLOADED: media_events.apply_media_uploaded,
    MEDIA_READY: media_events.apply_media_ready,
    MEDIA_FAILED: media_events.apply_media_failed,
}


class CatalogService(Service):
    """Courses, lessons and assets: what can be learnt and bought, and its price."""

    name = "catalog"

    # catalog_changed tells every gateway instance to drop the catalog
    # answers it keeps (gateway/catalog_cache.py).
    dispatch = EventDispatcher()

    def _changed(self, reason):
        """Commit, then tell the copies: a gateway that refills its cache on
        the event must read the change."""
        self.db.commit()
        self.dispatch(CATALOG_CHANGED, CatalogChanged.new(reason).to_payload())

    @rpc
    def list_courses(self):
        """Every course, by level: ``[course]``."""
        return courses.list_courses(self.db)

    @rpc(expected_exceptions=(NotFound,))
    def get_course_by_slug(self, slug):
        """``{"course", "lessons"}``, lessons by module then lesson number. NotFound."""
        return courses.get_course_by_slug(self.db, slug)

    @rpc(expected_exceptions=(NotFound,))
    def get_course(self, course_id, include_unlisted=False):
        """One course the store lists (any course with ``include_unlisted``,
        as an enrollment sees it). NotFound for an unknown or malformed id."""
        return courses.get_course(self.db, course_id, include_unlisted)

    @rpc(expected_exceptions=(InvalidInput,))
    def get_courses(self, course_ids):
        """``{course_id: course}`` for the known ids among ``course_ids``; the
        others are left out. InvalidInput when ``course_ids`` is not a list."""
        return courses.get_courses(self.db, course_ids)

    @rpc(expected_exceptions=(NotFound,))
    def get_lesson(self, lesson_id, include_unlisted=False):
        """One published lesson (no preview when its course is not listed; any
        lesson with ``include_unlisted``, for its authors' uploads). NotFound
        for an unknown, unpublished, deleted or malformed id."""
        return courses.get_lesson(self.db, lesson_id, include_unlisted)

    @rpc
    def list_assets(self):
        """Every asset, in the store's order: ``[asset]``."""
        return assets.list_assets(self.db)

    @rpc(expected_exceptions=(NotFound,))
    def get_asset(self, asset_id, include_unlisted=False):
        """One asset the store lists (any asset with ``include_unlisted``, with
        ``listed``, for its buyers). NotFound for an unknown or malformed id."""
        return assets.get_asset(self.db, asset_id, include_unlisted)

    @rpc(expected_exceptions=(InvalidInput, NotFound))
    def price_items(self, items, include_unlisted=False):
        """``[{"itemType", "itemId", "title", "price"}]`` for ``[{"itemType",
        "itemId"}]``, in the same order. NotFound (ITEM_NOT_FOUND, details
        ``{"itemId"}``) for an unknown or malformed id, or one the store does
        not list (unless ``include_unlisted``: receipts name what was bought);
        InvalidInput for an unknown item type."""
        return pricing.price_items(self.db, items, include_unlisted)

    # Staff's authoring (shared/contracts/authoring.py): instructors and
    # admins, checked here whoever calls. Every change commits, then says so.

    @rpc(expected_exceptions=STAFF_READ_ERRORS)
    def admin_list_courses(self, actor):
        """Every course not deleted, drafts included: ``[AdminCourse]``."""
        require_staff(actor)
        return course_edits.list_courses(self.db)

    @rpc(expected_exceptions=STAFF_READ_ERRORS)
    def admin_get_course(self, actor, course_id):
        """``{"course", "lessons"}``, drafts included. NotFound."""
        require_staff(actor)
        return course_edits.get_course(self.db, course_id)

    @rpc(expected_exceptions=STAFF_WRITE_ERRORS)
    def create_course(self, actor, fields):
        """A new course: AdminCourse. InvalidInput; Conflict SLUG_TAKEN."""
        require_staff(actor)
        course = course_edits.create_course(self.db, fields)
        self._changed("course created")
        return course

    @rpc(expected_exceptions=STAFF_WRITE_ERRORS)
    def update_course(self, actor, course_id, fields):
        """The course edited: AdminCourse. NotFound; InvalidInput; Conflict SLUG_TAKEN."""
        require_staff(actor)
        course = course_edits.update_course(self.db, course_id, fields)
        self._changed("course updated")
        return course

    @rpc(expected_exceptions=STAFF_READ_ERRORS)
    def delete_course(self, actor, course_id):
        """Soft-delete the course. NotFound."""
        require_staff(actor)
        course_edits.delete_course(self.db, course_id)
        self._changed("course deleted")

    @rpc(expected_exceptions=STAFF_WRITE_ERRORS)
    def create_lesson(self, actor, course_id, fields):
        """A new lesson of the course: AdminLesson. NotFound; InvalidInput;
        Conflict LESSON_NUMBER_TAKEN."""
        require_staff(actor)
        lesson = lesson_edits.create_lesson(self.db, course_id, fields)
        self._changed("lesson created")
        return lesson

    @rpc(expected_exceptions=STAFF_WRITE_ERRORS)
    def update_lesson(self, actor, lesson_id, fields):
        """The lesson with the fields given changed: AdminLesson. NotFound;
        InvalidInput; Conflict LESSON_NUMBER_TAKEN."""
        require_staff(actor)
        lesson = lesson_edits.update_lesson(self.db, lesson_id, fields)
        self._changed("lesson updated")
        return lesson

    @rpc(expected_exceptions=STAFF_READ_ERRORS)
    def delete_lesson(self, actor, lesson_id):
        """Soft-delete the lesson. NotFound."""
        require_staff(actor)
        lesson_edits.delete_lesson(self.db, lesson_id)
        self._changed("lesson deleted")

    @rpc(expected_exceptions=STAFF_WRITE_ERRORS)
    def set_outline(self, actor, course_id, outline):
        """Modules and lessons renumbered (and modules renamed) as
        ``{"modules": [{"moduleName", "lessonIds"}]}`` says, all or nothing:
        ``{"course", "lessons"}``. NotFound; InvalidInput (OUTLINE_MISMATCH)."""
        require_staff(actor)
        detail = lesson_edits.set_outline(self.db, course_id, outline)
        self._changed("outline set")
        return detail

    @rpc(expected_exceptions=STAFF_READ_ERRORS)
    def admin_list_assets(self, actor):
        """Every asset not deleted, drafts included: ``[AdminAsset]``."""
        require_staff(actor)
        return asset_edits.list_assets(self.db)

    @rpc(expected_exceptions=STAFF_WRITE_ERRORS)
    def create_asset(self, actor, fields):
        """A new asset: AdminAsset. InvalidInput; Conflict ASSET_TITLE_TAKEN."""
        require_staff(actor)
        asset = asset_edits.create_asset(self.db, fields)
        self._changed("asset created")
        return asset

    @rpc(expected_exceptions=STAFF_WRITE_ERRORS)
    def update_asset(self, actor, asset_id, fields):
        """The asset edited: AdminAsset. NotFound; InvalidInput; Conflict ASSET_TITLE_TAKEN."""
        require_staff(actor)
        asset = asset_edits.update_asset(self.db, asset_id, fields)
        self._changed("asset updated")
        return asset

    @rpc(expected_exceptions=STAFF_READ_ERRORS)
    def delete_asset(self, actor, asset_id):
        """Soft-delete the asset. NotFound."""
        require_staff(actor)
        asset_edits.delete_asset(self.db, asset_id)
        self._changed("asset deleted")

    # Durable queues declared by deploy/bootstrap.py. Applying is idempotent;
    # a failure is recorded and retried, an event that can never apply is
    # parked (catalog/failures.py); only when even that record cannot be
    # written does the event go back to the queue.
    @event_handler(MEDIA, MEDIA_UPLOADED, handler_type=SERVICE_POOL, reliable_delivery=True, requeue_on_error=True)
    def handle_media_uploaded(self, payload):
        """Record a lesson's video as processing (unless one plays already)."""
        if failed_events.handle(self.db, MEDIA_UPLOADED, payload, EVENT_HANDLERS):
            self._changed(MEDIA_UPLOADED)

    @event_handler(MEDIA, MEDIA_READY, handler_type=SERVICE_POOL, reliable_delivery=True, requeue_on_error=True)
    def handle_media_ready(self, payload):
        """Record a lesson's video as ready, with its duration."""
        if failed_events.handle(self.db, MEDIA_READY, payload, EVENT_HANDLERS):
            self._changed(MEDIA_READY)

    @event_handler(MEDIA, MEDIA_FAILED, handler_type=SERVICE_POOL, reliable_delivery=True, requeue_on_error=True)
    def handle_media_failed(self, payload):
        """Record that a lesson's video could not be made."""
        if failed_events.handle(self.db, MEDIA_FAILED, payload, EVENT_HANDLERS):
            self._changed(MEDIA_FAILED)

    @timer(interval=RETRY_INTERVAL_SECONDS)
    def retry_failed_events(self):
        """Apply again the failed events that are due (backoff, then parked)."""
        if failed_events.retry_due(self.db, EVENT_HANDLERS):
            self._changed("retried events")

    @rpc
    def list_failed_events(self, status=None):
        """For operators: the events that failed, ``pending`` or ``parked``."""
        return failed_events.list_failed(self.db, status)

    @rpc
    def replay_parked_events(self, ids=None):
        """For operators: retry parked events (all, or these row/event ids) now.
        Returns how many were sent back to pending."""
        return failed_events.replay_parked(self.db, ids)
