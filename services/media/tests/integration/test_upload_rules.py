"""Uploads on the real database and each storage backend: who may upload,
what each owner takes, the limits, chunks in order, and the import of a
received upload (media/uploads.py, media/upload_imports.py)."""

import io
import uuid
import zipfile

import pytest
from sqlalchemy import select

from media import upload_imports, uploads
from media.models import MediaObject, OutboxEvent
from shared.errors import Conflict, Forbidden, InvalidInput, NotFound, PayloadTooLarge, Unauthenticated
from shared.settings import get_settings

STAFF = {"id": str(uuid.uuid4()), "role": "instructor"}
LEARNER = {"id": str(uuid.uuid4()), "role": "learner"}


@pytest.fixture
def settings():
    return get_settings().model_copy(update={"upload_max_bytes": 10_000_000, "upload_chunk_bytes": 64 * 1024})


def exists(_owner_type, _owner_id):
    return True


def new(db, settings, kind="pack", data=b"", file_name=None, owner_type=None, size=None):
    owner_type = owner_type or ("lesson" if kind == "video" else "asset")
    file_name = file_name or {"pack": "pack.zip", "preview": "cover.jpg", "video": "Lesson 1.MP4"}[kind]
    return uploads.create_upload(
        db, settings, STAFF, owner_type, str(uuid.uuid4()), kind, file_name, size or len(data), exists
    )


def send(db, settings, storage, upload, data, chunk=40_000):
    """Every chunk of ``data`` as the gateway sends it: asked, stored, recorded."""
    for start in range(0, len(data), chunk):
        piece = data[start:start + chunk]
        end = start + len(piece) - 1
        key = uploads.begin_chunk(db, settings, STAFF, upload["id"], start, end, len(data))["key"]
        storage.put_stream(key, io.BytesIO(piece))
        upload = uploads.record_chunk(db, STAFF, upload["id"], start, end, key, len(piece))
    return upload


def a_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello " * 20_000)
        archive.writestr("noise.bin", uuid.uuid4().bytes * 5_000)
    return out.getvalue()


def test_only_staff_may_upload(db, settings):
    for actor, error in ((LEARNER, Forbidden), (None, Unauthenticated), ({"id": "x"}, Forbidden)):
        with pytest.raises(error):
            uploads.create_upload(db, settings, actor, "asset", str(uuid.uuid4()), "pack", "p.zip", 10, exists)
    upload = new(db, settings, data=b"PK\x03\x04rest")
    for call in (
        lambda: uploads.begin_chunk(db, settings, LEARNER, upload["id"], 0, 1, upload["size"]),
        lambda: uploads.record_chunk(db, LEARNER, upload["id"], 0, 1, "k", 2),
        lambda: uploads.get_upload(db, LEARNER, upload["id"]),
        lambda: uploads.list_uploads(db, LEARNER),
    ):
        with pytest.raises(Forbidden):
            call()


@pytest.mark.parametrize(
    ("owner_type", "kind", "file_name", "size", "error", "code"),
    [
        ("lesson", "pack", "p.zip", 10, InvalidInput, "KIND_NOT_FOR_OWNER"),
        ("asset", "video", "v.mp4", 10, InvalidInput, "KIND_NOT_FOR_OWNER"),
        ("course", "video", "v.mp4", 10, InvalidInput, "VALIDATION_ERROR"),
        ("asset", "sound", "v.mp4", 10, InvalidInput, "VALIDATION_ERROR"),
        ("asset", "pack", "not a zip name.txt", 10, InvalidInput, "VALIDATION_ERROR"),
        ("asset", "preview", "../etc/passwd", 10, InvalidInput, "VALIDATION_ERROR"),
        ("asset", "preview", "c.jpg", 0, InvalidInput, "VALIDATION_ERROR"),
        ("asset", "preview", "c.jpg", "10", InvalidInput, "VALIDATION_ERROR"),
        ("asset", "preview", "c.jpg", 10_000_001, PayloadTooLarge, "UPLOAD_TOO_LARGE"),
    ],
)
def test_what_an_upload_may_be(db, settings, owner_type, kind, file_name, size, error, code):
    with pytest.raises(error) as raised:
        uploads.create_upload(db, settings, STAFF, owner_type, str(uuid.uuid4()), kind, file_name, size, exists)
    assert raised.value.code == code


def test_an_unknown_owner_is_not_found(db, settings):
    with pytest.raises(NotFound) as raised:
        uploads.create_upload(db, settings, STAFF, "lesson", str(uuid.uuid4()), "video", "v.mp4", 10, lambda *_: False)
    assert raised.value.code == "OWNER_NOT_FOUND"
    with pytest.raises(NotFound):
        uploads.create_upload(db, settings, STAFF, "lesson", "not-an-id", "video", "v.mp4", 10, exists)


def test_chunks_come_in_order_and_within_the_limits(db, settings):
    upload = new(db, settings, size=100_000)
    assert upload["status"] == "receiving" and upload["received"] == 0
    with pytest.raises(Conflict) as raised:
        uploads.begin_chunk(db, settings, STAFF, upload["id"], 10, 20, 100_000)
    assert (raised.value.code, raised.value.details) == ("UPLOAD_OFFSET", {"received": 0})
    with pytest.raises(InvalidInput):
        uploads.begin_chunk(db, settings, STAFF, upload["id"], 0, 20, 99_999)  # not the declared size
    with pytest.raises(InvalidInput):
        uploads.begin_chunk(db, settings, STAFF, upload["id"], 0, 100_000, 100_000)  # past the end
    with pytest.raises(PayloadTooLarge) as raised:
        uploads.begin_chunk(db, settings, STAFF, upload["id"], 0, 64 * 1024, 100_000)
    assert raised.value.code == "UPLOAD_CHUNK_TOO_LARGE"
    with pytest.raises(NotFound):
        uploads.begin_chunk(db, settings, STAFF, str(uuid.uuid4()), 0, 1, 100_000)


def test_of_two_copies_of_a_chunk_one_is_recorded_and_the_other_refused(db, settings, storage):
    upload = new(db, settings, size=100)
    first = uploads.begin_chunk(db, settings, STAFF, upload["id"], 0, 49, 100)["key"]
    second = uploads.begin_chunk(db, settings, STAFF, upload["id"], 0, 49, 100)["key"]
    assert first != second
    assert uploads.record_chunk(db, STAFF, upload["id"], 0, 49, first, 50)["received"] == 50
    with pytest.raises(Conflict) as raised:
        uploads.record_chunk(db, STAFF, upload["id"], 0, 49, second, 50)
    assert raised.value.details == {"received": 50}
    with pytest.raises(InvalidInput):  # the bytes stored are not what the range says
        key = uploads.begin_chunk(db, settings, STAFF, upload["id"], 50, 99, 100)["key"]
        uploads.record_chunk(db, STAFF, upload["id"], 50, 99, key, 49)
    with pytest.raises(InvalidInput):  # a key media did not grant for this upload
        uploads.record_chunk(db, STAFF, upload["id"], 50, 99, "previews/x.jpg", 50)


def test_a_pack_in_chunks_becomes_a_ready_pack_and_its_chunks_go(db, settings, storage):
    data = a_zip()
    upload = send(db, settings, storage, new(db, settings, data=data), data)
    assert (upload["status"], upload["received"]) == ("processing", len(data))
    with pytest.raises(Conflict):
        uploads.begin_chunk(db, settings, STAFF, upload["id"], len(data) - 1, len(data) - 1, len(data))

    assert upload_imports.import_next(db, storage, upload["id"]) == upload["id"]
    done = uploads.get_upload(db, STAFF, upload["id"])
    assert done["status"] == "ready" and done["error"] is None
    media = db.get(MediaObject, done["mediaId"])
    assert (media.kind, media.status, media.file_name, media.source_size) == ("pack", "ready", "pack.zip", len(data))
    with storage.open(media.source_key) as stored:
        assert stored.read() == data
    upload_imports.clean_up(storage, upload["id"])
    assert not any(storage.exists(key) for key in _part_keys(db, upload["id"]))
    assert [u["id"] for u in uploads.list_uploads(db, STAFF, "asset", upload["ownerId"])] == [upload["id"]]


def _part_keys(db, upload_id):
    from media.models import UploadPart

    return db.scalars(select(UploadPart.key).where(UploadPart.upload_id == upload_id)).all()


@pytest.mark.parametrize(
    ("kind", "data", "reason"),
    [("pack", b"plain text, no zip" * 100, "A pack must be a zip"),
     ("preview", b"\x89PNG\r\n\x1a\n" + b"0" * 500, "A preview must be a JPEG")],
)
def test_a_file_that_is_not_its_kind_fails_with_the_reason(db, settings, storage, kind, data, reason):
    upload = send(db, settings, storage, new(db, settings, kind=kind, data=data), data, chunk=300)
    upload_imports.import_next(db, storage, upload["id"])
    failed = uploads.get_upload(db, STAFF, upload["id"])
    assert failed["status"] == "failed" and failed["error"].startswith(reason)
    assert failed["mediaId"] is None


def test_a_received_video_goes_to_the_transcode(db, settings, storage):
    data = b"\x00\x00\x00\x18ftypmp42" + uuid.uuid4().bytes * 10_000
    upload = send(db, settings, storage, new(db, settings, kind="video", data=data), data)
    upload_imports.import_next(db, storage, upload["id"])
    imported = uploads.get_upload(db, STAFF, upload["id"])
    assert imported["status"] == "processing"
    media = db.get(MediaObject, imported["mediaId"])
    assert (media.kind, media.status, media.source_key.endswith("/source.mp4")) == ("video", "uploaded", True)
    events = db.scalars(select(OutboxEvent).where(OutboxEvent.aggregate_id == media.id)).all()
    assert [e.event_type for e in events] == ["media_uploaded"]
    # The pipeline's verdict is the upload's.
    media.status, media.failure_reason = "failed", "probing the source failed: moov atom not found"
    db.flush()
    assert uploads.get_upload(db, STAFF, upload["id"]) | {} == {
        **imported, "status": "failed", "error": "probing the source failed: moov atom not found",
    }


def test_a_chunk_gone_from_storage_fails_the_upload(db, settings, storage):
    data = a_zip()
    upload = send(db, settings, storage, new(db, settings, data=data), data)
    storage.delete(_part_keys(db, upload["id"])[1])
    upload_imports.import_next(db, storage, upload["id"])
    failed = uploads.get_upload(db, STAFF, upload["id"])
    assert failed["status"] == "failed" and "missing" in failed["error"]
