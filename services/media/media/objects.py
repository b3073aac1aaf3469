"""Media objects: importing a source, reading one back.

``import_media`` stores the source, records the media object (``uploaded``)
and writes ``media_uploaded`` to the outbox in the caller's transaction; the
worker takes it from there. Importing the same file for the same owner again
returns the existing object and stores, records and emits nothing.

``store_file`` does the same for a file served as it is stored (an asset's
pack or preview): no transcode, so the object is ``ready`` at once and no
event goes out (no service waits on one); the same rule of "the same file
again is the same object" holds.
"""

import hashlib
import re
import uuid
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from media import outbox
from media.models import MediaFile, MediaObject
from media.storage import Storage, Stored
from shared.contracts.media import DownloadKeys, MediaPublic, PlaybackKeys, pack_key, preview_key
from shared.errors import InvalidInput, NotFound
from shared.events import MEDIA_OWNER_TYPES, MEDIA_UPLOADED, MediaUploaded
from shared.formats import parse_uuid
from shared.logging import get_logger

log = get_logger(__name__)

CHUNK = 1024 * 1024
# Letters, digits, dot, dash, underscore: safe in a storage key, a URL path
# and a Content-Disposition header alike.
_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,95}\.zip")
# What store_file takes, and the first bytes of the file each must be: a
# zip, a JPEG (the gateway serves them as application/zip and image/jpeg).
STORED_KINDS = {"pack": (b"PK\x03\x04", "a zip"), "preview": (b"\xff\xd8\xff", "a JPEG")}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def check_owner(owner_type, owner_id) -> tuple[str, str]:
    if owner_type not in MEDIA_OWNER_TYPES:
        raise InvalidInput(
            f"ownerType must be one of {', '.join(MEDIA_OWNER_TYPES)}", details={"fields": {"ownerType": "unknown"}}
        )
    owner = parse_uuid(owner_id) if isinstance(owner_id, str) else None
    if owner is None:
        raise InvalidInput("ownerId must be a UUID", details={"fields": {"ownerId": "not a UUID"}})
    return owner_type, str(owner)


def check_source(source_path) -> Path:
    path = Path(source_path) if isinstance(source_path, str) and source_path else None
    if path is None or not path.is_file():
        raise InvalidInput("No such source file", details={"fields": {"sourcePath": "no such file"}})
    if path.stat().st_size == 0:
        raise InvalidInput("The source file is empty", details={"fields": {"sourcePath": "empty"}})
    return path


def check_file_name(file_name) -> str:
    """A pack's name for the buyer: one plain name ending in .zip."""
    if not isinstance(file_name, str) or not _FILE_NAME.fullmatch(file_name):
        raise InvalidInput(
            "fileName must be a plain name ending in .zip", details={"fields": {"fileName": "not a plain .zip name"}}
        )
    return file_name


def find_by_source(db: Session, owner_type: str, owner_id: str, sha256: str) -> MediaObject | None:
    return db.scalars(
        select(MediaObject).where(
            MediaObject.owner_type == owner_type,
            MediaObject.owner_id == owner_id,
            MediaObject.source_sha256 == sha256,
        )
    ).first()


def import_media(db: Session, storage: Storage, owner_type, owner_id, source_path) -> dict:
    """Store ``source_path`` as the video of an owner: the media object.
    InvalidInput for an unknown owner type, a malformed owner id, or a
    missing or empty file."""
    owner_type, owner_id = check_owner(owner_type, owner_id)
    path = check_source(source_path)
    sha256 = _sha256(path)
    existing = find_by_source(db, owner_type, owner_id, sha256)
    if existing is not None:
        return MediaPublic.to_wire(existing)

    media_id = str(uuid.uuid4())
    source_key = f"sources/{media_id}/source{path.suffix.lower()[:8] if path.suffix.isascii() else ''}"
    # Stored before the row: an object no row names is garbage at worst,
    # a row naming no object would be a job that can never run.
    stored = storage.put_file(source_key, path)
    media = MediaObject(
        id=media_id,
        owner_type=owner_type,
        owner_id=owner_id,
        status="uploaded",
        source_key=source_key,
        source_size=stored.size,
        source_sha256=stored.sha256,
        # The time of this insert, not of its transaction (now()): "newest
        # first" holds for two imports in one transaction too (the seed's).
        created_at=func.clock_timestamp(),
    )
    try:
        with db.begin_nested():
            db.add(media)
            db.add(MediaFile(media_id=media_id, kind="source", key=source_key, size=stored.size, sha256=stored.sha256))
            db.flush()
            outbox.add(
                db,
                MEDIA_UPLOADED,
                media_id,
                lambda event_id: MediaUploaded(
                    event_id, media_id, owner_type, owner_id, source_key, imported_at=media.created_at
                ).to_payload(),
            )
            db.flush()
    except IntegrityError:
        # The same import raced this one and won: its object stands.
        storage.delete(source_key)
        existing = find_by_source(db, owner_type, owner_id, sha256)
        return MediaPublic.to_wire(existing)
    log.info("media imported", media_id=media_id, owner_type=owner_type, owner_id=owner_id, size=stored.size)
    return MediaPublic.to_wire(media)


def store_file(db: Session, storage: Storage, owner_type, owner_id, kind, source_path, file_name=None) -> dict:
    """Store ``source_path`` as an owner's ``pack`` (a zip named ``file_name``)
    or ``preview`` (a JPEG): a media object ``ready`` at once. The same file
    for the same owner again returns the existing object. InvalidInput for an
    unknown owner type or kind, a malformed owner id or file name, or a
    missing or empty file. A recorded object whose stored bytes are gone is
    stored again from the same file."""
    owner_type, owner_id = check_owner(owner_type, owner_id)
    if kind not in STORED_KINDS:
        raise InvalidInput(f"kind must be one of {', '.join(STORED_KINDS)}", details={"fields": {"kind": "unknown"}})
    if kind == "pack":
        file_name = check_file_name(file_name)
    else:
        file_name = None
    path = check_source(source_path)
    magic, what = STORED_KINDS[kind]
    with open(path, "rb") as stream:
        if stream.read(len(magic)) != magic:
            raise InvalidInput(f"A {kind} must be {what}", details={"fields": {"sourcePath": f"not {what}"}})
    sha256 = _sha256(path)
    existing = find_by_source(db, owner_type, owner_id, sha256)
    if existing is not None:
        if not storage.exists(existing.source_key):
            # Its bytes were lost (a media root wiped under a kept database):
            # these are the same bytes, so they go back under the same key.
            storage.put_file(existing.source_key, path)
            log.warning("media file restored", media_id=existing.id, key=existing.source_key)
        return MediaPublic.to_wire(existing)

    media_id = str(uuid.uuid4())
    key = pack_key(media_id, file_name) if kind == "pack" else preview_key(media_id)
    stored = storage.put_file(key, path)  # before the row, as import_media's source
    media = MediaObject(
        id=media_id,
        owner_type=owner_type,
        owner_id=owner_id,
        kind=kind,
        status="ready",
        source_key=key,
        source_size=stored.size,
        source_sha256=stored.sha256,
        file_name=file_name,
        created_at=func.clock_timestamp(),
    )
    try:
        with db.begin_nested():
            db.add(media)
            db.add(MediaFile(media_id=media_id, kind=kind, key=key, size=stored.size, sha256=stored.sha256))
            db.flush()
    except IntegrityError:
        storage.delete(key)
        return MediaPublic.to_wire(find_by_source(db, owner_type, owner_id, sha256))
    log.info("media stored", media_id=media_id, kind=kind, owner_type=owner_type, owner_id=owner_id, size=stored.size)
    return MediaPublic.to_wire(media)


def adopt_stored(db: Session, storage: Storage, owner_type: str, owner_id: str, kind: str, media_id: str,
                 stored: Stored, file_name: str | None = None) -> MediaObject:
    """The media object of bytes already stored under ``stored.key`` (an
    upload's file, media/upload_imports.py): a ``video`` is ``uploaded``
    with ``media_uploaded`` in the outbox, a ``pack`` or ``preview`` is
    ``ready``. The same bytes for the same owner again are the existing
    object, and the new copy is deleted."""
    existing = find_by_source(db, owner_type, owner_id, stored.sha256)
    if existing is not None:
        storage.delete(stored.key)
        return existing
    media = MediaObject(
        id=media_id,
        owner_type=owner_type,
        owner_id=owner_id,
        kind=kind,
        status="uploaded" if kind == "video" else "ready",
        source_key=stored.key,
        source_size=stored.size,
        source_sha256=stored.sha256,
        file_name=file_name if kind == "pack" else None,
        created_at=func.clock_timestamp(),
    )
    try:
        with db.begin_nested():
            db.add(media)
            file_kind = "source" if kind == "video" else kind
            db.add(MediaFile(media_id=media_id, kind=file_kind, key=stored.key, size=stored.size, sha256=stored.sha256))
            db.flush()
            if kind == "video":
                outbox.add(
                    db,
                    MEDIA_UPLOADED,
                    media_id,
                    lambda event_id: MediaUploaded(
                        event_id, media_id, owner_type, owner_id, stored.key, imported_at=media.created_at
                    ).to_payload(),
                )
                db.flush()
    except IntegrityError:
        storage.delete(stored.key)
        return find_by_source(db, owner_type, owner_id, stored.sha256)
    log.info("media stored", media_id=media_id, kind=kind, owner_type=owner_type, owner_id=owner_id, size=stored.size)
    return media


def _newest(db: Session, owner_type: str, owner_id: str, kind: str) -> MediaObject | None:
    return db.scalars(
        select(MediaObject)
        .where(
            MediaObject.owner_type == owner_type,
            MediaObject.owner_id == owner_id,
            MediaObject.kind == kind,
            MediaObject.status == "ready",
        )
        .order_by(MediaObject.created_at.desc())
    ).first()


def get_download(db: Session, owner_type, owner_id) -> dict | None:
    """The newest pack of an owner (``DownloadKeys``), or None when it has none."""
    owner_type, owner_id = check_owner(owner_type, owner_id)
    pack = _newest(db, owner_type, owner_id, "pack")
    if pack is None:
        return None
    return DownloadKeys.to_wire(
        {"media_id": pack.id, "file_name": pack.file_name, "size_bytes": pack.source_size, "sha256": pack.source_sha256}
    )


def get_media(db: Session, media_id) -> dict:
    """One media object with its renditions. NotFound (also for a malformed id)."""
    parsed = parse_uuid(media_id) if isinstance(media_id, str) else None
    media = db.get(MediaObject, str(parsed)) if parsed else None
    if media is None:
        raise NotFound("Media not found")
    return MediaPublic.to_wire(media)


def list_owner_media(db: Session, owner_type, owner_id) -> list[dict]:
    """The media objects of an owner, newest first."""
    owner_type, owner_id = check_owner(owner_type, owner_id)
    rows = db.scalars(
        select(MediaObject)
        .where(MediaObject.owner_type == owner_type, MediaObject.owner_id == owner_id)
        .order_by(MediaObject.created_at.desc())
    )
    return [MediaPublic.to_wire(row) for row in rows]


def get_playback(db: Session, owner_type, owner_id) -> dict | None:
    """The storage keys of an owner's newest ready video, or None when it
    has none (yet)."""
    owner_type, owner_id = check_owner(owner_type, owner_id)
    media = _newest(db, owner_type, owner_id, "video")
    if media is None:
        return None
    return PlaybackKeys.to_wire(
        {"media_id": media.id, "master_playlist_key": media.master_playlist_key, "poster_key": media.poster_key}
    )
