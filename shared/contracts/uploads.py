"""Staff uploads (owned by ``media``; the gateway's /api/admin/uploads):
a lesson's video, an asset's pack or preview, sent in chunks."""

from typing import Literal

from pydantic import Field

from shared.contracts.base import ID_MAX_LENGTH, ApiModel, Timestamp
from shared.contracts.media import OwnerType

UploadKind = Literal["video", "pack", "preview"]
# receiving: chunks coming; processing: all in, being imported or
# transcoded; then ready, or failed with ``error``.
UploadStatus = Literal["receiving", "processing", "ready", "failed"]
# What each owner takes.
KINDS_BY_OWNER: dict[str, tuple[str, ...]] = {"lesson": ("video",), "asset": ("pack", "preview")}


class UploadCreate(ApiModel):
    owner_type: OwnerType
    owner_id: str = Field(max_length=ID_MAX_LENGTH)
    kind: UploadKind
    file_name: str = Field(min_length=1, max_length=255)
    size: int = Field(description="The whole file's size in bytes")


class UploadPublic(ApiModel):
    id: str
    owner_type: OwnerType
    owner_id: str
    kind: UploadKind
    file_name: str
    size: int
    received: int = Field(description="Bytes received so far: where the next chunk starts")
    status: UploadStatus
    error: str | None
    created_at: Timestamp
    media_id: str | None


class UploadEnvelope(ApiModel):
    upload: UploadPublic


class UploadList(ApiModel):
    uploads: list[UploadPublic]


class ChunkGrant(ApiModel):
    """``media.begin_chunk``: where the gateway may store the chunk."""

    key: str
