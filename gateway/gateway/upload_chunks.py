"""Storing a chunk of a staff upload where media will read it: the media
storage under ``uploads/<upload id>/`` (a local directory, or the S3 bucket
with MEDIA_STORAGE=s3), at the key media granted (``media.begin_chunk``).

The body is read as it arrives and written in pieces: to a file renamed
into place once whole (local), or to a spool file (``/tmp`` past 1 MiB) that
is then put in one request (S3: boto3 needs a body it can seek to sign and
retry). Never more than ``PIECE_BYTES`` of it in memory. A chunk cut short
leaves no object under its key.
"""

import os
import re
import tempfile
from pathlib import Path
from typing import AsyncIterator

from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from gateway.media_s3 import S3Media
from shared.errors import DependencyUnavailable, InvalidInput
from shared.logging import get_logger
from shared.settings import Settings

log = get_logger(__name__)

PIECE_BYTES = 1024 * 1024
SPOOL_MEMORY_BYTES = 1024 * 1024
# What media grants (media/uploads.py): nothing else is ever written.
KEY = re.compile(r"uploads/[0-9a-f-]{36}/\d{15}-[0-9a-f]{32}")


def check_key(key) -> str:
    if not isinstance(key, str) or not KEY.fullmatch(key):
        raise ValueError(f"not an upload chunk key: {key!r}")
    return key


async def _pieces(stream: AsyncIterator[bytes], length: int):
    """The body in pieces of about PIECE_BYTES; InvalidInput when it is
    longer or shorter than ``length``."""
    buffer, seen = bytearray(), 0
    try:
        async for data in stream:
            seen += len(data)
            if seen > length:
                raise InvalidInput("The body is longer than its Content-Range", code="BAD_CONTENT_RANGE")
            buffer += data
            if len(buffer) >= PIECE_BYTES:
                yield bytes(buffer)
                buffer.clear()
    except ClientDisconnect:
        raise InvalidInput("The chunk ended before its Content-Range did", code="CHUNK_INCOMPLETE") from None
    if seen != length:
        raise InvalidInput("The chunk ended before its Content-Range did", code="CHUNK_INCOMPLETE")
    if buffer:
        yield bytes(buffer)


async def store(settings: Settings, s3: S3Media | None, key: str, stream: AsyncIterator[bytes], length: int) -> int:
    """Write the ``length`` bytes of ``stream`` under ``key``; how many were written."""
    check_key(key)
    if s3 is not None:
        return await _store_s3(s3, key, stream, length)
    try:
        return await _store_local(Path(settings.media_root) / key, stream, length)
    except OSError as exc:  # the volume full, or not writable: not the caller's fault
        log.warning("upload chunk not stored", key=key, error=repr(exc))
        raise DependencyUnavailable("Media storage is unavailable", code="MEDIA_STORAGE_UNAVAILABLE") from exc


async def _store_local(path: Path, stream, length: int) -> int:
    # Next to its key, not in the storage's .tmp/: the gateway may write
    # uploads/ only (a read-only media volume with uploads/ mounted over it).
    partial = path.with_name(path.name + ".partial")
    await run_in_threadpool(path.parent.mkdir, parents=True, exist_ok=True)
    out = await run_in_threadpool(open, partial, "wb")
    written = 0
    try:
        async for piece in _pieces(stream, length):
            await run_in_threadpool(out.write, piece)
            written += len(piece)
        await run_in_threadpool(out.close)
        await run_in_threadpool(os.replace, partial, path)
    except BaseException:
        out.close()
        partial.unlink(missing_ok=True)
        raise
    return written


async def _store_s3(s3: S3Media, key: str, stream, length: int) -> int:
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY_BYTES)
    try:
        written = 0
        async for piece in _pieces(stream, length):
            await run_in_threadpool(spool.write, piece)
            written += len(piece)
        await run_in_threadpool(spool.seek, 0)
        await s3.put(key, spool, written)
        return written
    finally:
        spool.close()


async def delete(settings: Settings, s3: S3Media | None, key: str) -> None:
    """Delete a chunk media did not record (another was recorded first)."""
    check_key(key)
    if s3 is not None:
        await s3.delete(key)
    else:
        await run_in_threadpool((Path(settings.media_root) / key).unlink, missing_ok=True)
