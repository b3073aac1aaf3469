"""Load the seed content (the spec's ``db:seed``). Idempotent.

The catalogue first; then a drawn pack (the zip its buyers download) and a
preview image for every asset that has none, stored by media, and each
asset's ``imageUrl`` pointed at its preview (a few seconds; off with
SEED_ASSET_FILES=false); then, unless SEED_VIDEOS=false, a generated video
for every lesson that has none, imported through the media pipeline (the
worker transcodes them once the suite runs). Each is written as its
service's own role through its own URL (catalog's schema as ``catalog``,
media's as ``media``), so each lands on its service's server.
"""

import sys

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import seed
from catalog.models import Course, Lesson
from shared.contracts.media import preview_url
from shared.db import service_engine
from shared.settings import get_settings


def seeded_lessons(session: Session) -> list[dict]:
    rows = session.execute(
        select(Lesson, Course.title)
        .join(Course, Course.id == Lesson.course_id)
        .order_by(Course.level, Lesson.module_number, Lesson.lesson_number)
    )
    return [
        {
            "id": lesson.id,
            "course": course,
            "module_number": lesson.module_number,
            "module_name": lesson.module_name,
            "lesson_number": lesson.lesson_number,
            "title": lesson.title,
        }
        for lesson, course in rows
    ]


def seed_videos(lessons: list[dict]) -> dict:
    from media import seed as media_seed
    from media.storage import storage_from_settings

    engine = service_engine("media", pool_size=1)
    try:
        with Session(engine, expire_on_commit=False) as session:
            return media_seed.seed_lesson_videos(session, storage_from_settings(get_settings()), lessons)
    finally:
        engine.dispose()


def seed_asset_files(assets: list[dict]) -> dict:
    from media import seed as media_seed
    from media.storage import storage_from_settings

    engine = service_engine("media", pool_size=1)
    try:
        with Session(engine, expire_on_commit=False) as session:
            return media_seed.seed_asset_files(session, storage_from_settings(get_settings()), assets)
    finally:
        engine.dispose()


def main() -> int:
    engine = service_engine("catalog", pool_size=1)
    with Session(engine) as session:
        with session.begin():
            print("seed:", seed.seed(session))
            lessons = seeded_lessons(session)
            assets = seed.seeded_assets(session)
        if get_settings().seed_asset_files:
            files = seed_asset_files(assets)
            previews = files.pop("previews")
            with session.begin():
                urls = {asset_id: preview_url(media_id) for asset_id, media_id in previews.items()}
                files["images"] = seed.set_asset_images(session, urls)
            print("seed: asset files:", files)
    engine.dispose()
    if get_settings().seed_videos:
        print("seed: lesson videos:", seed_videos(lessons))
    return 0


if __name__ == "__main__":
    sys.exit(main())
