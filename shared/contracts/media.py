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


def hls_folder(media_id: str) -> str:
    """The storage folder of a media object's HLS files (playlists,
    segments, poster): what one signed playback URL covers."""
    return f"hls/{media_id}"


class PlaybackKeys(ApiModel):
    """``media.get_playback``: the storage keys of an owner's newest ready
    video, for the gateway to sign; keys are under ``hls_folder(media_id)``."""

    media_id: str
    master_playlist_key: str
    poster_key: str | None


class Playback(ApiModel):
    """Signed URLs of a ready video (made by the gateway): the HLS master
    playlist (its relative URIs resolve under the same signed folder) and the
    poster, valid until ``expires_at``."""

    hls_url: str
    poster_url: str | None
    expires_at: Timestamp
