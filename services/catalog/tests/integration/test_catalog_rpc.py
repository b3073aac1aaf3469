"""CatalogService over RabbitMQ, as the suite runs it: what learning and
commerce call, and the errors they get back."""

import uuid

import pytest

from shared.errors import InvalidInput, NotFound
from tests.support.rpc import rpc_call


def call(method: str, *args):
    return rpc_call("catalog", method, *args, timeout=10)


def test_ping_names_the_migration(suite):
    from alembic.script import ScriptDirectory

    from shared.migrations import alembic_config

    head = ScriptDirectory.from_config(alembic_config("catalog")).get_current_head()
    assert call("ping") == {"service": "catalog", "database": "ok", "revision": head}


def test_get_course_and_get_courses(suite):
    level_1, level_2 = call("list_courses")
    assert call("get_course", level_2["id"]) == level_2
    unknown = str(uuid.uuid4())
    assert call("get_courses", [level_1["id"], unknown, "nope"]) == {level_1["id"]: level_1}


def test_get_lesson(suite):
    lesson = call("get_course_by_slug", "level-1")["lessons"][-1]
    assert call("get_lesson", lesson["id"]) == {**lesson, "notes": call("get_lesson", lesson["id"])["notes"]}
    with pytest.raises(NotFound) as raised:
        call("get_lesson", str(uuid.uuid4()))
    assert raised.value.code == "LESSON_NOT_FOUND"


def test_price_items(suite):
    level_1 = call("list_courses")[0]
    asset = call("list_assets")[3]
    items = [{"itemType": "course", "itemId": level_1["id"]}, {"itemType": "asset", "itemId": asset["id"]}]
    assert call("price_items", items) == [
        {"itemType": "course", "itemId": level_1["id"], "title": level_1["title"], "price": "149.00"},
        {"itemType": "asset", "itemId": asset["id"], "title": "AMBIENT SOUNDSCAPES", "price": "39.00"},
    ]


def test_item_not_found_keeps_its_details_across_the_wire(suite):
    missing = str(uuid.uuid4())
    with pytest.raises(NotFound) as raised:
        call("price_items", [{"itemType": "asset", "itemId": missing}])
    assert (raised.value.code, raised.value.details) == ("ITEM_NOT_FOUND", {"itemId": missing})


def test_unknown_item_type_is_invalid_input(suite):
    with pytest.raises(InvalidInput):
        call("price_items", [{"itemType": "gift", "itemId": str(uuid.uuid4())}])
