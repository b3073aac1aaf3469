"""Where media bytes live, behind one small interface with two backends.

    storage.put_file(key, path) / put_stream(key, stream) -> Stored(size, sha256)
    storage.open(key)     a readable binary file (MissingObject if absent)
    storage.exists(key), storage.size(key), storage.delete(key)
    storage.delete_tree(prefix)   every object under ``prefix/`` (an upload's chunks)

``LocalStorage`` keeps objects as files under ``MEDIA_ROOT``; ``S3Storage``
in an S3-compatible bucket. Neither hands out URLs: serving them (signed
URLs) is the gateway's business. A write goes to a temporary name first and
is published by a rename (local) or a copy (S3), so a crash mid-write never
leaves a partial object under its key; at worst a stray temporary object
under ``.tmp/``.
"""

import hashlib
import os
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from shared.s3 import s3_client
from shared.settings import Settings

CHUNK = 1024 * 1024
TMP_PREFIX = ".tmp/"
# Keys are relative paths of plain names: nothing can escape the root.
_KEY = re.compile(r"^(?!\.)[A-Za-z0-9_\-][A-Za-z0-9_.\-]*(/[A-Za-z0-9_\-][A-Za-z0-9_.\-]*)*$")


class MissingObject(LookupError):
    """No object under this key."""


@dataclass(frozen=True)
class Stored:
    key: str
    size: int
    sha256: str


def check_key(key: str) -> str:
    if not isinstance(key, str) or len(key) > 512 or not _KEY.match(key) or "/." in key:
        raise ValueError(f"not a storage key: {key!r}")
    return key


class Storage(Protocol):
    def put_file(self, key: str, path: str | os.PathLike) -> Stored: ...
    def put_stream(self, key: str, stream: BinaryIO) -> Stored: ...
    def open(self, key: str) -> BinaryIO: ...
    def exists(self, key: str) -> bool: ...
    def size(self, key: str) -> int: ...
    def delete(self, key: str) -> None: ...
    def delete_tree(self, prefix: str) -> None: ...


def _copy_hashing(source: BinaryIO, target: BinaryIO) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        target.write(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def download(storage: Storage, key: str, path: str | os.PathLike) -> None:
    """Copy an object to a local file."""
    with storage.open(key) as source, open(path, "wb") as target:
        shutil.copyfileobj(source, target, CHUNK)


class LocalStorage:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def put_file(self, key: str, path) -> Stored:
        with open(path, "rb") as stream:
            return self.put_stream(key, stream)

    def put_stream(self, key: str, stream: BinaryIO) -> Stored:
        target = self._path(key)
        tmp_dir = self.root / TMP_PREFIX
        tmp_dir.mkdir(parents=True, exist_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=tmp_dir)
        try:
            with os.fdopen(fd, "wb") as out:
                size, sha256 = _copy_hashing(stream, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)  # atomic on one filesystem: the object appears whole or not at all
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return Stored(key, size, sha256)

    def open(self, key: str) -> BinaryIO:
        try:
            return open(self._path(key), "rb")
        except (FileNotFoundError, IsADirectoryError):
            raise MissingObject(key) from None

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def size(self, key: str) -> int:
        try:
            return self._path(key).stat().st_size
        except FileNotFoundError:
            raise MissingObject(key) from None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def delete_tree(self, prefix: str) -> None:
        shutil.rmtree(self._path(prefix), ignore_errors=True)


class S3Storage:
    def __init__(self, bucket: str, client):
        self.bucket, self.client = bucket, client

    @classmethod
    def from_settings(cls, settings: Settings) -> "S3Storage":
        return cls(settings.s3_bucket, s3_client(settings))

    def create_bucket_if_missing(self) -> None:
        from botocore.exceptions import ClientError

        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError:
            self.client.create_bucket(Bucket=self.bucket)

    def put_file(self, key: str, path) -> Stored:
        with open(path, "rb") as stream:
            return self.put_stream(key, stream)

    def put_stream(self, key: str, stream: BinaryIO) -> Stored:
        check_key(key)
        # Spooled to a local file first: s3transfer takes a short read of a
        # stream for its end, which would publish a truncated object.
        with tempfile.TemporaryFile() as spool:
            size, sha256 = _copy_hashing(stream, spool)
            spool.seek(0)
            tmp = f"{TMP_PREFIX}{uuid.uuid4().hex}"
            try:
                self.client.upload_fileobj(spool, self.bucket, tmp)
                # Published by a server-side copy: readers of ``key`` never see an upload in progress.
                self.client.copy({"Bucket": self.bucket, "Key": tmp}, self.bucket, key)
            finally:
                self.client.delete_object(Bucket=self.bucket, Key=tmp)
        return Stored(key, size, sha256)

    def open(self, key: str) -> BinaryIO:
        from botocore.exceptions import ClientError

        try:
            return self.client.get_object(Bucket=self.bucket, Key=check_key(key))["Body"]
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                raise MissingObject(key) from None
            raise

    def _head(self, key: str) -> dict | None:
        from botocore.exceptions import ClientError

        try:
            return self.client.head_object(Bucket=self.bucket, Key=check_key(key))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound"):
                return None
            raise

    def exists(self, key: str) -> bool:
        return self._head(key) is not None

    def size(self, key: str) -> int:
        head = self._head(key)
        if head is None:
            raise MissingObject(key)
        return head["ContentLength"]

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=check_key(key))

    def delete_tree(self, prefix: str) -> None:
        prefix = check_key(prefix) + "/"
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix)
        for page in pages:
            keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
            if keys:
                self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": keys, "Quiet": True})


def storage_from_settings(settings: Settings) -> Storage:
    if settings.media_storage == "s3":
        return S3Storage.from_settings(settings)
    return LocalStorage(settings.media_root)
