"""A generated video for every seeded lesson, imported through the pipeline;
a drawn pack and preview for every seeded asset, stored as they are.

Each lesson without a media object gets a 10-second title card (its module,
number and title over moving test imagery, with a tone), imported as any
upload is: stored, recorded ``uploaded``, ``media_uploaded`` in the outbox.
The worker transcodes them in the background once the suite runs, so the
seed waits for none of it. A lesson that has a media object already is
skipped before anything is generated: a second seed makes and imports
nothing.
"""

import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from media import generate, objects, packs
from media.models import MediaObject
from media.storage import Storage

SECONDS = 10
HEIGHT = 720
# Half the usual frame rate: half the encoding time of 56 videos at seed time.
FPS = 15
# Two ffmpeg processes at once: what a 2-core machine gains from.
PARALLEL = 2


def _lessons_without_media(db: Session, lessons: list[dict]) -> list[dict]:
    have = set(
        db.scalars(
            select(MediaObject.owner_id).where(
                MediaObject.owner_type == "lesson", MediaObject.owner_id.in_([l["id"] for l in lessons])
            )
        )
    )
    return [lesson for lesson in lessons if lesson["id"] not in have]


def _make(lesson: dict, index: int, work: Path) -> Path:
    kicker = f"{lesson['course']} · Module {lesson['module_number']}: {lesson['module_name']} · Lesson {lesson['lesson_number']}"
    return generate.title_card(
        work / f"{lesson['id']}.mp4",
        lesson["title"],
        kicker,
        seconds=SECONDS,
        height=HEIGHT,
        fps=FPS,
        hue=(index * 47) % 360,
        tone_hz=220 + (index % 12) * 40,
    )


def seed_lesson_videos(db: Session, storage: Storage, lessons: list[dict]) -> dict:
    """``lessons``: [{"id", "course", "module_number", "module_name",
    "lesson_number", "title"}]. Commits after each import, so an interrupted
    seed keeps what it did."""
    missing = _lessons_without_media(db, lessons)
    with tempfile.TemporaryDirectory(prefix="seed-videos-") as work, ThreadPoolExecutor(PARALLEL) as pool:
        made = pool.map(lambda item: (item[1], _make(item[1], item[0], Path(work))), enumerate(missing))
        for lesson, path in made:
            objects.import_media(db, storage, "lesson", lesson["id"], str(path))
            db.commit()
            path.unlink()
    return {"imported": len(missing), "unchanged": len(lessons) - len(missing)}


def _asset_files(db: Session, asset_ids: list[str]) -> dict[tuple[str, str], MediaObject]:
    """The newest ready pack and preview of each asset, by (asset id, kind)."""
    rows = db.scalars(
        select(MediaObject)
        .where(
            MediaObject.owner_type == "asset",
            MediaObject.owner_id.in_(asset_ids),
            MediaObject.kind.in_(("pack", "preview")),
            MediaObject.status == "ready",
        )
        .order_by(MediaObject.created_at)
    )
    return {(row.owner_id, row.kind): row for row in rows}  # the newest last, so it stays


def seed_asset_files(db: Session, storage: Storage, assets: list[dict]) -> dict:
    """``assets``: [{"id", "title", "description", "category"}]. Each asset
    without a pack or a preview gets them, drawn (media/packs.py) and stored
    as they are, ``ready``; one that has both is skipped before anything is
    drawn, so a second seed draws and stores nothing; one whose stored file
    is gone has it drawn and stored again. Commits after each
    asset. Returns the counts and ``previews``: {asset id: the preview's
    media id}, for catalog's ``imageUrl``."""
    have = _asset_files(db, [asset["id"] for asset in assets])
    # A record whose bytes are gone (a media root wiped under a kept
    # database) counts as missing: the same drawing stores them again.
    have = {owned: media for owned, media in have.items() if storage.exists(media.source_key)}
    stored = unchanged = 0
    with tempfile.TemporaryDirectory(prefix="seed-packs-") as work:
        for asset in assets:
            missing = [kind for kind in ("pack", "preview") if (asset["id"], kind) not in have]
            if not missing:
                unchanged += 1
                continue
            pack = packs.build(asset)
            if pack is None:
                continue
            files = {
                "pack": packs.write_zip(pack, Path(work) / pack.file_name),
                "preview": packs.write_preview(pack, Path(work) / "preview.jpg"),
            }
            for kind in missing:
                media = objects.store_file(db, storage, "asset", asset["id"], kind, str(files[kind]), pack.file_name)
                have[(asset["id"], kind)] = db.get(MediaObject, media["id"])
            db.commit()
            for path in files.values():
                path.unlink()
            stored += 1
    previews = {asset_id: media.id for (asset_id, kind), media in have.items() if kind == "preview"}
    return {"stored": stored, "unchanged": unchanged, "previews": previews}
