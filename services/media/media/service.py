from nameko.events import EventDispatcher
from nameko.timer import timer

from media import objects, outbox, owners, uploads
from media.dependencies import MediaStorage
from media.failures import failed_events
from shared.errors import Conflict, DependencyUnavailable, Forbidden, InvalidInput, NotFound, PayloadTooLarge
from shared.errors import Unauthenticated
from shared.service import Service, ServiceRpc, rpc
from shared.settings import get_settings

# What the staff's upload calls may raise.
UPLOAD_ERRORS = (Unauthenticated, Forbidden, InvalidInput, NotFound, Conflict, PayloadTooLarge)

RELAY_INTERVAL_SECONDS = 1.0
# As commerce's: a publish that cannot reach the broker gives up quickly;
# the relay tries again every second.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0.2, "interval_step": 0.2, "interval_max": 0.5}


class MediaService(Service):
    """Media objects: what they belong to, their status and renditions.
    Publishes media_uploaded (imports) and, for the worker, media_ready and
    media_failed, all through its outbox."""

    name = "media"

    storage = MediaStorage()
    # Whether an upload's owner exists (media/owners.py).
    catalog_rpc = ServiceRpc("catalog")
    # Persistent, confirmed and ``mandatory``: an event no queue would take
    # stays in the outbox (the queues are declared by deploy/bootstrap.py).
    dispatch = EventDispatcher(mandatory=True, use_confirms=True, retry_policy=PUBLISH_RETRY_POLICY)

    @rpc(expected_exceptions=(InvalidInput,))
    def import_media(self, owner_type, owner_id, source_path):
        """Store the file at ``source_path`` (on this service's machine) as the
        video of an owner (``lesson`` + id) and queue its transcode: the media
        object, ``uploaded``. The same file for the same owner again returns
        the existing object. InvalidInput (owner type, owner id, file)."""
        media = objects.import_media(self.db, self.storage, owner_type, owner_id, source_path)
        # The transcode's event once the caller has its answer (the relay's, should this fail).
        self.after_reply(lambda: outbox.publish_after_reply(self.db, self.dispatch, media["id"]))
        return media

    @rpc(expected_exceptions=(NotFound,))
    def get_media(self, media_id):
        """One media object with its renditions. NotFound."""
        return objects.get_media(self.db, media_id)

    @rpc(expected_exceptions=(InvalidInput,))
    def list_owner_media(self, owner_type, owner_id):
        """An owner's media objects, newest first."""
        return objects.list_owner_media(self.db, owner_type, owner_id)

    @rpc(expected_exceptions=(InvalidInput,))
    def get_playback(self, owner_type, owner_id):
        """The storage keys (master playlist, poster) of an owner's newest
        ready video, or None. InvalidInput (owner type, owner id)."""
        return objects.get_playback(self.db, owner_type, owner_id)

    @rpc(expected_exceptions=(InvalidInput,))
    def get_download(self, owner_type, owner_id):
        """What the gateway signs for a buyer: the newest pack of an owner
        (``asset`` + id) as ``{mediaId, fileName, sizeBytes, sha256}``, or
        None. InvalidInput (owner type, owner id)."""
        return objects.get_download(self.db, owner_type, owner_id)

    # -- uploads (staff; the gateway's /api/admin/uploads) -------------------

    @rpc(expected_exceptions=UPLOAD_ERRORS + (DependencyUnavailable,))
    def create_upload(self, actor, owner_type, owner_id, kind, file_name, size):
        """A new upload (``receiving``) of ``size`` bytes: a lesson's
        ``video``, an asset's ``pack`` or ``preview``. Staff only
        (Forbidden ROLE_REQUIRED); InvalidInput (kind not for the owner, file
        name, size); PayloadTooLarge UPLOAD_TOO_LARGE; NotFound OWNER_NOT_FOUND."""
        return uploads.create_upload(
            self.db, get_settings(), actor, owner_type, owner_id, kind, file_name, size,
            lambda owner_type, owner_id: owners.owner_exists(self.catalog_rpc, owner_type, owner_id),
        )

    @rpc(expected_exceptions=UPLOAD_ERRORS)
    def begin_chunk(self, actor, upload_id, start, end, total):
        """Asked by the gateway before it stores bytes ``start..end`` of
        ``total``: ``{"key"}`` to store them under. Conflict UPLOAD_OFFSET
        (details ``received``) for a chunk that does not start where the
        upload is; PayloadTooLarge UPLOAD_CHUNK_TOO_LARGE; NotFound."""
        return uploads.begin_chunk(self.db, get_settings(), actor, upload_id, start, end, total)

    @rpc(expected_exceptions=UPLOAD_ERRORS)
    def record_chunk(self, actor, upload_id, start, end, key, written):
        """The gateway stored the chunk under ``key``: the upload, ``received``
        (shown ``processing``) after its last chunk. Conflict UPLOAD_OFFSET
        when another chunk was recorded first."""
        return uploads.record_chunk(self.db, actor, upload_id, start, end, key, written)

    @rpc(expected_exceptions=UPLOAD_ERRORS)
    def get_upload(self, actor, upload_id):
        """One upload, its status following the pipeline. NotFound."""
        return uploads.get_upload(self.db, actor, upload_id)

    @rpc(expected_exceptions=UPLOAD_ERRORS)
    def list_uploads(self, actor, owner_type=None, owner_id=None):
        """Uploads, newest first, of one owner when given."""
        return uploads.list_uploads(self.db, actor, owner_type, owner_id)

    @timer(interval=RELAY_INTERVAL_SECONDS)
    def relay_outbox(self):
        """Publish the events still pending in the outbox (every second),
        including those the worker wrote."""
        outbox.try_publish(self.db, self.dispatch)

    @rpc
    def list_failed_events(self, status=None):
        """For operators: the transcode jobs that failed, ``pending`` or ``parked``."""
        return failed_events.list_failed(self.db, status)

    @rpc
    def replay_parked_events(self, ids=None):
        """For operators: retry parked jobs (all, or these row/event ids) now."""
        return failed_events.replay_parked(self.db, ids)
