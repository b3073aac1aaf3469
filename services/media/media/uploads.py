"""Uploads: a file staff send in chunks, recorded here; the bytes are the
gateway's to store (it holds the request body), so it asks before each
chunk (``begin_chunk``: the role, the offset, the sizes, and the storage key
to write) and reports after (``record_chunk``). The last chunk makes the
upload ``received``; the worker then imports it (media/upload_imports.py).

    create_upload -> begin_chunk -> (gateway stores the chunk) -> record_chunk ... -> received
                                                        -> imported (media object) | failed

Every operation is for staff only (``roles.STAFF``); chunks must come in
order: one that does not start at ``received`` is a Conflict
``UPLOAD_OFFSET`` carrying ``received``, where the client resumes.
"""

import re
import uuid
from datetime import datetime, timezone
from pathlib import PurePosixPath
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from media.models import Upload, UploadPart
from media.objects import check_file_name
from shared import roles
from shared.contracts.media import MEDIA_KINDS
from shared.contracts.uploads import KINDS_BY_OWNER, UploadPublic
from shared.errors import Conflict, InvalidInput, NotFound, PayloadTooLarge
from shared.events import MEDIA_OWNER_TYPES
from shared.formats import parse_uuid
from shared.settings import Settings

# A name to show and to keep the extension of: no path, no control character.
_FILE_NAME = re.compile(r"[^/\\\x00-\x1f\x7f]{1,255}")
_PART_KEY = re.compile(r"uploads/[0-9a-f-]{36}/\d{15}-[0-9a-f]{32}")
LIST_LIMIT = 100


def upload_prefix(upload_id: str) -> str:
    """The storage folder of an upload's chunks."""
    return f"uploads/{upload_id}"


def _fields(message: str, **fields) -> InvalidInput:
    return InvalidInput(message, details={"fields": fields})


def _int(value, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _fields(f"{name} must be a whole number", **{name: "not a whole number"})
    return value


def _load(db: Session, upload_id, lock: bool = False) -> Upload:
    parsed = parse_uuid(upload_id) if isinstance(upload_id, str) else None
    query = select(Upload).where(Upload.id == str(parsed))
    upload = db.scalars(query.with_for_update(of=Upload) if lock else query).first() if parsed else None
    if upload is None:
        raise NotFound("No such upload", code="UPLOAD_NOT_FOUND")
    return upload


def check_new(settings: Settings, owner_type, owner_id, kind, file_name, size) -> tuple[str, str]:
    """The owner type and id of a valid new upload; InvalidInput (400),
    PayloadTooLarge (413) or NotFound (a malformed owner id) otherwise."""
    if owner_type not in MEDIA_OWNER_TYPES:
        raise _fields(f"ownerType must be one of {', '.join(MEDIA_OWNER_TYPES)}", ownerType="unknown")
    if kind not in MEDIA_KINDS:
        raise _fields(f"kind must be one of {', '.join(MEDIA_KINDS)}", kind="unknown")
    if kind not in KINDS_BY_OWNER[owner_type]:
        allowed = " or ".join(KINDS_BY_OWNER[owner_type])
        raise InvalidInput(
            f"A {owner_type} takes a {allowed}, not a {kind}",
            code="KIND_NOT_FOR_OWNER",
            details={"fields": {"kind": f"a {owner_type} takes a {allowed}"}},
        )
    if not isinstance(file_name, str) or not _FILE_NAME.fullmatch(file_name):
        raise _fields("fileName must be a plain file name (1 to 255 characters)", fileName="not a plain name")
    if kind == "pack":
        check_file_name(file_name)
    size = _int(size, "size")
    if size <= 0:
        raise _fields("size must be more than 0 bytes", size="not positive")
    if size > settings.upload_max_bytes:
        raise PayloadTooLarge(
            f"A file may have {settings.upload_max_bytes} bytes at most",
            code="UPLOAD_TOO_LARGE",
            details={"maxBytes": settings.upload_max_bytes},
        )
    owner = parse_uuid(owner_id) if isinstance(owner_id, str) else None
    if owner is None:
        raise NotFound(f"No such {owner_type}", code="OWNER_NOT_FOUND")
    return owner_type, str(owner)


def create_upload(
    db: Session, settings: Settings, actor, owner_type, owner_id, kind, file_name, size,
    owner_exists: Callable[[str, str], bool],
) -> dict:
    """A new upload, ``receiving``, of ``size`` bytes for the owner.
    ``owner_exists(owner_type, owner_id)`` asks catalog (media/owners.py)."""
    created_by = roles.require(actor, *roles.STAFF)
    owner_type, owner_id = check_new(settings, owner_type, owner_id, kind, file_name, size)
    if not owner_exists(owner_type, owner_id):
        raise NotFound(f"No such {owner_type}", code="OWNER_NOT_FOUND")
    upload = Upload(
        owner_type=owner_type, owner_id=owner_id, kind=kind, file_name=file_name, size=size,
        received=0, status="receiving", created_by=created_by,
    )
    db.add(upload)
    db.flush()
    db.refresh(upload)
    return public(upload)


def _check_receiving(upload: Upload) -> None:
    if upload.status != "receiving":
        raise Conflict(
            "This upload has all its bytes already", code="UPLOAD_COMPLETE", details={"status": public(upload)["status"]}
        )


def _check_offset(upload: Upload, start: int) -> None:
    if start != upload.received:
        raise Conflict(
            f"The next chunk starts at byte {upload.received}",
            code="UPLOAD_OFFSET",
            details={"received": upload.received},
        )


def begin_chunk(db: Session, settings: Settings, actor, upload_id, start, end, total) -> dict:
    """May bytes ``start..end`` (inclusive) of ``total`` be stored now? The
    storage key to write them under (``ChunkGrant``). Checks the role, that
    the upload is receiving, ``total`` is its size, the chunk starts at
    ``received`` (409 UPLOAD_OFFSET), ends within the file and is at most
    UPLOAD_CHUNK_BYTES long (413 UPLOAD_CHUNK_TOO_LARGE). Writes nothing."""
    roles.require(actor, *roles.STAFF)
    upload = _load(db, upload_id)
    start, end, total = _int(start, "start"), _int(end, "end"), _int(total, "total")
    if start < 0 or end < start:
        raise InvalidInput("Content-Range must be bytes START-END/TOTAL with START <= END", code="BAD_CONTENT_RANGE")
    if total != upload.size:
        raise InvalidInput(
            f"Content-Range's total must be the upload's size, {upload.size}",
            code="BAD_CONTENT_RANGE", details={"size": upload.size},
        )
    _check_receiving(upload)
    _check_offset(upload, start)
    if end >= upload.size:
        raise InvalidInput(f"The file ends at byte {upload.size - 1}", code="BAD_CONTENT_RANGE")
    if end - start + 1 > settings.upload_chunk_bytes:
        raise PayloadTooLarge(
            f"A chunk may have {settings.upload_chunk_bytes} bytes at most",
            code="UPLOAD_CHUNK_TOO_LARGE", details={"maxBytes": settings.upload_chunk_bytes},
        )
    # A key of its own per attempt: two PUTs of the same chunk at once never
    # write the same object, and only the one recorded is ever read.
    return {"key": f"{upload_prefix(upload.id)}/{start:015d}-{uuid.uuid4().hex}"}


def record_chunk(db: Session, actor, upload_id, start, end, key, written) -> dict:
    """Record a chunk the gateway stored under ``key`` (``written`` bytes);
    the upload. The last one makes it ``received`` (shown ``processing``).
    Conflict UPLOAD_OFFSET when another chunk was recorded meanwhile: the
    caller deletes its object."""
    roles.require(actor, *roles.STAFF)
    upload = _load(db, upload_id, lock=True)
    start, end, written = _int(start, "start"), _int(end, "end"), _int(written, "written")
    if not isinstance(key, str) or not _PART_KEY.fullmatch(key) or not key.startswith(upload_prefix(upload.id) + "/"):
        raise InvalidInput("Not a storage key of this upload", code="BAD_CHUNK_KEY")
    _check_receiving(upload)
    _check_offset(upload, start)
    if written != end - start + 1 or end >= upload.size:
        raise InvalidInput("The chunk's bytes do not match its Content-Range", code="BAD_CONTENT_RANGE")
    db.add(UploadPart(upload_id=upload.id, start=start, size=written, key=key))
    upload.received = end + 1
    if upload.received == upload.size:
        upload.status = "received"
        upload.import_after = datetime.now(timezone.utc)
    db.flush()
    return public(upload)


def get_upload(db: Session, actor, upload_id) -> dict:
    """One upload. NotFound (also for a malformed id)."""
    roles.require(actor, *roles.STAFF)
    return public(_load(db, upload_id))


def list_uploads(db: Session, actor, owner_type=None, owner_id=None) -> list[dict]:
    """Uploads, newest first (at most LIST_LIMIT), of an owner type and id
    when given."""
    roles.require(actor, *roles.STAFF)
    query = select(Upload).order_by(Upload.created_at.desc(), Upload.id).limit(LIST_LIMIT)
    if owner_type is not None:
        if owner_type not in MEDIA_OWNER_TYPES:
            raise _fields(f"ownerType must be one of {', '.join(MEDIA_OWNER_TYPES)}", ownerType="unknown")
        query = query.where(Upload.owner_type == owner_type)
    if owner_id is not None:
        owner = parse_uuid(owner_id) if isinstance(owner_id, str) else None
        if owner is None:
            return []
        query = query.where(Upload.owner_id == str(owner))
    return [public(upload) for upload in db.scalars(query)]


def shown_status(upload: Upload) -> tuple[str, str | None]:
    """What the author sees: the upload's own state until it is imported,
    then its media object's (the worker's verdict on a video)."""
    if upload.status == "receiving":
        return "receiving", None
    if upload.status == "received":
        return "processing", None
    if upload.status == "failed":
        return "failed", upload.error
    media = upload.media
    if media is None:
        return "failed", "The imported file was deleted"
    if media.status == "ready":
        return "ready", None
    if media.status == "failed":
        return "failed", media.failure_reason or "The file could not be processed"
    return "processing", None


def public(upload: Upload) -> dict:
    status, error = shown_status(upload)
    return UploadPublic.to_wire(
        {
            "id": upload.id, "owner_type": upload.owner_type, "owner_id": upload.owner_id, "kind": upload.kind,
            "file_name": upload.file_name, "size": upload.size, "received": upload.received, "status": status,
            "error": error, "created_at": upload.created_at, "media_id": upload.media_id,
        }
    )


def source_suffix(file_name: str) -> str:
    """The extension of a video's source key: ``.mp4`` of ``Lesson 1.MP4``."""
    suffix = PurePosixPath(file_name).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ""
