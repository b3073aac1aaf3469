"""The seed catalogue against the product spec (section 4) and against itself."""

import re
from decimal import Decimal
from itertools import groupby

import pytest

from catalog import seed_data
from catalog.seed import asset_rows, lesson_rows

COURSES = {course["slug"]: course for course in seed_data.COURSES}


def test_the_two_courses_of_the_spec():
    level_1, level_2 = COURSES["level-1"], COURSES["level-2"]
    assert level_1 == {
        "slug": "level-1",
        "title": "MASTER THE GOOGLE ECOSYSTEM",
        "description": "The foundational course. Learn the connected workflow of Gemini, Nano Banana "
        "(Gemini 3 Pro Preview), and Veo. Stop using fragmented tools. Learn to run a complete "
        "Hollywood-style studio from your browser.",
        "short_description": "Learn Gemini, Nano Banana, and Veo",
        "price": Decimal("149.00"),
        "level": "01",
        "duration": "4.5 HOURS",
        "lessons_count": 24,
        "badge": None,
        "color": "electricBlue",
    }
    assert level_2 == {
        "slug": "level-2",
        "title": "ADVANCED AI CINEMATOGRAPHY",
        "description": "Mastering physics, compound camera moves, and the uncanny valley in Veo 3.1. "
        "Deep dive into motion control, advanced prompting, and professional-grade AI filmmaking techniques.",
        "short_description": "Master Veo 3.1 cinematography",
        "price": Decimal("199.00"),
        "level": "02",
        "duration": "6.0 HOURS",
        "lessons_count": 32,
        "badge": None,
        "color": "signalOrange",
    }


@pytest.mark.parametrize("slug", sorted(COURSES))
def test_each_course_has_as_many_lessons_as_it_advertises(slug):
    assert len(lesson_rows(slug)) == COURSES[slug]["lessons_count"]


@pytest.mark.parametrize("slug", sorted(COURSES))
def test_modules_and_lessons_are_numbered_from_one_without_gaps(slug):
    rows = lesson_rows(slug)
    modules = [(number, list(lessons)) for number, lessons in groupby(rows, key=lambda r: r["module_number"])]
    assert [number for number, _ in modules] == list(range(1, len(modules) + 1))
    for _, lessons in modules:
        assert [lesson["lesson_number"] for lesson in lessons] == list(range(1, len(lessons) + 1))
        assert len({lesson["module_name"] for lesson in lessons}) == 1


@pytest.mark.parametrize("slug", sorted(COURSES))
def test_lesson_minutes_add_up_to_the_advertised_duration(slug):
    hours = float(re.match(r"^(\d+(?:\.\d+)?) HOURS$", COURSES[slug]["duration"]).group(1))
    minutes = [row["duration"] for row in lesson_rows(slug)]
    assert all(isinstance(m, int) and 1 <= m <= 60 for m in minutes)
    assert abs(sum(minutes) - hours * 60) <= hours * 60 * 0.05


@pytest.mark.parametrize("slug", sorted(COURSES))
def test_lesson_titles_are_unique_within_a_course(slug):
    titles = [row["title"] for row in lesson_rows(slug)]
    assert len(titles) == len(set(titles))


def test_level_1_keeps_the_modules_and_lessons_of_the_spec():
    spec = {
        1: ("The Ecosystem Overview", ["Welcome", "Setting Up", "Interface Tour"]),
        2: ("Mastering Gemini", ["Intro to Nano Banana", "Prompt Engineering", "Image Generation"]),
        3: ("Character Creation", ["Character Sheets", "Consistency Techniques", "Digital Actors"]),
        4: ("Introduction to Veo", ["Veo Interface", "First Video", "Ingredients System"]),
        5: ("The Connected Workflow", ["Full Pipeline", "Project Walkthrough", "Final Export"]),
    }
    rows = lesson_rows("level-1")
    assert {row["module_number"] for row in rows} == set(spec)
    for number, (name, titles) in spec.items():
        module = [row for row in rows if row["module_number"] == number]
        assert {row["module_name"] for row in module} == {name}
        assert [row["title"] for row in module[:3]] == titles


def test_the_six_assets_of_the_spec_in_its_order():
    assert [(a["title"], a["category"], a["price"], a["file_format"]) for a in seed_data.ASSETS] == [
        ("CYBERPUNK TEXTURES VOL. 1", "textures", Decimal("29.00"), "PNG"),
        ("SCI-FI CHARACTER SHEETS", "characters", Decimal("49.00"), "PNG"),
        ("CINEMATIC LUTS PACK", "luts", Decimal("19.00"), "CUBE"),
        ("AMBIENT SOUNDSCAPES", "sound", Decimal("39.00"), "WAV"),
        ("NEON CITY BACKGROUNDS", "textures", Decimal("35.00"), "PNG"),
        ("FANTASY CHARACTER PACK", "characters", Decimal("59.00"), "PNG"),
    ]
    assert [row["position"] for row in asset_rows()] == [1, 2, 3, 4, 5, 6]


def test_cyberpunk_textures_match_the_spec_example():
    assert seed_data.ASSETS[0] == {
        "title": "CYBERPUNK TEXTURES VOL. 1",
        "description": "50+ Nano Banana Generated Surfaces",
        "price": Decimal("29.00"),
        "category": "textures",
        "badge": "NEW",
        "image_url": None,
        "file_format": "PNG",
        "file_size": "2.4 GB",
        "color": "purple-500",
    }


@pytest.mark.parametrize("asset", seed_data.ASSETS, ids=lambda asset: asset["title"])
def test_every_asset_is_complete(asset):
    assert asset["description"]
    assert asset["badge"] in (None, "NEW", "POPULAR")
    assert re.match(r"^\d+(\.\d+)? (MB|GB)$", asset["file_size"])
    assert re.match(r"^[a-z]+-[1-9]00$", asset["color"])
    assert asset["price"] == asset["price"].quantize(Decimal("0.01")) > 0


def test_some_assets_have_a_badge_and_some_do_not():
    badges = [asset["badge"] for asset in seed_data.ASSETS]
    assert {"NEW", "POPULAR"} <= set(badges) and None in badges
