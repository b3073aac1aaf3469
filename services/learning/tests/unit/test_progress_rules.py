"""Progress summaries and event reading, without a database."""

import uuid

import pytest

from learning import enrollments, failures
from learning.failures import PoisonEvent


@pytest.mark.parametrize(
    "completed, total, percentage",
    [
        (0, 24, 0),
        (1, 24, 4),
        (2, 24, 8),
        (12, 24, 50),
        (24, 24, 100),
        (1, 8, 13),
        (1, 3, 33),
        (2, 3, 67),
        (0, 0, 0),
    ],
)
def test_percentage_is_rounded_half_up_to_a_whole_number(completed, total, percentage):
    assert enrollments.progress_summary(completed, total) == {
        "total": total,
        "completed": completed,
        "percentage": percentage,
    }


def test_percentage_never_exceeds_a_hundred():
    assert enrollments.progress_summary(30, 24)["percentage"] == 100


def test_backoff_doubles_up_to_a_ceiling():
    assert [failures.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert failures.backoff(30) == failures.MAX_DELAY


def payload(**overrides):
    return {
        "eventId": str(uuid.uuid4()),
        "orderId": str(uuid.uuid4()),
        "userId": str(uuid.uuid4()),
        "courseIds": [str(uuid.uuid4())],
        "assetIds": [],
        "requestId": None,
        **overrides,
    }


def test_a_well_formed_event_is_read():
    raw = payload()
    event = enrollments.read_order_completed(raw)
    assert (event.event_id, event.user_id, event.course_ids) == (
        raw["eventId"],
        raw["userId"],
        raw["courseIds"],
    )


@pytest.mark.parametrize(
    "raw",
    [
        "not a dict",
        {"eventId": "x"},
        payload(userId="nobody"),
        payload(courseIds=["level-1"]),
        payload(eventId=""),
        payload(eventId="e" * 65),
    ],
)
def test_a_malformed_event_is_poison(raw):
    with pytest.raises(PoisonEvent):
        enrollments.read_order_completed(raw)
