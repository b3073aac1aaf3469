"""Progress summaries and event reading, without a database."""


import pytest

from learning import enrollments, failures
from shared.events import OrderCompleted, PoisonEvent
from tests.support.events import order_completed_payload


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




def test_a_well_formed_event_is_read():
    raw = order_completed_payload()
    event = OrderCompleted.read(raw)
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
        order_completed_payload(userId="nobody"),
        order_completed_payload(courseIds=["level-1"]),
        order_completed_payload(eventId=""),
        order_completed_payload(eventId="e" * 65),
    ],
)
def test_a_malformed_event_is_poison(raw):
    with pytest.raises(PoisonEvent):
        OrderCompleted.read(raw)
