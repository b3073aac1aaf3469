"""Write the seed catalogue (``catalog.seed_data``), idempotently.

Rows are matched by natural key (course slug; course, module and lesson
number; asset title), inserted when missing and updated only in the fields
that differ, so a second run changes nothing. An asset's ``image_url`` names
its preview, which media stores (deploy/seed.py sets it through
``set_asset_images``): the seed data's None does not undo it. Ids are never regenerated and
rows missing from the seed data are left in place: other services keep
course, lesson and asset ids.

What staff decide stays theirs: a seeded row is created published, and a
re-seed leaves its status and soft delete alone (a deleted row is matched
first by a live one of the same key); a course's lessons count is counted
from its published, live lessons.
"""

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog import seed_data
from catalog.lesson_notes import NOTES
from catalog.models import Asset, Course, Lesson

# Two deploys seeding at once would both insert the missing rows and one would
# fail on a unique key; the lock makes the second wait and then find them.
_LOCK_NAME = "catalog.seed"


def lesson_notes(course_title: str, module_number: int, module_name: str, lesson_number: int, title: str,
                 minutes: int) -> str:
    """A lesson's written notes (Markdown): its title and place in the course, above the text
    written for it in ``catalog.lesson_notes`` (every seeded lesson has one: a missing entry
    fails the seed rather than publishing placeholder notes)."""
    slug = next(course["slug"] for course in seed_data.COURSES if course["title"] == course_title)
    body = NOTES[(slug, module_number, lesson_number)]
    return (
        f"# {title}\n\n"
        f"*{course_title.title()} - Module {module_number}, {module_name}, lesson {lesson_number} "
        f"({minutes} min)*\n\n"
        f"{body.strip()}\n"
    )


def lesson_rows(slug: str) -> list[dict]:
    """A course's lessons as column values, numbered in the order listed."""
    rows = []
    course_title = next(course["title"] for course in seed_data.COURSES if course["slug"] == slug)
    for module_number, (module_name, lessons) in enumerate(seed_data.MODULES[slug], start=1):
        for lesson_number, (title, minutes) in enumerate(lessons, start=1):
            rows.append({
                "module_number": module_number,
                "module_name": module_name,
                "lesson_number": lesson_number,
                "title": title,
                "video_url": None,
                "duration": minutes,
                "notes": lesson_notes(course_title, module_number, module_name, lesson_number, title, minutes),
                # The first lesson of each course can be watched before buying it.
                "preview": module_number == 1 and lesson_number == 1,
            })
    return rows


def asset_rows() -> list[dict]:
    return [{**asset, "position": position} for position, asset in enumerate(seed_data.ASSETS, start=1)]


# Set on the rows the seed creates, never changed on the rows it finds.
CREATED_WITH = {"status": "published"}


def _by_key(rows, key) -> dict:
    """Rows by ``key(row)``, a live row over a deleted one of the same key."""
    found = {}
    for row in rows:
        if key(row) not in found or found[key(row)].deleted_at is not None:
            found[key(row)] = row
    return found


def _upsert(db: Session, model, existing, key, values: dict, counts: Counter, created_with: dict = CREATED_WITH):
    """The row of ``key``, created or brought up to ``values``."""
    row = existing.get(key)
    if row is None:
        row = model(**values, **created_with)
        db.add(row)
        counts["created"] += 1
        return row
    changed = {name: value for name, value in values.items() if getattr(row, name) != value}
    for name, value in changed.items():
        setattr(row, name, value)
    counts["updated" if changed else "unchanged"] += 1
    return row


def seed_courses(db: Session) -> tuple[dict[str, Course], Counter]:
    counts = Counter()
    slugs = [course["slug"] for course in seed_data.COURSES]
    existing = _by_key(db.scalars(select(Course).where(Course.slug.in_(slugs))), lambda course: course.slug)
    by_slug = {}
    for values in seed_data.COURSES:
        values = {name: value for name, value in values.items() if name != "lessons_count"}
        created_with = {**CREATED_WITH, "lessons_count": 0}
        by_slug[values["slug"]] = _upsert(db, Course, existing, values["slug"], values, counts, created_with)
    db.flush()  # the lessons need the ids of new courses
    return by_slug, counts


def seed_lessons(db: Session, courses_by_slug: dict[str, Course]) -> Counter:
    counts = Counter()
    course_ids = [course.id for course in courses_by_slug.values()]
    existing = _by_key(
        db.scalars(select(Lesson).where(Lesson.course_id.in_(course_ids))),
        lambda lesson: (lesson.course_id, lesson.module_number, lesson.lesson_number),
    )
    for slug, course in courses_by_slug.items():
        for values in lesson_rows(slug):
            key = (course.id, values["module_number"], values["lesson_number"])
            _upsert(db, Lesson, existing, key, {"course_id": course.id, **values}, counts)
    db.flush()
    for course in courses_by_slug.values():
        count = db.scalar(
            select(func.count()).select_from(Lesson)
            .where(Lesson.course_id == course.id, Lesson.status == "published", Lesson.deleted_at.is_(None))
        )
        if course.lessons_count != count:
            course.lessons_count = count
    return counts


def seed_assets(db: Session) -> Counter:
    counts = Counter()
    rows = asset_rows()
    titles = [values["title"] for values in rows]
    existing = _by_key(db.scalars(select(Asset).where(Asset.title.in_(titles))), lambda asset: asset.title)
    for values in rows:
        if values["title"] in existing and values["image_url"] is None:
            # The preview media stored (set_asset_images) stays: the seed data has none.
            values = {name: value for name, value in values.items() if name != "image_url"}
        _upsert(db, Asset, existing, values["title"], values, counts)
    return counts


def seeded_assets(db: Session) -> list[dict]:
    """The seed's assets as media's seed draws their files: id, title, description, category."""
    titles = [values["title"] for values in seed_data.ASSETS]
    rows = db.scalars(
        select(Asset).where(Asset.title.in_(titles), Asset.deleted_at.is_(None)).order_by(Asset.position, Asset.title)
    )
    return [
        {"id": row.id, "title": row.title, "description": row.description, "category": row.category}
        for row in rows
    ]


def set_asset_images(db: Session, image_urls: dict[str, str]) -> dict:
    """Point each asset's ``imageUrl`` at its preview ({asset id: URL});
    an asset that shows it already is left alone (the caller commits)."""
    counts = Counter()
    for asset in db.scalars(select(Asset).where(Asset.id.in_(list(image_urls)))):
        if asset.image_url == image_urls[asset.id]:
            counts["unchanged"] += 1
        else:
            asset.image_url = image_urls[asset.id]
            counts["updated"] += 1
    return {outcome: counts[outcome] for outcome in ("updated", "unchanged")}


def seed(session: Session) -> dict:
    """Bring the catalogue up to the seed data (the caller commits). Returns, per table,
    how many rows were created, updated and already up to date."""
    session.execute(select(func.pg_advisory_xact_lock(func.hashtext(_LOCK_NAME))))
    courses_by_slug, course_counts = seed_courses(session)
    summary = {
        "courses": course_counts,
        "lessons": seed_lessons(session, courses_by_slug),
        "assets": seed_assets(session),
    }
    return {
        table: {outcome: counts[outcome] for outcome in ("created", "updated", "unchanged")}
        for table, counts in summary.items()
    }
