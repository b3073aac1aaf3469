"""The seed is idempotent, and brings a drifted catalogue back to the seed data."""

from decimal import Decimal

from sqlalchemy import delete, func, select

from catalog import seed
from catalog.models import Asset, Course, Lesson

ALL_UNCHANGED = {
    "courses": {"created": 0, "updated": 0, "unchanged": 2},
    "lessons": {"created": 0, "updated": 0, "unchanged": 56},
    "assets": {"created": 0, "updated": 0, "unchanged": 6},
}


def snapshot(db) -> dict:
    return {
        model.__tablename__: sorted(db.scalars(select(model.id)))
        for model in (Course, Lesson, Asset)
    }


def test_seeding_twice_changes_nothing(db):
    before = snapshot(db)
    assert seed.seed(db) == ALL_UNCHANGED
    assert seed.seed(db) == ALL_UNCHANGED
    after = snapshot(db)
    assert after == before
    assert {table: len(ids) for table, ids in after.items()} == {"courses": 2, "lessons": 56, "assets": 6}


def test_seeding_repairs_a_changed_price_and_a_missing_asset(db):
    db.scalar(select(Course).where(Course.slug == "level-1")).price = Decimal("1.00")
    db.execute(delete(Asset).where(Asset.title == "CINEMATIC LUTS PACK"))
    db.flush()
    summary = seed.seed(db)
    assert summary["courses"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert summary["assets"] == {"created": 1, "updated": 0, "unchanged": 5}
    assert db.scalar(select(Course.price).where(Course.slug == "level-1")) == Decimal("149.00")
    assert db.scalar(select(func.count()).select_from(Asset)) == 6


def test_seeding_keeps_lesson_ids(db):
    # Learning stores lesson ids: a re-seed must update in place, never re-create.
    lesson = db.scalar(select(Lesson).where(Lesson.title == "Welcome"))
    lesson_id, lesson.title = lesson.id, "Hello"
    db.flush()
    assert seed.seed(db)["lessons"] == {"created": 0, "updated": 1, "unchanged": 55}
    assert db.scalar(select(Lesson.title).where(Lesson.id == lesson_id)) == "Welcome"
