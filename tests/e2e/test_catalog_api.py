"""The spec's course and asset endpoints through the gateway, on the real suite."""

import uuid

import pytest

LEVEL_1 = {
    "title": "MASTER THE GOOGLE ECOSYSTEM",
    "slug": "level-1",
    "description": "The foundational course. Learn the connected workflow of Gemini, Nano Banana "
    "(Gemini 3 Pro Preview), and Veo. Stop using fragmented tools. Learn to run a complete "
    "Hollywood-style studio from your browser.",
    "shortDescription": "Learn Gemini, Nano Banana, and Veo",
    "price": "149.00",
    "level": "01",
    "duration": "4.5 HOURS",
    "lessonsCount": 24,
    "badge": None,
    "color": "electricBlue",
}
LEVEL_2 = {
    "title": "ADVANCED AI CINEMATOGRAPHY",
    "slug": "level-2",
    "description": "Mastering physics, compound camera moves, and the uncanny valley in Veo 3.1. "
    "Deep dive into motion control, advanced prompting, and professional-grade AI filmmaking techniques.",
    "shortDescription": "Master Veo 3.1 cinematography",
    "price": "199.00",
    "level": "02",
    "duration": "6.0 HOURS",
    "lessonsCount": 32,
    "badge": None,
    "color": "signalOrange",
}
LESSON_KEYS = {
    "id", "courseId", "moduleNumber", "moduleName", "lessonNumber", "title", "videoUrl", "duration",
    "preview", "video",
}
ASSET_KEYS = {
    "id", "title", "description", "price", "category", "badge", "imageUrl", "fileFormat", "fileSize", "color",
}


def is_uuid(value) -> bool:
    return isinstance(value, str) and str(uuid.UUID(value)) == value


def without_id(item: dict) -> dict:
    return {key: value for key, value in item.items() if key != "id"}


def assert_not_found(response, code: str):
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"message", "code", "details"}
    assert body["code"] == code and body["message"]


def test_courses_are_the_two_of_the_spec_by_level(api):
    response = api.get("/api/courses")
    assert response.status_code == 200
    courses = response.json()["courses"]
    assert [without_id(course) for course in courses] == [LEVEL_1, LEVEL_2]
    assert all(is_uuid(course["id"]) for course in courses)


@pytest.mark.parametrize("course, count", [(LEVEL_1, 24), (LEVEL_2, 32)])
def test_a_course_by_slug_has_its_lessons_in_order(api, course, count):
    detail = api.course(course["slug"])
    assert without_id(detail["course"]) == course
    lessons = detail["lessons"]
    assert len(lessons) == count
    assert all(set(lesson) == LESSON_KEYS for lesson in lessons)
    assert {lesson["courseId"] for lesson in lessons} == {detail["course"]["id"]}
    keys = [(lesson["moduleNumber"], lesson["lessonNumber"]) for lesson in lessons]
    assert keys == sorted(keys) and len(set(keys)) == count
    assert all(is_uuid(lesson["id"]) and isinstance(lesson["duration"], int) for lesson in lessons)
    # The first lesson of each course is its preview.
    assert [lesson["preview"] for lesson in lessons] == [True] + [False] * (count - 1)
    # The notes are for learners: not on the public page.


def test_level_1_opens_with_the_ecosystem_overview(api):
    first = api.course("level-1")["lessons"][0]
    assert (first["moduleNumber"], first["moduleName"], first["lessonNumber"], first["title"]) == (
        1, "The Ecosystem Overview", 1, "Welcome",
    )


def test_the_course_list_and_the_course_page_agree(api):
    listed = api.get("/api/courses").json()["courses"]
    assert [api.course(course["slug"])["course"] for course in listed] == listed


@pytest.mark.parametrize("slug", ["level-3", "LEVEL-1", "no%20such%20course"])
def test_an_unknown_slug_is_a_json_404(api, slug):
    assert_not_found(api.get(f"/api/courses/{slug}"), "COURSE_NOT_FOUND")


def test_the_store_has_the_six_assets_of_the_spec(api):
    assets = api.assets()
    assert [(a["title"], a["category"], a["price"], a["fileFormat"]) for a in assets] == [
        ("CYBERPUNK TEXTURES VOL. 1", "textures", "29.00", "PNG"),
        ("SCI-FI CHARACTER SHEETS", "characters", "49.00", "PNG"),
        ("CINEMATIC LUTS PACK", "luts", "19.00", "CUBE"),
        ("AMBIENT SOUNDSCAPES", "sound", "39.00", "WAV"),
        ("NEON CITY BACKGROUNDS", "textures", "35.00", "PNG"),
        ("FANTASY CHARACTER PACK", "characters", "59.00", "PNG"),
    ]
    assert all(set(asset) == ASSET_KEYS and is_uuid(asset["id"]) for asset in assets)


def test_an_asset_by_id(api):
    cyberpunk = api.assets()[0]
    response = api.get(f"/api/assets/{cyberpunk['id']}")
    assert response.status_code == 200
    assert response.json() == {"asset": cyberpunk}
    assert without_id(cyberpunk) == {
        "title": "CYBERPUNK TEXTURES VOL. 1",
        "description": "50+ Nano Banana Generated Surfaces",
        "price": "29.00",
        "category": "textures",
        "badge": "NEW",
        "imageUrl": cyberpunk["imageUrl"],  # its preview (tests/e2e/test_asset_downloads.py)
        "fileFormat": "PNG",
        "fileSize": "2.4 GB",
        "color": "purple-500",
    }


@pytest.mark.parametrize("asset_id", ["not-a-uuid", "1", str(uuid.uuid4())])
def test_a_malformed_or_unknown_asset_id_is_a_json_404(api, asset_id):
    assert_not_found(api.get(f"/api/assets/{asset_id}"), "ASSET_NOT_FOUND")
