"""Staff's authoring on the real database: validation, the staff check, soft
delete, drafts kept from the store, lessons count, and outlines that apply
entirely or not at all (also when two arrive at once)."""

import threading
import uuid

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from catalog import asset_edits, assets, course_edits, courses, lesson_edits, pricing
from catalog.authoring import require_staff
from catalog.models import Course, Lesson
from shared.db import service_engine
from shared.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated


def course_body(**overrides) -> dict:
    return {
        "title": "Sound Design", "slug": f"sound-{uuid.uuid4().hex[:8]}", "description": "All about sound.",
        "shortDescription": "Sound", "price": "49.00", "level": "03", "duration": "2.0 HOURS", "color": "acidGreen",
        **overrides,
    }


def lesson_body(module: int, number: int, **overrides) -> dict:
    return {"moduleNumber": module, "moduleName": f"Module {module}", "lessonNumber": number,
            "title": f"Lesson {module}.{number}", **overrides}


def asset_body(**overrides) -> dict:
    return {"title": f"PACK {uuid.uuid4().hex[:8]}", "description": "d", "price": "9.50", "category": "sound",
            "fileFormat": "WAV", "color": "red-500", **overrides}


@pytest.fixture
def course(db):
    return course_edits.create_course(db, course_body())


def test_staff_check_refuses_learners_and_visitors():
    assert require_staff({"id": "u1", "role": "instructor"}) == "u1"
    assert require_staff({"id": "u2", "role": "admin"}) == "u2"
    with pytest.raises(Forbidden) as raised:
        require_staff({"id": "u3", "role": "learner"})
    assert raised.value.code == "ROLE_REQUIRED"
    with pytest.raises(Unauthenticated):
        require_staff(None)


def test_a_new_course_is_a_draft_with_no_lessons(db, course):
    assert (course["status"], course["lessonsCount"], course["price"]) == ("draft", 0, "49.00")
    assert course["updatedAt"].endswith("Z")
    assert course["id"] in {c["id"] for c in course_edits.list_courses(db)}


@pytest.mark.parametrize(("field", "value"), [
    ("slug", "Not A Slug"), ("slug", "-dash"), ("slug", "a" * 65), ("slug", ""),
    ("price", "10"), ("price", "10.5"), ("price", "-1.00"), ("price", 10.0), ("price", "1000000000.00"),
    ("title", ""), ("title", "   "), ("title", "t" * 201), ("description", None), ("color", ""),
    ("status", "live"), ("badge", ""),
])
def test_a_bad_course_field_is_invalid_and_nothing_is_written(db, field, value):
    before = db.scalars(select(Course.id)).all()
    with pytest.raises(InvalidInput) as raised:
        course_edits.create_course(db, course_body(**{field: value}))
    assert raised.value.code == "VALIDATION_ERROR" and field in raised.value.details["fields"]
    assert db.scalars(select(Course.id)).all() == before


def test_a_body_that_is_not_an_object_is_invalid(db, course):
    for call in (lambda: course_edits.create_course(db, ["x"]), lambda: course_edits.update_course(db, course["id"], "x")):
        with pytest.raises(InvalidInput):
            call()


def test_a_taken_slug_is_a_conflict_also_on_edit(db, course):
    with pytest.raises(Conflict) as raised:
        course_edits.create_course(db, course_body(slug="level-1"))
    assert raised.value.code == "SLUG_TAKEN"
    with pytest.raises(Conflict):
        course_edits.update_course(db, course["id"], course_body(slug="level-2"))
    # The session is still usable after the refused write.
    assert course_edits.get_course(db, course["id"])["course"]["slug"] == course["slug"]


def test_a_deleted_course_gives_its_slug_up(db, course):
    course_edits.delete_course(db, course["id"])
    again = course_edits.create_course(db, course_body(slug=course["slug"]))
    assert again["id"] != course["id"]


def test_an_edit_keeps_an_omitted_status_and_badge(db):
    created = course_edits.create_course(db, course_body(status="published", badge="NEW"))
    edited = course_edits.update_course(db, created["id"], course_body(slug=created["slug"], price="59.00"))
    assert (edited["status"], edited["badge"], edited["price"]) == ("published", "NEW", "59.00")
    cleared = course_edits.update_course(db, created["id"], course_body(slug=created["slug"], badge=None))
    assert cleared["badge"] is None


def test_a_draft_course_is_not_in_the_store(db, course):
    assert course["slug"] not in {c["slug"] for c in courses.list_courses(db)}
    with pytest.raises(NotFound):
        courses.get_course_by_slug(db, course["slug"])
    with pytest.raises(NotFound):
        courses.get_course(db, course["id"])
    with pytest.raises(NotFound):
        pricing.price_items(db, [{"itemType": "course", "itemId": course["id"]}])
    # As an enrollment sees it, the course is still there.
    assert courses.get_courses(db, [course["id"]])[course["id"]]["slug"] == course["slug"]
    assert courses.get_course(db, course["id"], include_unlisted=True)["id"] == course["id"]
    # And a receipt names it (it may have been bought before it was unpublished).
    (named,) = pricing.price_items(db, [{"itemType": "course", "itemId": course["id"]}], include_unlisted=True)
    assert (named["title"], named["price"]) == (course["title"], course["price"])


def test_a_published_course_shows_only_its_published_lessons(db, course):
    course_edits.update_course(db, course["id"], course_body(slug=course["slug"], status="published"))
    shown = lesson_edits.create_lesson(db, course["id"], lesson_body(1, 1, status="published", preview=True))
    draft = lesson_edits.create_lesson(db, course["id"], lesson_body(1, 2))
    detail = courses.get_course_by_slug(db, course["slug"])
    assert [lesson["id"] for lesson in detail["lessons"]] == [shown["id"]]
    assert detail["course"]["lessonsCount"] == 1
    assert courses.get_lesson(db, shown["id"])["preview"] is True
    with pytest.raises(NotFound):
        courses.get_lesson(db, draft["id"])
    admin = course_edits.get_course(db, course["id"])
    assert [(lesson["id"], lesson["status"]) for lesson in admin["lessons"]] == [
        (shown["id"], "published"), (draft["id"], "draft"),
    ]


def test_a_lesson_of_a_course_not_listed_is_no_preview(db, course):
    lesson = lesson_edits.create_lesson(db, course["id"], lesson_body(1, 1, status="published", preview=True))
    assert courses.get_lesson(db, lesson["id"])["preview"] is False


def test_lessons_count_follows_published_live_lessons(db, course):
    def count():
        return db.get(Course, course["id"]).lessons_count

    first = lesson_edits.create_lesson(db, course["id"], lesson_body(1, 1, status="published"))
    second = lesson_edits.create_lesson(db, course["id"], lesson_body(1, 2))
    assert count() == 1
    lesson_edits.update_lesson(db, second["id"], {"status": "published"})
    assert count() == 2
    lesson_edits.delete_lesson(db, first["id"])
    assert count() == 1
    lesson_edits.update_lesson(db, second["id"], {"status": "draft"})
    assert count() == 0


def test_a_taken_lesson_place_is_a_conflict_and_a_deleted_lesson_frees_it(db, course):
    first = lesson_edits.create_lesson(db, course["id"], lesson_body(1, 1))
    with pytest.raises(Conflict) as raised:
        lesson_edits.create_lesson(db, course["id"], lesson_body(1, 1))
    assert raised.value.code == "LESSON_NUMBER_TAKEN"
    second = lesson_edits.create_lesson(db, course["id"], lesson_body(1, 2))
    with pytest.raises(Conflict):
        lesson_edits.update_lesson(db, second["id"], {"lessonNumber": 1})
    lesson_edits.delete_lesson(db, first["id"])
    assert lesson_edits.update_lesson(db, second["id"], {"lessonNumber": 1})["lessonNumber"] == 1


@pytest.mark.parametrize("body", [
    lesson_body(0, 1), lesson_body(1, -1), lesson_body(1, 1.5), lesson_body(True, 1), lesson_body(1, "2"),
    lesson_body(1, 1, title=""), lesson_body(1, 1, moduleName=" "), lesson_body(1, 1, duration=-5),
    lesson_body(1, 1, preview="yes"), {"moduleNumber": 1, "lessonNumber": 1},
])
def test_bad_lesson_fields_are_invalid(db, course, body):
    with pytest.raises(InvalidInput):
        lesson_edits.create_lesson(db, course["id"], body)
    assert course_edits.get_course(db, course["id"])["lessons"] == []


def test_an_edit_may_not_null_a_required_lesson_field(db, course):
    lesson = lesson_edits.create_lesson(db, course["id"], lesson_body(1, 1, notes="# Hi"))
    with pytest.raises(InvalidInput) as raised:
        lesson_edits.update_lesson(db, lesson["id"], {"title": None})
    assert "title" in raised.value.details["fields"]
    assert lesson_edits.update_lesson(db, lesson["id"], {"notes": None})["notes"] is None


def test_unknown_and_deleted_things_are_not_found(db, course):
    lesson = lesson_edits.create_lesson(db, course["id"], lesson_body(1, 1))
    lesson_edits.delete_lesson(db, lesson["id"])
    for call in (
        lambda: lesson_edits.update_lesson(db, lesson["id"], {"title": "x"}),
        lambda: lesson_edits.delete_lesson(db, "not-an-id"),
        lambda: course_edits.get_course(db, str(uuid.uuid4())),
        lambda: asset_edits.delete_asset(db, str(uuid.uuid4())),
    ):
        with pytest.raises(NotFound):
            call()
    course_edits.delete_course(db, course["id"])
    assert course["id"] not in {c["id"] for c in course_edits.list_courses(db)}
    with pytest.raises(NotFound):
        lesson_edits.create_lesson(db, course["id"], lesson_body(1, 2))
    with pytest.raises(NotFound):
        course_edits.update_course(db, course["id"], course_body())


def _outline_of(db, course_id):
    return [(l["moduleNumber"], l["moduleName"], l["lessonNumber"], l["id"])
            for l in course_edits.get_course(db, course_id)["lessons"]]


def test_an_outline_reorders_across_modules_and_renames(db, course):
    a, b, c = (lesson_edits.create_lesson(db, course["id"], lesson_body(m, n))["id"] for m, n in [(1, 1), (1, 2), (2, 1)])
    detail = lesson_edits.set_outline(db, course["id"], {"modules": [
        {"moduleName": "Start", "lessonIds": [c, a]}, {"moduleName": "Then", "lessonIds": [b]},
    ]})
    expected = [(1, "Start", 1, c), (1, "Start", 2, a), (2, "Then", 1, b)]
    assert [(l["moduleNumber"], l["moduleName"], l["lessonNumber"], l["id"]) for l in detail["lessons"]] == expected
    assert _outline_of(db, course["id"]) == expected


@pytest.mark.parametrize("kind", ["missing", "twice", "unknown", "empty module", "no modules", "blank name"])
def test_a_bad_outline_changes_nothing(db, course, kind):
    a, b = (lesson_edits.create_lesson(db, course["id"], lesson_body(1, n))["id"] for n in (1, 2))
    before = _outline_of(db, course["id"])
    modules = {
        "missing": [{"moduleName": "X", "lessonIds": [b]}],
        "twice": [{"moduleName": "X", "lessonIds": [b, a]}, {"moduleName": "Y", "lessonIds": [a]}],
        "unknown": [{"moduleName": "X", "lessonIds": [b, a, str(uuid.uuid4())]}],
        "empty module": [{"moduleName": "X", "lessonIds": [b, a]}, {"moduleName": "Y", "lessonIds": []}],
        "no modules": [],
        "blank name": [{"moduleName": " ", "lessonIds": [b, a]}],
    }[kind]
    with pytest.raises(InvalidInput) as raised:
        lesson_edits.set_outline(db, course["id"], {"modules": modules})
    if kind in ("missing", "twice", "unknown"):
        assert raised.value.code == "OUTLINE_MISMATCH"
    assert _outline_of(db, course["id"]) == before


def test_an_outline_names_deleted_lessons_as_unknown(db, course):
    a, b = (lesson_edits.create_lesson(db, course["id"], lesson_body(1, n))["id"] for n in (1, 2))
    lesson_edits.delete_lesson(db, a)
    with pytest.raises(InvalidInput) as raised:
        lesson_edits.set_outline(db, course["id"], {"modules": [{"moduleName": "X", "lessonIds": [b, a]}]})
    assert raised.value.details["unknown"] == [a]
    assert lesson_edits.set_outline(db, course["id"], {"modules": [{"moduleName": "X", "lessonIds": [b]}]})["lessons"][0]["lessonNumber"] == 1


def test_assets_drafts_edits_and_soft_delete(db):
    asset = asset_edits.create_asset(db, asset_body())
    assert asset["status"] == "draft" and asset["price"] == "9.50"
    assert asset["id"] not in {a["id"] for a in assets.list_assets(db)}
    with pytest.raises(NotFound):
        assets.get_asset(db, asset["id"])
    assert assets.get_asset(db, asset["id"], include_unlisted=True)["listed"] is False
    published = asset_edits.update_asset(db, asset["id"], asset_body(title=asset["title"], status="published", imageUrl="/media/previews/x.jpg"))
    assert assets.get_asset(db, asset["id"])["imageUrl"] == "/media/previews/x.jpg"
    # An omitted imageUrl (set by an upload) stays.
    kept = asset_edits.update_asset(db, asset["id"], asset_body(title=asset["title"], price="12.00"))
    assert (kept["imageUrl"], kept["status"], kept["price"]) == ("/media/previews/x.jpg", "published", "12.00")
    assert published["id"] in {a["id"] for a in assets.list_assets(db)}
    with pytest.raises(Conflict) as raised:
        asset_edits.create_asset(db, asset_body(title="AMBIENT SOUNDSCAPES"))
    assert raised.value.code == "ASSET_TITLE_TAKEN"
    with pytest.raises(InvalidInput):
        asset_edits.create_asset(db, asset_body(imageUrl="javascript:alert(1)"))
    asset_edits.delete_asset(db, asset["id"])
    assert asset["id"] not in {a["id"] for a in assets.list_assets(db)}
    assert asset["id"] not in {a["id"] for a in asset_edits.list_assets(db)}
    with pytest.raises(NotFound):
        pricing.price_items(db, [{"itemType": "asset", "itemId": asset["id"]}])


# Committed for real: two sessions must see each other's work.
@pytest.fixture
def committed_course(database):
    engine = service_engine("catalog", pool_size=4)
    with Session(engine) as db:
        course = course_edits.create_course(db, course_body())
        ids = [lesson_edits.create_lesson(db, course["id"], lesson_body(1, n))["id"] for n in range(1, 7)]
        db.commit()
    yield engine, course["id"], ids
    with Session(engine) as db:
        db.execute(delete(Lesson).where(Lesson.course_id == course["id"]))
        db.execute(delete(Course).where(Course.id == course["id"]))
        db.commit()
    engine.dispose()


def test_two_outlines_at_once_both_apply_one_after_the_other(committed_course):
    engine, course_id, ids = committed_course
    outlines = [
        {"modules": [{"moduleName": "A", "lessonIds": ids[::-1]}]},
        {"modules": [{"moduleName": "B", "lessonIds": ids[3:]}, {"moduleName": "C", "lessonIds": ids[:3]}]},
    ]
    failures, barrier = [], threading.Barrier(len(outlines))

    def apply(outline):
        try:
            with Session(engine) as db:
                barrier.wait()
                lesson_edits.set_outline(db, course_id, outline)
                db.commit()
        except Exception as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=apply, args=(outline,)) for outline in outlines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert failures == []
    with Session(engine) as db:
        final = _outline_of(db, course_id)
    by_outline = []
    for outline in outlines:
        by_outline.append([
            (m, module["moduleName"], n, lesson_id)
            for m, module in enumerate(outline["modules"], start=1)
            for n, lesson_id in enumerate(module["lessonIds"], start=1)
        ])
    assert sorted(final) in [sorted(expected) for expected in by_outline]


def test_two_courses_created_at_once_with_one_slug_are_one_course_and_one_conflict(database):
    engine = service_engine("catalog", pool_size=4)
    slug, outcomes, barrier = f"race-{uuid.uuid4().hex[:8]}", [], threading.Barrier(2)

    def create():
        try:
            with Session(engine) as db:
                barrier.wait()
                course_edits.create_course(db, course_body(slug=slug))
                db.commit()
            outcomes.append("created")
        except Conflict as exc:
            outcomes.append(exc.code)

    threads = [threading.Thread(target=create) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert sorted(outcomes) == ["SLUG_TAKEN", "created"]
    finally:
        with Session(engine) as db:
            db.execute(delete(Course).where(Course.slug == slug))
            db.commit()
        engine.dispose()
