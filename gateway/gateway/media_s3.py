"""Playback files read from the S3 bucket (MEDIA_STORAGE=s3), for
gateway.stored_files: the gateway streams each object to the player, so it
stays the one place that checks a signed URL. It writes only the chunks of
staff uploads, under ``uploads/`` (gateway.upload_chunks).

Not a redirect to a presigned S3 URL: a player resolves the playlists'
relative URIs (renditions, init, segments) against the URL it finally
fetched, which after a redirect is S3's, where the next file carries no
signature; and the bucket would have to answer the web app's CORS.

boto3 blocks, so each call (and each read of a body) runs in the thread
pool; the client is made once, at the gateway's start.
"""

from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import BinaryIO

from starlette.concurrency import run_in_threadpool
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from shared.errors import DependencyUnavailable
from shared.logging import get_logger
from shared.s3 import s3_client
from shared.settings import Settings

log = get_logger(__name__)

# As many connections as requests the thread pool runs at once (anyio's
# default limiter: 40), so no stream waits for one or drops one it used.
POOL_CONNECTIONS = 40
_MISSING = ("NoSuchKey", "404", "NotFound")


@dataclass
class S3Object:
    """An object's headers, and its body when it was fetched (not a HEAD)."""

    size: int  # of the whole object
    length: int  # of what the body holds: the range asked for, or the whole
    etag: str
    last_modified: str
    content_range: str | None = None
    body: BinaryIO | None = None


class S3Media:
    def __init__(self, client, bucket: str):
        self.client, self.bucket = client, bucket

    @classmethod
    def from_settings(cls, settings: Settings) -> "S3Media":
        return cls(s3_client(settings, max_pool_connections=POOL_CONNECTIONS), settings.s3_bucket)

    async def head(self, key: str) -> S3Object | None:
        """The object's headers, None when it does not exist."""
        answer = await self._call(self.client.head_object, Bucket=self.bucket, Key=key)
        if answer is None:
            return None
        size = answer["ContentLength"]
        return S3Object(size, size, answer["ETag"], _http_date(answer["LastModified"]))

    async def get(self, key: str, byte_range: tuple[int, int] | None = None) -> S3Object | None:
        """The object with its body (bytes ``[start, end)`` of it with a
        range), None when it does not exist. Close the body."""
        extra = {"Range": f"bytes={byte_range[0]}-{byte_range[1] - 1}"} if byte_range else {}
        answer = await self._call(self.client.get_object, Bucket=self.bucket, Key=key, **extra)
        if answer is None:
            return None
        length, content_range = answer["ContentLength"], answer.get("ContentRange")
        size = int(content_range.rpartition("/")[2]) if content_range else length
        return S3Object(size, length, answer["ETag"], _http_date(answer["LastModified"]), content_range, answer["Body"])

    async def put(self, key: str, body: BinaryIO, length: int) -> None:
        """Store ``length`` bytes of ``body`` (seekable) under ``key``: an
        upload's chunk (gateway.upload_chunks)."""
        await self._call(self.client.put_object, Bucket=self.bucket, Key=key, Body=body, ContentLength=length)

    async def delete(self, key: str) -> None:
        await self._call(self.client.delete_object, Bucket=self.bucket, Key=key)

    async def _call(self, method, **kwargs) -> dict | None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return await run_in_threadpool(method, **kwargs)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in _MISSING:
                return None
            log.warning("media storage refused a read", key=kwargs.get("Key"), error=str(exc))
            raise DependencyUnavailable("Media storage is unavailable", code="MEDIA_STORAGE_UNAVAILABLE") from exc
        except BotoCoreError as exc:  # unreachable, timed out
            log.warning("media storage unreachable", key=kwargs.get("Key"), error=str(exc))
            raise DependencyUnavailable("Media storage is unavailable", code="MEDIA_STORAGE_UNAVAILABLE") from exc


def _http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(timezone.utc), usegmt=True)  # botocore's is in dateutil's UTC


class S3ObjectResponse(StreamingResponse):
    """An S3 object's body, streamed ``chunk_size`` bytes at a time, with the
    headers FileResponse gives a local file; the body is closed however the
    response ends (a player that goes away mid-segment included)."""

    def __init__(self, found: S3Object, chunk_size: int, headers: dict, media_type: str):
        self.found = found
        super().__init__(
            _chunks(found.body, chunk_size),
            status_code=206 if found.content_range else 200,
            headers={
                **headers,
                "Accept-Ranges": "bytes",
                "Content-Length": str(found.length),
                "ETag": found.etag,
                "Last-Modified": found.last_modified,
                **({"Content-Range": found.content_range} if found.content_range else {}),
            },
            media_type=media_type,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.found.body.close()


async def _chunks(body: BinaryIO, chunk_size: int):
    while chunk := await run_in_threadpool(body.read, chunk_size):
        yield chunk
