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

from catalog import seed, seed_data
from catalog.models import Course, Lesson
from shared.contracts.media import preview_url
from shared.db import service_engine
from shared.settings import get_settings


def seeded_lessons(session: Session) -> list[dict]:
    rows = session.execute(
        select(Lesson, Course.title)
        .join(Course, Course.id == Lesson.course_id)
        # The seed's own courses: staff's courses get the videos staff upload.
        .where(Course.slug.in_([course["slug"] for course in seed_data.COURSES]), Lesson.deleted_at.is_(None))
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


def announce_catalog_changed() -> None:
    """Running gateways drop the catalogue answers they keep (their cache
    held the catalogue as it was before the seed). A failure is reported,
    not fatal: a gateway that cannot reach the broker keeps no cache, and
    one that reconnects drops it."""
    from nameko.standalone.events import event_dispatcher, get_event_exchange

    from shared.events import CATALOG, CATALOG_CHANGED, CatalogChanged

    # Declared as catalog declares it: there may be no catalog running yet.
    exchange = get_event_exchange(CATALOG, {})
    config = {"AMQP_URI": get_settings().amqp_uri}
    dispatch = event_dispatcher(config, declare=[exchange], retry_policy={"max_retries": 2})
    try:
        dispatch(CATALOG, CATALOG_CHANGED, CatalogChanged.new("seed").to_payload())
    except Exception as exc:  # any broker failure: see above
        print(f"seed: catalog_changed not sent: {exc!r}")


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
    announce_catalog_changed()
    if get_settings().seed_videos:
        print("seed: lesson videos:", seed_videos(lessons))
    return 0


if __name__ == "__main__":
    sys.exit(main())
