"""Every seeded lesson has notes written for it (``catalog.lesson_notes``), in plain Markdown."""

import re

import pytest

from catalog import seed_data
from catalog.lesson_notes import NOTES
from catalog.seed import lesson_rows

LESSONS = [(course["slug"], row) for course in seed_data.COURSES for row in lesson_rows(course["slug"])]


def lesson_id(lesson) -> str:
    slug, row = lesson
    return f"{slug}-{row['module_number']}.{row['lesson_number']}"


def test_the_notes_are_for_exactly_the_seeded_lessons():
    seeded = {(slug, row["module_number"], row["lesson_number"]) for slug, row in LESSONS}
    assert len(seeded) == 56
    assert set(NOTES) == seeded


@pytest.mark.parametrize("lesson", LESSONS, ids=lesson_id)
def test_every_lesson_has_written_notes(lesson):
    slug, row = lesson
    notes = row["notes"]
    assert notes.startswith(f"# {row['title']}\n")
    assert len(notes.split()) >= 120
    assert NOTES[(slug, row["module_number"], row["lesson_number"])].strip() in notes
    # Not the placeholder these notes replaced.
    assert "This lesson is about" not in notes


@pytest.mark.parametrize("lesson", LESSONS, ids=lesson_id)
def test_notes_are_markdown_without_html_or_links_out(lesson):
    _, row = lesson
    notes = row["notes"]
    assert not re.search(r"</?[A-Za-z!][^>]*>", notes), "raw HTML tag"
    assert not re.search(r"https?://|www\.", notes), "link out of the site"
    # A heading for the lesson, then sections of its own.
    assert re.search(r"^## ", notes, re.MULTILINE)


def test_no_two_lessons_share_their_notes():
    bodies = [text.strip() for text in NOTES.values()]
    assert len(set(bodies)) == len(bodies)
