"""Courses and lessons on the real database, as the catalog role."""

import uuid
from decimal import Decimal

import pytest

from catalog import courses
from catalog.models import Course, Lesson
from shared.errors import InvalidInput, NotFound


def add_course(db, slug: str, level: str) -> Course:
    course = Course(
        title=slug.upper(), slug=slug, description="d", short_description="s", price=Decimal("10"),
        level=level, duration="1.0 HOURS", lessons_count=0, badge="NEW", color="acidGreen", status="published",
    )
    db.add(course)
    db.flush()
    return course


def test_courses_are_listed_by_level(db):
    # Inserted last, listed first: the order is the level's, not the insertion's.
    add_course(db, "level-0", "00")
    listed = courses.list_courses(db)
    assert [(c["slug"], c["level"]) for c in listed] == [
        ("level-0", "00"), ("level-1", "01"), ("level-2", "02"),
    ]


def test_listed_courses_carry_the_seed_values(db):
    level_1, level_2 = courses.list_courses(db)
    assert uuid.UUID(level_1["id"]) and level_1["price"] == "149.00" and level_1["lessonsCount"] == 24
    assert level_2["title"] == "ADVANCED AI CINEMATOGRAPHY" and level_2["price"] == "199.00"
    assert level_2["color"] == "signalOrange" and level_2["badge"] is None


@pytest.mark.parametrize("slug, count", [("level-1", 24), ("level-2", 32)])
def test_a_course_comes_with_its_lessons_in_module_then_lesson_order(db, slug, count):
    detail = courses.get_course_by_slug(db, slug)
    lessons = detail["lessons"]
    assert detail["course"]["slug"] == slug and len(lessons) == count
    keys = [(lesson["moduleNumber"], lesson["lessonNumber"]) for lesson in lessons]
    assert keys == sorted(keys) and len(set(keys)) == count
    assert {lesson["courseId"] for lesson in lessons} == {detail["course"]["id"]}
    assert (lessons[0]["moduleNumber"], lessons[0]["lessonNumber"]) == (1, 1)


def test_lessons_inserted_out_of_order_come_back_in_order(db):
    course = add_course(db, "level-0", "00")
    for module, lesson in [(2, 1), (1, 2), (1, 1), (2, 3), (2, 2)]:
        db.add(Lesson(course_id=course.id, module_number=module, module_name=f"M{module}",
                              lesson_number=lesson, title=f"{module}.{lesson}", duration=5, status="published"))
    db.flush()
    lessons = courses.get_course_by_slug(db, "level-0")["lessons"]
    assert [lesson["title"] for lesson in lessons] == ["1.1", "1.2", "2.1", "2.2", "2.3"]


@pytest.mark.parametrize("slug", ["level-1", "level-2"])
def test_a_course_and_all_its_lessons_take_two_queries(db, queries, slug):
    with queries() as sent:
        detail = courses.get_course_by_slug(db, slug)
    assert len(detail["lessons"]) > 20
    assert len(sent) == 2, sent


@pytest.mark.parametrize("slug", ["level-3", "LEVEL-1", "", "level-1 "])
def test_an_unknown_slug_is_course_not_found(db, slug):
    with pytest.raises(NotFound) as raised:
        courses.get_course_by_slug(db, slug)
    assert raised.value.code == "COURSE_NOT_FOUND"


def test_a_course_by_id_any_case(db):
    level_1 = courses.list_courses(db)[0]
    assert courses.get_course(db, level_1["id"]) == level_1
    assert courses.get_course(db, level_1["id"].upper()) == level_1


@pytest.mark.parametrize("course_id", [str(uuid.uuid4()), "not-a-uuid", "0" * 32 + "x"])
def test_an_unknown_or_malformed_course_id_is_not_found(db, course_id):
    with pytest.raises(NotFound) as raised:
        courses.get_course(db, course_id)
    assert raised.value.code == "COURSE_NOT_FOUND"


def test_get_courses_answers_the_known_ids_in_one_query(db, queries):
    level_1, level_2 = courses.list_courses(db)
    unknown = str(uuid.uuid4())
    with queries() as sent:
        found = courses.get_courses(
            db, [level_2["id"], unknown, "nope", level_1["id"], level_2["id"]]
        )
    assert found == {level_1["id"]: level_1, level_2["id"]: level_2}
    assert len(sent) == 1


def test_get_courses_of_nothing_known_is_empty(db):
    assert courses.get_courses(db, [str(uuid.uuid4())]) == {}
    with pytest.raises(InvalidInput):
        courses.get_courses(db, None)


def test_a_lesson_by_id_comes_with_its_notes(db):
    lesson = courses.get_course_by_slug(db, "level-2")["lessons"][5]
    found = courses.get_lesson(db, lesson["id"])
    assert {key: value for key, value in found.items() if key != "notes"} == lesson
    assert found["notes"].startswith(f"# {lesson['title']}\n")


@pytest.mark.parametrize("lesson_id", [str(uuid.uuid4()), "lesson-1", ""])
def test_an_unknown_or_malformed_lesson_id_is_not_found(db, lesson_id):
    with pytest.raises(NotFound) as raised:
        courses.get_lesson(db, lesson_id)
    assert raised.value.code == "LESSON_NOT_FOUND"
