"""What a course, a lesson and an asset row look like on the wire."""

from decimal import Decimal

from catalog.models import Asset, Course, Lesson
from shared.contracts.catalog import AssetPublic, CoursePublic, LessonPublic

COURSE_ID = "0b6e6a4c-3f1e-4a51-9d55-6f7e0b8f2a10"


def make_course(**overrides) -> Course:
    values = dict(
        id=COURSE_ID, title="T", slug="level-9", description="D", short_description="S", price=Decimal("149"),
        level="09", duration="1.0 HOURS", lessons_count=3, badge=None, color="electricBlue",
    )
    return Course(**{**values, **overrides})


def test_course_is_camel_case_with_money_as_a_two_decimal_string():
    public = CoursePublic.to_wire(make_course())
    assert public == {
        "id": COURSE_ID,
        "title": "T",
        "slug": "level-9",
        "description": "D",
        "shortDescription": "S",
        "price": "149.00",
        "level": "09",
        "duration": "1.0 HOURS",
        "lessonsCount": 3,
        "badge": None,
        "color": "electricBlue",
    }


def test_prices_keep_their_cents():
    assert CoursePublic.to_wire(make_course(price=Decimal("19.5")))["price"] == "19.50"
    assert CoursePublic.to_wire(make_course(price=Decimal("0")))["price"] == "0.00"


def test_lesson_is_camel_case_with_minutes():
    lesson = Lesson(
        id="5d0c7f0e-1b1a-4c1e-8f0a-0a9b8c7d6e5f", course_id=COURSE_ID, module_number=2,
        module_name="Mastering Gemini", lesson_number=3, title="Image Generation", video_url=None,
        duration=14, preview=False, notes=None,
    )
    assert LessonPublic.to_wire(lesson) == {
        "id": "5d0c7f0e-1b1a-4c1e-8f0a-0a9b8c7d6e5f",
        "courseId": COURSE_ID,
        "moduleNumber": 2,
        "moduleName": "Mastering Gemini",
        "lessonNumber": 3,
        "title": "Image Generation",
        "videoUrl": None,
        "duration": 14,
        "preview": False,
        "video": None,
    }


def test_a_lesson_video_once_the_pipeline_reported():
    lesson = Lesson(
        id="5d0c7f0e-1b1a-4c1e-8f0a-0a9b8c7d6e5f", course_id=COURSE_ID, module_number=1,
        module_name="M", lesson_number=1, title="T", video_url=None, duration=3, preview=True,
        video_status="ready", video_duration_seconds=12,
    )
    wire = LessonPublic.to_wire(lesson)
    assert (wire["preview"], wire["video"]) == (True, {"status": "ready", "durationSeconds": 12})


def test_asset_is_camel_case_with_money_as_a_string():
    asset = Asset(
        id="9e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b", title="X", description="Y", price=Decimal("29"),
        category="textures", badge="NEW", image_url=None, file_format="PNG", file_size="2.4 GB",
        color="purple-500", position=1,
    )
    assert AssetPublic.to_wire(asset) == {
        "id": "9e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b",
        "title": "X",
        "description": "Y",
        "price": "29.00",
        "category": "textures",
        "badge": "NEW",
        "imageUrl": None,
        "fileFormat": "PNG",
        "fileSize": "2.4 GB",
        "color": "purple-500",
    }
