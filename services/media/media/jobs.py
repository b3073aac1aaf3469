"""The transcode job of one ``media_uploaded`` event (run by media_worker).

``start`` marks the object ``processing`` (committed by the entrypoint, so
that it shows while the job runs). ``transcode`` does the job with the media
row locked (``FOR UPDATE``) for its whole length, in the entrypoint's
transaction:

- a finished object (``ready`` or ``failed``) is left alone: a second
  delivery does nothing;
- a row locked by another instance is that instance's job. The worker gives
  this delivery back to the queue (``held_elsewhere``), after a pause, until
  that job is finished or its instance is gone: after a broker restart the
  other instance's own message may already be lost with its channel, so this
  copy must not be acknowledged before the job's outcome is committed;
- a worker killed mid-job holds no lock any more and its message returns to
  the queue: the job is done again from the start, and the renditions, the
  ``ready`` status and ``media_ready`` are committed together, once.

A source ffmpeg cannot read raises ``BadSource`` (a ``PoisonEvent``): the
kit parks the event at once and ``mark_failed`` records why and emits
``media_failed``. Any other failure (storage unreachable, an ffmpeg stopped
by a signal as the worker stops: ``ffmpeg.Interrupted``) is retried with
backoff by the kit and, after the last attempt, parked the same way.
"""

import tempfile
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from media import ffmpeg, outbox
from media.models import MediaFile, MediaObject, Rendition
from media.storage import Storage, download
from shared.events import MEDIA_FAILED, MEDIA_READY, MediaFailed, MediaReady, MediaUploaded, PoisonEvent
from shared.logging import get_logger

log = get_logger(__name__)

FINISHED = ("ready", "failed")


def start(db: Session, payload) -> None:
    """Mark the object of a media_uploaded event ``processing``, unless it is
    finished or another instance holds it. A payload that cannot be read is
    left for ``transcode`` to refuse."""
    try:
        event = MediaUploaded.read(payload)
    except PoisonEvent:
        return
    free = select(MediaObject.id).where(MediaObject.id == event.media_id).with_for_update(skip_locked=True)
    db.execute(
        update(MediaObject)
        .where(MediaObject.id.in_(free.scalar_subquery()), MediaObject.status == "uploaded")
        .values(status="processing")
    )


def held_elsewhere(db: Session, payload) -> bool:
    """Whether another instance holds the job of this media_uploaded event
    (its row is locked). When it is free, this transaction now holds it."""
    try:
        event = MediaUploaded.read(payload)
    except PoisonEvent:
        return False
    if _lock(db, event.media_id) is not None:
        return False
    return db.scalar(select(MediaObject.id).where(MediaObject.id == event.media_id)) is not None


def _lock(db: Session, media_id: str) -> MediaObject | None:
    return db.scalars(
        select(MediaObject).where(MediaObject.id == media_id).with_for_update(skip_locked=True)
    ).first()


def transcode(db: Session, payload, storage: Storage, preset: str = "veryfast") -> str:
    """Do the job of a media_uploaded event; what happened: ``ready``,
    ``skipped`` (finished already) or ``busy`` (another instance has it)."""
    event = MediaUploaded.read(payload)
    media = _lock(db, event.media_id)
    if media is None:
        if db.scalar(select(MediaObject.id).where(MediaObject.id == event.media_id)) is None:
            raise PoisonEvent(f"no media object {event.media_id}")
        log.info("media job held by another instance", media_id=event.media_id)
        return "busy"
    if media.status in FINISHED:
        log.info("media job already finished", media_id=media.id, status=media.status)
        return "skipped"

    with tempfile.TemporaryDirectory(prefix="media-job-") as work:
        work = Path(work)
        source = work / "source"
        download(storage, media.source_key, source)
        probe = ffmpeg.probe(source)
        out = work / "hls"
        out.mkdir()
        outputs = ffmpeg.transcode_hls(source, out, probe.has_audio, preset=preset)
        ffmpeg.poster(source, out / "poster.jpg", at_seconds=min(2.0, probe.duration_seconds / 2))
        prefix = f"hls/{media.id}"
        files = _store_tree(storage, out, prefix)

    # The job is redone from scratch after a crash: what a dead attempt
    # recorded was rolled back with it, so there is nothing to merge.
    for stored, kind in files:
        db.add(MediaFile(media_id=media.id, kind=kind, key=stored.key, size=stored.size, sha256=stored.sha256))
    renditions = [
        Rendition(
            media_id=media.id,
            name=o.name,
            height=o.height,
            width=o.width,
            bandwidth=o.bandwidth,
            playlist_key=f"{prefix}/{o.playlist}",
        )
        for o in outputs
    ]
    media.renditions = renditions
    media.status = "ready"
    media.failure_reason = None
    media.duration_seconds = round(probe.duration_seconds, 3)
    media.master_playlist_key = f"{prefix}/master.m3u8"
    media.poster_key = f"{prefix}/poster.jpg"
    db.flush()
    outbox.add(
        db,
        MEDIA_READY,
        media.id,
        lambda event_id: MediaReady(
            event_id,
            media.id,
            media.owner_type,
            media.owner_id,
            media.duration_seconds,
            [
                {"name": r.name, "height": r.height, "bandwidth": r.bandwidth, "playlistKey": r.playlist_key}
                for r in renditions
            ],
            imported_at=media.created_at,
        ).to_payload(),
    )
    log.info("media ready", media_id=media.id, duration_seconds=media.duration_seconds)
    return "ready"


def _kind(name: str) -> str:
    if name == "master.m3u8":
        return "master"
    if name.endswith(".m3u8"):
        return "playlist"
    if name.endswith(".jpg"):
        return "poster"
    return "segment"


def _store_tree(storage: Storage, root: Path, prefix: str) -> list:
    """Every file under ``root`` stored under ``prefix``; playlists last, so
    that a playlist never names a segment that is not stored yet."""
    paths = sorted((p for p in root.rglob("*") if p.is_file()), key=lambda p: (p.suffix == ".m3u8", p.name == "master.m3u8"))
    return [(storage.put_file(f"{prefix}/{p.relative_to(root).as_posix()}", p), _kind(p.name)) for p in paths]


def mark_failed(db: Session, event_type: str, payload, reason: str) -> None:
    """The kit's ``on_park``: a parked job's object is ``failed``, with the
    reason, and ``media_failed`` goes out. Nothing to mark for a payload
    that names no media object, or for one already finished."""
    try:
        event = MediaUploaded.read(payload)
    except PoisonEvent:
        log.warning("unreadable media event parked", event_type=event_type)
        return
    media = db.get(MediaObject, event.media_id)
    if media is None or media.status in FINISHED:
        return
    media.status, media.failure_reason = "failed", reason[:2000]
    db.flush()
    outbox.add(
        db,
        MEDIA_FAILED,
        media.id,
        lambda event_id: MediaFailed(
            event_id, media.id, media.owner_type, media.owner_id, media.failure_reason, imported_at=media.created_at
        ).to_payload(),
    )
    log.warning("media failed", media_id=media.id, reason=media.failure_reason)
