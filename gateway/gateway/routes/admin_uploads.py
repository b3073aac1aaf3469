"""Staff uploads (/api/admin/uploads): a lesson's video, an asset's pack or
preview, sent in chunks that survive an interruption. The gateway refuses a
caller without the role (gateway.deps.StaffActor); media keeps the records
and checks the role again; the gateway stores each chunk's bytes
(gateway.upload_chunks) only after media has agreed to it, so a learner
never writes a byte.

    POST /api/admin/uploads {ownerType, ownerId, kind, fileName, size} -> 201 {"upload"}
    PUT  /api/admin/uploads/{id}  Content-Range: bytes START-END/TOTAL, the chunk as the body
         -> 200 {"upload"}; 409 UPLOAD_OFFSET {"received"}: resume there
    GET  /api/admin/uploads/{id}, GET /api/admin/uploads?ownerType=&ownerId=
"""

import re

from fastapi import APIRouter, Header, Query, Request, status

from gateway import upload_chunks
from gateway.deps import MediaS3Dep, Rpc, SettingsDep, StaffActor
from gateway.openapi import errors
from shared.contracts.media import OwnerType
from shared.contracts.uploads import UploadCreate, UploadEnvelope, UploadList
from shared.errors import DomainError, InvalidInput, PayloadTooLarge

router = APIRouter(prefix="/api/admin/uploads", tags=["admin"])

_CONTENT_RANGE = re.compile(r"bytes (\d{1,15})-(\d{1,15})/(\d{1,15})")
CHUNK_BODY = {
    "requestBody": {
        "required": True,
        "description": "The chunk's bytes, as many as its Content-Range says (at most UPLOAD_CHUNK_BYTES)",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


# Nameko sends an error's details as strings: these are byte counts.
_NUMBERS = ("received", "maxBytes", "size")


async def _media(rpc, method: str, *args):
    try:
        return await rpc.call("media", method, *args)
    except DomainError as exc:
        for name in _NUMBERS:
            if isinstance(exc.details.get(name), str) and exc.details[name].isdigit():
                exc.details[name] = int(exc.details[name])
        raise


def parse_content_range(header: str) -> tuple[int, int, int]:
    match = _CONTENT_RANGE.fullmatch(header.strip())
    if match is None:
        raise InvalidInput("Content-Range must be bytes START-END/TOTAL", code="BAD_CONTENT_RANGE")
    start, end, total = (int(group) for group in match.groups())
    if end < start or end >= total:
        raise InvalidInput("Content-Range must have START <= END < TOTAL", code="BAD_CONTENT_RANGE")
    return start, end, total


@router.post("", status_code=status.HTTP_201_CREATED, response_model=UploadEnvelope,
             responses=errors(400, 401, 403, 404, 413, body=True))
async def create_upload(body: UploadCreate, actor: StaffActor, rpc: Rpc):
    """Start an upload of ``size`` bytes: a lesson's ``video``, an asset's
    ``pack`` (a zip) or ``preview`` (a JPEG). 413 UPLOAD_TOO_LARGE over
    UPLOAD_MAX_BYTES; 400 a kind the owner does not take; 404 an unknown
    owner. Staff only."""
    upload = await _media(
        rpc, "create_upload", actor, body.owner_type, body.owner_id, body.kind, body.file_name, body.size
    )
    return {"upload": upload}


@router.put("/{upload_id}", response_model=UploadEnvelope, responses=errors(400, 401, 403, 404, 409, 413),
            openapi_extra=CHUNK_BODY)
async def put_chunk(
    upload_id: str, request: Request, actor: StaffActor, rpc: Rpc, settings: SettingsDep, s3: MediaS3Dep,
    content_range: str = Header(
        alias="Content-Range", max_length=64, description="bytes START-END/TOTAL",
        # Documented, not enforced here: parse_content_range answers BAD_CONTENT_RANGE.
        json_schema_extra={"pattern": r"^bytes \d{1,15}-\d{1,15}/\d{1,15}$"},
    ),
):
    """One chunk, bytes START..END (inclusive) of the file: the upload, with
    ``received`` where the next chunk starts; after the last one it is
    ``processing``. 409 UPLOAD_OFFSET (``details.received``) for a chunk
    that does not start at ``received``: resend from there. 413
    UPLOAD_CHUNK_TOO_LARGE over UPLOAD_CHUNK_BYTES, refused before the body
    is read. Staff only."""
    start, end, total = parse_content_range(content_range)
    length = end - start + 1
    if length > settings.upload_chunk_bytes:
        raise PayloadTooLarge(
            f"A chunk may have {settings.upload_chunk_bytes} bytes at most",
            code="UPLOAD_CHUNK_TOO_LARGE", details={"maxBytes": settings.upload_chunk_bytes},
        )
    declared = request.headers.get("content-length")
    if declared is not None and declared != str(length):
        raise InvalidInput("Content-Length must be the length of the Content-Range", code="BAD_CONTENT_RANGE")
    grant = await _media(rpc, "begin_chunk", actor, upload_id, start, end, total)
    written = await upload_chunks.store(settings, s3, grant["key"], request.stream(), length)
    try:
        upload = await _media(rpc, "record_chunk", actor, upload_id, start, end, grant["key"], written)
    except DomainError:
        await upload_chunks.delete(settings, s3, grant["key"])  # never recorded: never read
        raise
    return {"upload": upload}


@router.get("/{upload_id}", response_model=UploadEnvelope, responses=errors(401, 403, 404))
async def get_upload(upload_id: str, actor: StaffActor, rpc: Rpc):
    """One upload: ``receiving``, ``processing``, ``ready``, or ``failed``
    with the reason in ``error``. Staff only."""
    return {"upload": await rpc.call("media", "get_upload", actor, upload_id)}


@router.get("", response_model=UploadList, responses=errors(400, 401, 403))
async def list_uploads(
    actor: StaffActor, rpc: Rpc,
    owner_type: OwnerType | None = Query(None, alias="ownerType"),
    owner_id: str | None = Query(None, alias="ownerId", max_length=64),
):
    """Uploads, newest first (100 at most), of one lesson or asset when
    given. Staff only."""
    return {"uploads": await rpc.call("media", "list_uploads", actor, owner_type, owner_id)}
