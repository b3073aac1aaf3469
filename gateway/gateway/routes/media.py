"""Playback files (HLS playlists, segments, posters) behind signed URLs,
straight from storage: no RPC per request (gateway.media_urls)."""

import os
import time
from pathlib import Path
from stat import S_ISREG

from fastapi import APIRouter, Request
from starlette.responses import FileResponse, MalformedRangeHeader, RangeNotSatisfiable, Response

from gateway import media_urls
from gateway.deps import SessionToken, SettingsDep
from gateway.errors import error_response
from shared.errors import DependencyUnavailable, NotFound

router = APIRouter(include_in_schema=False)


class MediaFileResponse(FileResponse):
    # Segments are ~1-2 MB: bigger reads mean fewer hops to the thread pool
    # (64 KiB by default; measured in benchmarks/segment_serving.py).
    chunk_size = 1024 * 1024


@router.get("/media/{media_id}/{expires}/{scope}/{signature}/{path:path}")
async def media_file(
    media_id: str, expires: str, scope: str, signature: str, path: str,
    request: Request, settings: SettingsDep, token: SessionToken,
):
    grant = media_urls.verify(settings, media_id, expires, scope, signature, path, token)
    if settings.media_storage != "local":
        # Streaming from S3 is not built yet: say so, never a 500.
        raise DependencyUnavailable(
            "Media serving from S3 is not available yet", code="MEDIA_BACKEND_UNSUPPORTED"
        )
    return _local_file(request, settings, grant)


def _local_file(request: Request, settings, grant: media_urls.Grant) -> Response:
    file = Path(settings.media_root) / grant.key
    try:
        stat = os.stat(file)
    except (FileNotFoundError, NotADirectoryError):
        stat = None
    if stat is None or not S_ISREG(stat.st_mode):
        raise NotFound("No such media file", code="MEDIA_FILE_NOT_FOUND")
    # Cacheable until the URL expires; a user's files only by that user's browser.
    max_age = max(0, grant.expires - int(time.time()))
    headers = {"Cache-Control": f"{'public' if grant.public else 'private'}, max-age={max_age}"}
    media_type = media_urls.CONTENT_TYPES["." + file.name.rpartition(".")[2]]
    refused = _bad_range(request.headers.get("range"), stat.st_size)
    if refused is not None:
        return refused
    response = MediaFileResponse(file, media_type=media_type, headers=headers, stat_result=stat)
    # FileResponse sets the ETag (size + mtime) and answers Range, not If-None-Match.
    if {response.headers["etag"], "*"} & _etags(request.headers.get("if-none-match")):
        return Response(status_code=304, headers={"ETag": response.headers["etag"], **headers})
    return response


def _etags(header: str | None) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",")} if header else set()


def _bad_range(header: str | None, size: int) -> Response | None:
    """The JSON error for a Range FileResponse would refuse (it answers those
    in plain text), else None; parsed by FileResponse's own parser."""
    if header is None:
        return None
    try:
        FileResponse._parse_range_header(header, size)
    except MalformedRangeHeader as exc:
        return error_response(400, exc.content, "BAD_RANGE")
    except RangeNotSatisfiable:
        headers = {"Content-Range": f"bytes */{size}"}
        return error_response(416, "Range not satisfiable", "RANGE_NOT_SATISFIABLE", headers=headers)
    return None
