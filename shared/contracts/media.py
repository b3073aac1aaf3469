"""Media objects and their renditions (owned by ``media``)."""

from typing import Literal

from shared.contracts.base import ApiModel, Timestamp

OwnerType = Literal["lesson", "asset"]
MediaStatus = Literal["uploaded", "processing", "ready", "failed"]
# A video is transcoded to HLS; an asset's pack and preview are served as stored.
MediaKind = Literal["video", "pack", "preview"]
MEDIA_KINDS: tuple[str, ...] = MediaKind.__args__


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
    kind: MediaKind
    status: MediaStatus
    failure_reason: str | None
    duration_seconds: float | None
    source_key: str
    source_size: int
    source_sha256: str
    file_name: str | None
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


def pack_key(media_id: str, file_name: str) -> str:
    """Where an asset's pack is stored: what a signed download URL names."""
    return f"packs/{media_id}/{file_name}"


def preview_key(media_id: str) -> str:
    """Where an asset's preview image is stored: served to anyone, for good."""
    return f"previews/{media_id}.jpg"


def preview_url(media_id: str) -> str:
    """The address of a preview, as an asset's ``imageUrl``: the gateway
    serves ``/media/previews/...`` from the same key, unsigned."""
    return f"/media/{preview_key(media_id)}"


class DownloadKeys(ApiModel):
    """``media.get_download``: an owner's newest pack, for the gateway to
    sign; its key is ``pack_key(media_id, file_name)``."""

    media_id: str
    file_name: str
    size_bytes: int
    sha256: str


class Download(ApiModel):
    """``GET /api/assets/{id}/download``: a signed URL of the pack (made by
    the gateway), valid until ``expires_at``, with what the file must be."""

    url: str
    expires_at: Timestamp
    file_name: str
    size_bytes: int
    sha256: str
