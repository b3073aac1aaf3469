"""Signed download URLs: an asset's pack, for a few minutes, for one buyer.

    /downloads/{mediaId}/{sha256}/{expires}/{userId}/{signature}/{fileName}

They are signed as playback URLs are (gateway.media_urls: HMAC-SHA256 with
MEDIA_URL_SECRET, by default SESSION_SECRET), under a label of their own so
that neither kind of signature passes for the other. The signature covers
the media id, the pack's SHA-256, its file name, the expiry (at most
DOWNLOAD_URL_TTL_SECONDS, 15 minutes, ahead), the user id and a hash of the
session token, which the request's own signed cookie must reproduce: a URL
is good for the session that asked for it only, and checking it needs no
RPC. The checksum travels in the URL so that the answer can carry it
(``Repr-Digest`` and ``X-Checksum-Sha256``) without asking media.

The buyer's right to the pack is checked when the URL is made (commerce's
``has_purchased``); a refund does not revoke a URL already handed out,
which lasts 15 minutes at most.
"""

import base64
import hashlib
import hmac
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from gateway.media_urls import _secret, _token_hash
from shared.contracts.media import Download, pack_key
from shared.errors import Forbidden
from shared.formats import parse_uuid
from shared.settings import Settings

# As media's check_file_name: a plain name ending in .zip.
_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,95}\.zip")
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class DownloadGrant:
    """A verified download URL: which stored pack to serve, and what it is."""

    key: str
    file_name: str
    sha256: str
    expires: int


def _signature(
    settings: Settings, media_id: str, sha256: str, file_name: str, expires: int, user_id: str, token: str | None
) -> str:
    message = "\n".join(("download-v1", media_id, sha256, file_name, str(expires), user_id, _token_hash(token)))
    digest = hmac.new(_secret(settings), message.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def download(settings: Settings, keys: dict, user_id: str, token: str, now: float | None = None) -> dict:
    """``Download`` for a pack (media's ``DownloadKeys``), signed for the
    user's session."""
    expires = int(now if now is not None else time.time()) + settings.download_url_ttl_seconds
    media_id, sha256, file_name = keys["mediaId"], keys["sha256"], keys["fileName"]
    signature = _signature(settings, media_id, sha256, file_name, expires, user_id, token)
    return Download.to_wire(
        {
            "url": f"/downloads/{media_id}/{sha256}/{expires}/{user_id}/{signature}/{file_name}",
            "expires_at": datetime.fromtimestamp(expires, timezone.utc),
            "file_name": file_name,
            "size_bytes": keys["sizeBytes"],
            "sha256": sha256,
        }
    )


def verify(
    settings: Settings, media_id: str, sha256: str, expires: str, user_id: str, signature: str, file_name: str,
    token: str | None, now: float | None = None,
) -> DownloadGrant:
    """The grant of a requested URL; Forbidden if it is malformed, tampered
    with, expired, or another session's (``token`` None: no well-signed
    cookie, so no session's)."""
    well_formed = (
        parse_uuid(media_id) == media_id
        and parse_uuid(user_id) == user_id
        and _SHA256.fullmatch(sha256) is not None
        and _FILE_NAME.fullmatch(file_name) is not None
        and expires.isascii() and expires.isdigit() and len(expires) <= 12
    )
    if not well_formed:
        raise Forbidden("Invalid download URL", code="DOWNLOAD_URL_INVALID")
    expected = _signature(settings, media_id, sha256, file_name, int(expires), user_id, token)
    if token is None or not hmac.compare_digest(signature.encode(), expected.encode()):
        raise Forbidden("This download URL is not valid for this session", code="DOWNLOAD_URL_INVALID")
    # After the signature: an expiry is only worth reporting on a genuine URL.
    if int(expires) < (now if now is not None else time.time()):
        raise Forbidden("This download URL has expired", code="DOWNLOAD_URL_EXPIRED")
    return DownloadGrant(key=pack_key(media_id, file_name), file_name=file_name, sha256=sha256, expires=int(expires))


def digest_headers(sha256: str) -> dict[str, str]:
    """The checksum of the whole file, whatever part of it a response
    carries: ``Repr-Digest`` (RFC 9530) and, for scripts, the hex form."""
    b64 = base64.b64encode(bytes.fromhex(sha256)).decode()
    return {"Repr-Digest": f"sha-256=:{b64}:", "X-Checksum-Sha256": sha256}
