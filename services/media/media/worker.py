"""media_worker: the transcode worker, a process of its own.

It works on media's own rows (same role and schema: the job's state is the
media object's status, which only media's history may shape), so it sets
``schema = "media"``; it is not in ``SERVICES`` because a process busy for
minutes in ffmpeg must not count against /api/ready. ``max_workers: 1``
(services/media/worker.yml): one job at a time, and one unacknowledged
message, so a second instance takes the next job rather than queueing
behind this one.
"""

import time

from nameko.events import SERVICE_POOL
from nameko.timer import timer

from media import jobs, upload_imports
from media.dependencies import MediaStorage
from media.failures import failed_events
from shared.events import MEDIA, MEDIA_UPLOADED
from shared.service import Service, event_handler
from shared.settings import get_settings

RETRY_INTERVAL_SECONDS = 2.0
# How often a worker looks for a received upload to import.
IMPORT_INTERVAL_SECONDS = 1.0
# How long a delivery whose job another instance holds waits before it goes
# back to the queue (green: the worker's other entrypoints go on).
HELD_PAUSE_SECONDS = 5.0


class JobHeldElsewhere(Exception):
    """Raised to give a delivery back to the queue (requeue_on_error)."""


class TranscodeWorker(Service):
    """Transcodes each uploaded source to HLS (360p, 720p) and a poster, and
    imports the files staff upload once all their chunks are in."""

    name = "media_worker"
    schema = "media"

    storage = MediaStorage()

    def _handlers(self):
        preset = get_settings().transcode_preset
        return {MEDIA_UPLOADED: lambda db, payload: jobs.transcode(db, payload, self.storage, preset)}

    # The queue (evt-media-media_uploaded--media_worker.handle_media_uploaded)
    # is durable and declared by deploy/bootstrap.py. Nameko acknowledges the
    # message when this returns: after the job, its result committed. A job
    # that fails is recorded for retry (or parked) in the same commit; only
    # when even that cannot be written does this raise, and the message goes
    # back to the queue (requeue_on_error).
    @event_handler(MEDIA, MEDIA_UPLOADED, handler_type=SERVICE_POOL, reliable_delivery=True, requeue_on_error=True)
    def handle_media_uploaded(self, payload):
        jobs.start(self.db, payload)
        self.db.commit()  # "processing" shows while the job runs
        if jobs.held_elsewhere(self.db, payload):
            # A second delivery while another instance works (after a broker
            # restart): acknowledged only once that job's outcome is known.
            self.db.rollback()
            time.sleep(HELD_PAUSE_SECONDS)
            raise JobHeldElsewhere("another instance holds this job; back to the queue")
        failed_events.handle(self.db, MEDIA_UPLOADED, payload, self._handlers())

    @timer(interval=RETRY_INTERVAL_SECONDS)
    def retry_failed_jobs(self):
        """Run again the failed jobs that are due (backoff, then parked)."""
        failed_events.retry_due(self.db, self._handlers(), limit=1)

    # The worker, not the media service: an import copies the whole file
    # (minutes for a long video from S3), the kind of job this process is
    # for (one at a time, room in /tmp), and one that must not hold up RPCs.
    @timer(interval=IMPORT_INTERVAL_SECONDS)
    def import_uploads(self):
        """Import the received uploads that are due, one at a time."""
        while (finished := upload_imports.import_next(self.db, self.storage)) is not None:
            self.db.commit()  # the outcome first: the chunks are deleted only once it is durable
            upload_imports.clean_up(self.storage, finished)
