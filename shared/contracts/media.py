"""Media objects and their renditions (owned by ``media``)."""

from typing import Literal

from shared.contracts.base import ApiModel, Timestamp

OwnerType = Literal["lesson", "asset"]
MediaStatus = Literal["uploaded", "processing", "ready", "failed"]


class RenditionPublic(ApiModel):
    name: str
    height: int
    width: int
    bandwidth: int
    playlist_key: str


class MediaPublic(ApiModel):
    id: str
    owner_type: OwnerType
    owner_id: str
    status: MediaStatus
    failure_reason: str | None
    duration_seconds: float | None
    source_key: str
    source_size: int
    source_sha256: str
    master_playlist_key: str | None
    poster_key: str | None
    renditions: list[RenditionPublic]
    created_at: Timestamp
    updated_at: Timestamp
