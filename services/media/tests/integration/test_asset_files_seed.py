"""The seed's asset files, as the media role on the real PostgreSQL: a pack
and a preview stored per asset, ``ready`` with no transcode and no event; a
second seed draws and stores nothing. The seed on each storage backend
(conftest's ``storage``: local, then S3 on moto's server)."""

import uuid

import pytest
from sqlalchemy import select

from media import objects, packs, seed
from media.models import MediaFile, MediaObject, OutboxEvent
from media.storage import LocalStorage
from shared.errors import InvalidInput


@pytest.fixture
def local(tmp_path):
    return LocalStorage(tmp_path / "media")


def assets():
    return [
        {"id": str(uuid.uuid4()), "title": "SCI-FI CHARACTER SHEETS", "description": "Sheets", "category": "characters"},
        {"id": str(uuid.uuid4()), "title": "FANTASY CHARACTER PACK", "description": "Heroes", "category": "characters"},
        {"id": str(uuid.uuid4()), "title": "FONTS", "description": "No recipe", "category": "fonts"},
    ]


def test_each_asset_gets_a_ready_pack_and_preview_and_a_second_seed_draws_nothing(db, storage, monkeypatch):
    seeded = assets()
    first = seed.seed_asset_files(db, storage, seeded)
    assert (first["stored"], first["unchanged"]) == (2, 0)
    assert set(first["previews"]) == {seeded[0]["id"], seeded[1]["id"]}
    ids = [asset["id"] for asset in seeded]
    rows = db.scalars(select(MediaObject).where(MediaObject.owner_id.in_(ids))).all()
    assert sorted((row.kind, row.status) for row in rows) == [("pack", "ready")] * 2 + [("preview", "ready")] * 2
    assert db.scalars(select(OutboxEvent).where(OutboxEvent.aggregate_id.in_([r.id for r in rows]))).all() == []
    for row in rows:
        [file] = db.scalars(select(MediaFile).where(MediaFile.media_id == row.id)).all()
        assert (file.kind, file.key, file.size) == (row.kind, row.source_key, storage.size(row.source_key))
    download = objects.get_download(db, "asset", seeded[0]["id"])
    assert download["fileName"] == "sci-fi-character-sheets.zip"
    assert download["sizeBytes"] == storage.size(f"packs/{download['mediaId']}/{download['fileName']}")
    assert objects.get_download(db, "asset", seeded[2]["id"]) is None
    assert objects.get_playback(db, "asset", seeded[0]["id"]) is None  # a pack is no video

    def no_drawing(asset):
        raise AssertionError("drew a pack again")

    monkeypatch.setattr(packs, "build", no_drawing)
    again = seed.seed_asset_files(db, storage, seeded[:2])
    assert again == {"stored": 0, "unchanged": 2, "previews": first["previews"]}


def test_a_lost_preview_is_drawn_again_and_the_pack_stays(db, local):
    storage = local
    seeded = assets()[:1]
    first = seed.seed_asset_files(db, storage, seeded)
    pack = objects.get_download(db, "asset", seeded[0]["id"])
    db.delete(db.get(MediaObject, first["previews"][seeded[0]["id"]]))
    db.flush()
    again = seed.seed_asset_files(db, storage, seeded)
    assert again["stored"] == 1 and again["previews"][seeded[0]["id"]] != first["previews"][seeded[0]["id"]]
    assert objects.get_download(db, "asset", seeded[0]["id"]) == pack


def test_storing_the_same_file_again_is_the_same_object(db, local, tmp_path):
    storage = local
    path = tmp_path / "pack.zip"
    path.write_bytes(b"PK\x03\x04 not much of a zip")
    owner = str(uuid.uuid4())
    first = objects.store_file(db, storage, "asset", owner, "pack", str(path), "pack.zip")
    assert objects.store_file(db, storage, "asset", owner, "pack", str(path), "pack.zip")["id"] == first["id"]
    assert (first["kind"], first["status"], first["fileName"]) == ("pack", "ready", "pack.zip")


@pytest.mark.parametrize(
    ("kind", "file_name", "field"),
    [("video", "a.zip", "kind"), ("pack", "../a.zip", "fileName"), ("pack", "a.exe", "fileName"),
     ("pack", None, "fileName"), ("preview", None, "sourcePath"), ("pack", "not-a-zip.zip", "sourcePath")],
)
def test_bad_input_is_refused_and_nothing_stored(db, local, tmp_path, kind, file_name, field):
    storage = local
    path = tmp_path / "file"
    path.write_bytes(b"PK\x03\x04 a zip, no JPEG" if kind == "preview" else b"bytes")
    with pytest.raises(InvalidInput) as refused:
        objects.store_file(db, storage, "asset", str(uuid.uuid4()), kind, str(path), file_name)
    assert field in refused.value.details["fields"]
    assert not (tmp_path / "media").exists()


def test_files_lost_under_a_kept_database_are_stored_again(db, local):
    seeded = assets()[:1]
    first = seed.seed_asset_files(db, local, seeded)
    pack = objects.get_download(db, "asset", seeded[0]["id"])
    key = f"packs/{pack['mediaId']}/{pack['fileName']}"
    local.delete(key)
    again = seed.seed_asset_files(db, local, seeded)
    assert again["stored"] == 1 and again["previews"] == first["previews"]
    assert objects.get_download(db, "asset", seeded[0]["id"]) == pack  # the same object, its bytes back
    assert local.size(key) == pack["sizeBytes"]
