from nameko.events import EventDispatcher
from nameko.timer import timer

from media import objects, outbox
from media.dependencies import MediaStorage
from media.failures import failed_events
from shared.errors import InvalidInput, NotFound
from shared.service import Service, rpc

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
        self.db.commit()
        outbox.try_publish(self.db, self.dispatch, aggregate_id=media["id"])
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
