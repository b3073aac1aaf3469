"""The storage contract, on the local directory and on S3 (moto's server)."""

import hashlib
import io

import pytest

from media.storage import TMP_PREFIX, LocalStorage, MissingObject, download


def test_a_stored_stream_reads_back_with_its_size_and_checksum(storage):
    data = b"\x00\x01 video bytes " * 100_000
    stored = storage.put_stream("lesson/abc/source.mp4", io.BytesIO(data))
    assert (stored.size, stored.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert storage.exists("lesson/abc/source.mp4")
    assert storage.size("lesson/abc/source.mp4") == len(data)
    with storage.open("lesson/abc/source.mp4") as stream:
        assert stream.read() == data


def test_a_stored_file_can_be_downloaded(storage, tmp_path):
    source = tmp_path / "in.bin"
    source.write_bytes(b"poster")
    storage.put_file("m/poster.jpg", source)
    download(storage, "m/poster.jpg", tmp_path / "out.bin")
    assert (tmp_path / "out.bin").read_bytes() == b"poster"


def test_a_second_put_replaces_the_object(storage):
    storage.put_stream("k/one", io.BytesIO(b"first"))
    storage.put_stream("k/one", io.BytesIO(b"second!"))
    with storage.open("k/one") as stream:
        assert stream.read() == b"second!"
    assert storage.size("k/one") == 7


def test_a_missing_object(storage):
    assert not storage.exists("nothing/here")
    with pytest.raises(MissingObject):
        storage.open("nothing/here")
    with pytest.raises(MissingObject):
        storage.size("nothing/here")
    storage.delete("nothing/here")  # deleting what is not there is harmless


def test_delete(storage):
    storage.put_stream("gone/soon", io.BytesIO(b"x"))
    storage.delete("gone/soon")
    assert not storage.exists("gone/soon")


@pytest.mark.parametrize("key", ["../escape", "/absolute", "a/../b", ".tmp/x", "", "a//b", "a b"])
def test_keys_cannot_escape_or_reach_temporary_objects(storage, key):
    with pytest.raises(ValueError):
        storage.put_stream(key, io.BytesIO(b"x"))


class Interrupted(Exception):
    pass


class BreaksHalfway(io.RawIOBase):
    """A source that dies after some bytes, as a crashed upload would."""

    def __init__(self):
        self.sent = 0

    def readable(self):
        return True

    def read(self, n=-1):
        if self.sent > 3 * 1024 * 1024:
            raise Interrupted("source died")
        self.sent += 1024 * 1024
        return b"y" * (1024 * 1024)


def test_a_write_that_dies_midway_leaves_no_object_and_the_old_one_intact(storage):
    storage.put_stream("k/video", io.BytesIO(b"old"))
    with pytest.raises(Interrupted):
        storage.put_stream("k/video", BreaksHalfway())
    with storage.open("k/video") as stream:
        assert stream.read() == b"old"
    with pytest.raises(Interrupted):
        storage.put_stream("k/new", BreaksHalfway())
    assert not storage.exists("k/new")


def test_local_temporary_files_are_removed_after_a_failed_write(tmp_path):
    storage = LocalStorage(tmp_path)
    with pytest.raises(Interrupted):
        storage.put_stream("k/new", BreaksHalfway())
    assert list((tmp_path / TMP_PREFIX).iterdir()) == []


def test_the_settings_choose_the_backend(moto_endpoint, tmp_path):
    from media.storage import S3Storage, storage_from_settings
    from shared.settings import Settings

    local = storage_from_settings(Settings(media_root=str(tmp_path)))
    assert isinstance(local, LocalStorage) and local.root == tmp_path
    s3 = storage_from_settings(
        Settings(media_storage="s3", s3_endpoint_url=moto_endpoint, s3_bucket="from-settings",
                 s3_access_key_id="k", s3_secret_access_key="s")
    )
    assert isinstance(s3, S3Storage)
    s3.create_bucket_if_missing()
    s3.create_bucket_if_missing()  # twice is harmless (bootstrap runs on every deploy)
    s3.put_stream("a/b", io.BytesIO(b"through the settings"))
    assert s3.size("a/b") == 20
