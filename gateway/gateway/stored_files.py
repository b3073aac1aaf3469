"""A stored file as an HTTP answer, from the local media directory or, with
MEDIA_STORAGE=s3, streamed from the bucket (gateway.media_s3), with the same
headers either way: Range (206), ETag and If-None-Match (304), the content
type and the caller's Cache-Control. The routes that check who may have a
file (playback, downloads, previews) serve it through here."""

import os
from pathlib import Path
from stat import S_ISREG

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import FileResponse, MalformedRangeHeader, RangeNotSatisfiable, Response

from gateway.errors import error_response
from gateway.media_s3 import S3Media, S3Object, S3ObjectResponse
from shared.errors import NotFound

# Segments are ~1-2 MB: bigger reads mean fewer hops to the thread pool
# (64 KiB by default; measured in benchmarks/segment_serving.py).
CHUNK_SIZE = 1024 * 1024


# Up to this size (a segment, a playlist, a poster) a whole file is read at once.
WHOLE_READ_BYTES = 4 * 1024 * 1024


class MediaFileResponse(FileResponse):
    chunk_size = CHUNK_SIZE


async def serve(request: Request, settings, s3: S3Media | None, key: str, headers: dict, media_type: str):
    """The file at ``key`` of the media storage (S3 when ``s3`` is given)."""
    if s3 is not None:
        return await _s3_object(request, s3, key, headers, media_type)
    return await _local_file(request, settings, key, headers, media_type)


async def _local_file(request: Request, settings, key: str, headers: dict, media_type: str) -> Response:
    file = Path(settings.media_root) / key
    try:
        stat = os.stat(file)
    except (FileNotFoundError, NotADirectoryError):
        stat = None
    if stat is None or not S_ISREG(stat.st_mode):
        raise NotFound("No such media file", code="MEDIA_FILE_NOT_FOUND")
    _, refused = _read_range(request.headers.get("range"), stat.st_size)
    if refused is not None:
        return refused
    response = MediaFileResponse(file, media_type=media_type, headers=headers, stat_result=stat)
    # FileResponse sets the ETag (size + mtime) and answers Range, not If-None-Match.
    if {response.headers["etag"], "*"} & _etags(request.headers.get("if-none-match")):
        return Response(status_code=304, headers={"ETag": response.headers["etag"], **headers})
    if "range" not in request.headers and stat.st_size <= WHOLE_READ_BYTES:
        # Opened, read and closed in one hop to the thread pool and sent in
        # one piece, where FileResponse takes a hop for each (open, every
        # chunk, close); same headers (measured in benchmarks/segment_serving.py).
        data = await run_in_threadpool(file.read_bytes)
        return Response(data, headers={**response.headers, "content-length": str(len(data))})
    return response


async def _s3_object(request: Request, s3: S3Media, key: str, headers: dict, media_type: str):
    http_range, if_none_match = request.headers.get("range"), _etags(request.headers.get("if-none-match"))
    byte_range = None
    if http_range is not None or if_none_match:
        # A conditional request (rare in HLS) asks for the headers first: the
        # Range is read at the object's size, as for a local file, and a
        # matching ETag is answered without fetching the body.
        head = await s3.head(key)
        if head is None:
            raise NotFound("No such media file", code="MEDIA_FILE_NOT_FOUND")
        ranges, refused = _read_range(http_range, head.size)
        if refused is not None:
            return refused
        if {head.etag, "*"} & if_none_match:
            return Response(status_code=304, headers={"ETag": head.etag, **headers})
        # S3 answers one range: several (FileResponse's multipart/byteranges)
        # get the whole object, as RFC 9110 lets a server do; so does a Range
        # whose If-Range no longer holds, as FileResponse does.
        if len(ranges) == 1 and _if_range_holds(request.headers.get("if-range"), head):
            byte_range = ranges[0]
    found = await s3.get(key, byte_range)
    if found is None:
        raise NotFound("No such media file", code="MEDIA_FILE_NOT_FOUND")
    return S3ObjectResponse(found, CHUNK_SIZE, headers, media_type)


def _if_range_holds(header: str | None, head: S3Object) -> bool:
    return header is None or (not header.startswith("W/") and header in (head.etag, head.last_modified))


def _etags(header: str | None) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",")} if header else set()


def _read_range(header: str | None, size: int) -> tuple[list[tuple[int, int]], Response | None]:
    """The byte ranges ``[start, end)`` of a Range header, by FileResponse's
    own parser, or the JSON error for one it would refuse (it answers those
    in plain text)."""
    if header is None:
        return [], None
    try:
        return FileResponse._parse_range_header(header, size), None
    except MalformedRangeHeader as exc:
        return [], error_response(400, exc.content, "BAD_RANGE")
    except RangeNotSatisfiable:
        headers = {"Content-Range": f"bytes */{size}"}
        return [], error_response(416, "Range not satisfiable", "RANGE_NOT_SATISFIABLE", headers=headers)
