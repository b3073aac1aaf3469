"""The gateway's side of an upload's chunk (gateway.upload_chunks), on each
storage backend: a local media root and an S3 bucket on moto's server. What
it writes, media's own storage reads (as the worker does on import); a body
longer or shorter than its range leaves nothing under the key."""

import asyncio
import os
import uuid

import pytest

from gateway import upload_chunks
from gateway.media_s3 import S3Media
from media.storage import LocalStorage, S3Storage
from shared.errors import InvalidInput
from shared.s3 import s3_client
from shared.settings import Settings


@pytest.fixture(params=["local", "s3"])
def backend(request, tmp_path):
    """(settings, the gateway's S3Media or None, media's storage of the same place)."""
    settings = Settings(session_secret="s", media_root=str(tmp_path / "media"), log_level="WARNING")
    if request.param == "local":
        return settings, None, LocalStorage(settings.media_root)
    settings = settings.model_copy(
        update={
            "media_storage": "s3", "s3_endpoint_url": request.getfixturevalue("moto_endpoint"),
            "s3_bucket": f"test-{uuid.uuid4().hex[:12]}", "s3_access_key_id": "test", "s3_secret_access_key": "test",
        }
    )
    storage = S3Storage(settings.s3_bucket, s3_client(settings))
    storage.create_bucket_if_missing()
    return settings, S3Media.from_settings(settings), storage


def key() -> str:
    return f"uploads/{uuid.uuid4()}/{0:015d}-{uuid.uuid4().hex}"


async def body(data: bytes, piece: int = 65536):
    for start in range(0, len(data), piece):
        yield data[start:start + piece]


def store(backend, name: str, data: bytes, length: int) -> int:
    settings, s3, _ = backend
    return asyncio.run(upload_chunks.store(settings, s3, name, body(data), length))


def test_a_chunk_is_stored_whole_where_media_reads_it(backend):
    _, _, storage = backend
    data = os.urandom(3 * 1024 * 1024 + 17)  # several pieces, and past the spool's memory
    name = key()
    assert store(backend, name, data, len(data)) == len(data)
    with storage.open(name) as stored:
        assert stored.read() == data
    settings, s3, _ = backend
    asyncio.run(upload_chunks.delete(settings, s3, name))
    assert not storage.exists(name)


@pytest.mark.parametrize(("sent", "declared", "code"), [(1000, 999, "BAD_CONTENT_RANGE"), (999, 1000, "CHUNK_INCOMPLETE")])
def test_a_body_that_is_not_its_range_leaves_nothing(backend, sent, declared, code):
    _, _, storage = backend
    name = key()
    with pytest.raises(InvalidInput) as raised:
        store(backend, name, b"x" * sent, declared)
    assert raised.value.code == code
    assert not storage.exists(name)
    if isinstance(storage, LocalStorage):
        assert not list((storage.root / name).parent.glob("*"))  # no partial file either


@pytest.mark.parametrize("name", ["previews/x.jpg", "uploads/../hls/x", "hls/x/master.m3u8", ""])
def test_only_an_uploads_chunk_key_is_ever_written(backend, name):
    with pytest.raises(ValueError):
        store(backend, name, b"x", 1)
