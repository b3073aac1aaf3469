"""Importing a received upload (run by media_worker's timer): its chunks,
read in order from the media storage, become one stored file and its media
object, through the same rules as the operators' importer
(media/importer.py): a video is ``uploaded`` and goes to the transcode (its
``media_uploaded`` in the outbox), a pack (a zip) or a preview (a JPEG) is
``ready`` at once. A file that cannot be one (a pack that is not a zip, a
chunk gone from storage) fails the upload with the reason; a video ffmpeg
cannot read fails later, in the transcode, and the upload shows that.

The upload's row is locked (``FOR UPDATE SKIP LOCKED``) for the whole
import, in the timer's transaction: two workers never import the same
upload, and a worker that dies mid-import leaves it ``received`` for the
next one (what it stored is garbage, never named by a row). Any other
failure (the storage unreachable) is tried again with backoff, and after
``MAX_ATTEMPTS`` fails the upload.
"""

import io
import uuid
from datetime import datetime, timezone

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from media import objects
from media.models import Upload, UploadPart
from media.objects import STORED_KINDS
from media.storage import MissingObject, Storage
from media.uploads import source_suffix, upload_prefix
from shared.contracts.media import pack_key, preview_key
from shared.logging import get_logger
from shared.service.failures import backoff

log = get_logger(__name__)

MAX_ATTEMPTS = 5


class BadUpload(Exception):
    """The received bytes cannot be this kind of file: no retry helps."""


class PartsReader(io.RawIOBase):
    """The chunks of an upload, in order, as one readable stream."""

    def __init__(self, storage: Storage, keys: list[str]):
        self.storage, self.keys, self.current = storage, list(keys), None

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        while True:
            if self.current is None:
                if not self.keys:
                    return b""
                self.current = self.storage.open(self.keys.pop(0))
            data = self.current.read(n) if n is not None and n >= 0 else self.current.read()
            if data:
                return data
            self.current.close()
            self.current = None

    def close(self) -> None:
        if self.current is not None:
            self.current.close()
            self.current = None
        super().close()


def _now() -> datetime:
    return datetime.now(timezone.utc)


def next_due(db: Session, upload_id: str | None = None) -> Upload | None:
    """The received upload to import next (or this one, if due), locked;
    None when there is none (or every one is another worker's)."""
    query = select(Upload).where(
        Upload.status == "received", or_(Upload.import_after.is_(None), Upload.import_after <= _now())
    )
    if upload_id is not None:
        query = query.where(Upload.id == upload_id)
    return db.scalars(query.order_by(Upload.import_after).limit(1).with_for_update(skip_locked=True, of=Upload)).first()


def import_next(db: Session, storage: Storage, upload_id: str | None = None) -> str | None:
    """Import the next due upload (or this one); its id when it is finished
    (imported or failed: its chunks may go, see ``clean_up``), else None.
    Commits nothing."""
    upload = next_due(db, upload_id)
    if upload is None:
        return None
    try:
        with db.begin_nested():
            _import(db, storage, upload)
    except BadUpload as exc:
        _fail(upload, str(exc))
    except Exception as exc:  # storage unreachable, and the like: later
        upload.import_attempts += 1
        if upload.import_attempts >= MAX_ATTEMPTS:
            _fail(upload, f"The file could not be imported: {exc}")
        else:
            upload.import_after = _now() + backoff(upload.import_attempts)
            log.warning("upload import failed; will retry", upload_id=upload.id, error=repr(exc))
            db.flush()
            return None
    db.flush()
    return upload.id


def _fail(upload: Upload, reason: str) -> None:
    upload.status, upload.error = "failed", reason[:2000]
    log.warning("upload failed", upload_id=upload.id, reason=upload.error)


def _import(db: Session, storage: Storage, upload: Upload) -> None:
    parts = db.scalars(select(UploadPart).where(UploadPart.upload_id == upload.id).order_by(UploadPart.start)).all()
    offset = 0
    for part in parts:
        if part.start != offset:
            raise BadUpload("The chunks received do not make the whole file")
        offset += part.size
    if offset != upload.size:
        raise BadUpload(f"{offset} bytes of {upload.size} were received")
    keys = [part.key for part in parts]
    try:
        if upload.kind in STORED_KINDS:
            magic, what = STORED_KINDS[upload.kind]
            with PartsReader(storage, keys) as head:
                first = b""
                while len(first) < len(magic) and (more := head.read(len(magic) - len(first))):
                    first += more
            if first != magic:
                raise BadUpload(f"A {upload.kind} must be {what}: {upload.file_name} is not")
        media_id = str(uuid.uuid4())
        if upload.kind == "pack":
            key = pack_key(media_id, upload.file_name)
        elif upload.kind == "preview":
            key = preview_key(media_id)
        else:
            key = f"sources/{media_id}/source{source_suffix(upload.file_name)}"
        with PartsReader(storage, keys) as stream:
            stored = storage.put_stream(key, stream)
    except MissingObject as exc:
        raise BadUpload("A chunk of the file is missing from storage") from exc
    if stored.size != upload.size:
        storage.delete(stored.key)
        raise BadUpload(f"{stored.size} bytes of {upload.size} were found in storage")
    media = objects.adopt_stored(
        db, storage, upload.owner_type, upload.owner_id, upload.kind, media_id, stored, upload.file_name
    )
    upload.media_id, upload.status = media.id, "imported"
    log.info("upload imported", upload_id=upload.id, media_id=media.id, kind=upload.kind, size=upload.size)


def clean_up(storage: Storage, upload_id: str) -> None:
    """Delete a finished upload's chunks (after its outcome is committed)."""
    try:
        storage.delete_tree(upload_prefix(upload_id))
    except Exception as exc:  # garbage at worst
        log.warning("upload chunks not deleted", upload_id=upload_id, error=repr(exc))
