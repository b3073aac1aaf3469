"""A generated video for every seeded lesson, imported through the pipeline.

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

from media import generate, objects
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
