"""Ids that are not UUIDs are answered before any query: no session is
needed (``None`` stands in for it), and the database never sees them."""

import pytest

from catalog import assets, courses, pricing
from shared.errors import InvalidInput, NotFound

MALFORMED = ["not-a-uuid", "", "1234", "'; DROP TABLE catalog.courses; --", None, 42, ["x"]]


@pytest.mark.parametrize("bad_id", MALFORMED)
def test_malformed_course_id_is_not_found(bad_id):
    with pytest.raises(NotFound) as raised:
        courses.get_course(None, bad_id)
    assert raised.value.code == "COURSE_NOT_FOUND"


@pytest.mark.parametrize("bad_id", MALFORMED)
def test_malformed_lesson_id_is_not_found(bad_id):
    with pytest.raises(NotFound) as raised:
        courses.get_lesson(None, bad_id)
    assert raised.value.code == "LESSON_NOT_FOUND"


@pytest.mark.parametrize("bad_id", MALFORMED)
def test_malformed_asset_id_is_not_found(bad_id):
    with pytest.raises(NotFound) as raised:
        assets.get_asset(None, bad_id)
    assert raised.value.code == "ASSET_NOT_FOUND"


@pytest.mark.parametrize("bad_slug", [None, 1, ["level-1"], {"slug": "level-1"}])
def test_a_slug_that_is_not_a_string_is_not_found(bad_slug):
    with pytest.raises(NotFound) as raised:
        courses.get_course_by_slug(None, bad_slug)
    assert raised.value.code == "COURSE_NOT_FOUND"


def test_get_courses_of_only_malformed_ids_is_empty():
    assert courses.get_courses(None, ["nope", "", None, {"id": 1}]) == {}
    assert courses.get_courses(None, []) == {}


def test_get_courses_wants_a_list():
    with pytest.raises(InvalidInput):
        courses.get_courses(None, "0b6e6a4c-3f1e-4a51-9d55-6f7e0b8f2a10")


def test_pricing_a_malformed_id_is_item_not_found_naming_it():
    with pytest.raises(NotFound) as raised:
        pricing.price_items(None, [{"itemType": "course", "itemId": "nope"}])
    assert raised.value.code == "ITEM_NOT_FOUND"
    assert raised.value.details == {"itemId": "nope"}
