"""Signed playback URLs: a media object's HLS folder, for a while, for someone.

    /media/{mediaId}/{expires}/{scope}/{signature}/{path}

``expires`` is a Unix time, ``scope`` is ``public`` (a preview lesson) or the
user id, and the signature (HMAC-SHA256 with MEDIA_URL_SECRET, by default
SESSION_SECRET) covers the media id, the expiry and the scope. One signature
covers the whole folder: the master playlist's relative URIs (rendition
playlists, then init and segments) resolve under the same signed prefix, so
playlists are served as stored.

A user's URL is also bound to the session it was made for: the signature
covers a hash of the session token, which the request's own (signed) cookie
must reproduce. So verifying needs no RPC, even per segment, and a URL copied
to someone else (or to a visitor) is refused. The price: a session ended
(logout) keeps its URLs until they expire, at most MEDIA_URL_TTL_SECONDS.
"""

import base64
import hashlib
import hmac
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from shared.contracts.media import Playback, hls_folder
from shared.errors import Forbidden
from shared.formats import parse_uuid
from shared.settings import Settings

PUBLIC = "public"
# A file name inside the folder: plain names, no dot first (so no ".." and no
# hidden files), at most one level of subfolder (renditions).
_PATH = re.compile(r"[A-Za-z0-9_\-][A-Za-z0-9_.\-]{0,63}(/[A-Za-z0-9_\-][A-Za-z0-9_.\-]{0,63})?")
CONTENT_TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".mp4": "video/mp4",
    ".m4s": "video/iso.segment",
    ".jpg": "image/jpeg",
}


@dataclass(frozen=True)
class Grant:
    """A verified URL: which stored object to serve, until when."""

    key: str
    expires: int
    public: bool


def _secret(settings: Settings) -> bytes:
    return (settings.media_url_secret or settings.session_secret).encode()


def _token_hash(token: str | None) -> str:
    return hashlib.sha256(token.encode()).hexdigest() if token else ""


def _signature(settings: Settings, media_id: str, expires: int, scope: str, token: str | None) -> str:
    message = "\n".join(("media-v1", media_id, str(expires), scope, _token_hash(token)))
    digest = hmac.new(_secret(settings), message.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def folder_url(
    settings: Settings, media_id: str, user_id: str | None, token: str | None, now: float | None = None
) -> tuple[str, int]:
    """The signed prefix of a media object's folder (ends with "/") and its
    expiry. ``user_id`` None: a public URL (previews), bound to nobody."""
    expires = int(now if now is not None else time.time()) + settings.media_url_ttl_seconds
    scope = user_id or PUBLIC
    signature = _signature(settings, media_id, expires, scope, token if user_id else None)
    return f"/media/{media_id}/{expires}/{scope}/{signature}/", expires


def relative_path(media_id: str, key: str) -> str:
    """``key`` (under the media object's folder) relative to the folder."""
    prefix = hls_folder(media_id) + "/"
    if not key.startswith(prefix):
        raise ValueError(f"{key!r} is not under {prefix!r}")
    return key[len(prefix):]


def verify(
    settings: Settings, media_id: str, expires: str, scope: str, signature: str, path: str,
    token: str | None, now: float | None = None,
) -> Grant:
    """The grant of a requested URL; Forbidden if it is malformed, tampered
    with, expired, or another session's. ``token`` is the caller's session
    token (None without a well-signed cookie)."""
    well_formed_expiry = expires.isascii() and expires.isdigit() and len(expires) <= 12
    if parse_uuid(media_id) != media_id or not well_formed_expiry:
        raise Forbidden("Invalid media URL", code="MEDIA_URL_INVALID")
    if "\x00" in path or not _PATH.fullmatch(path) or "." + path.rpartition(".")[2] not in CONTENT_TYPES:
        raise Forbidden("Invalid media URL", code="MEDIA_URL_INVALID")
    public = scope == PUBLIC
    expected = _signature(settings, media_id, int(expires), scope, None if public else token)
    if not hmac.compare_digest(signature.encode(), expected.encode()):
        raise Forbidden("This media URL is not valid for this session", code="MEDIA_URL_INVALID")
    # After the signature: an expiry is only worth reporting on a genuine URL.
    if int(expires) < (now if now is not None else time.time()):
        raise Forbidden("This media URL has expired", code="MEDIA_URL_EXPIRED")
    return Grant(key=f"{hls_folder(media_id)}/{path}", expires=int(expires), public=public)


def playback(settings: Settings, keys: dict, user_id: str | None, token: str | None) -> dict:
    """``Playback`` for media ``keys`` (``PlaybackKeys``), signed for the user
    (None: public)."""
    media_id = keys["mediaId"]
    prefix, expires = folder_url(settings, media_id, user_id, token)
    poster = keys.get("posterKey")
    return Playback.to_wire(
        {
            "hls_url": prefix + relative_path(media_id, keys["masterPlaylistKey"]),
            "poster_url": prefix + relative_path(media_id, poster) if poster else None,
            "expires_at": datetime.fromtimestamp(expires, timezone.utc),
        }
    )
