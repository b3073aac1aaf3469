"""Event payloads for tests, built through the event contracts, so a test's
event is what a producer would send."""

import uuid

from shared.events import OrderCompleted


def order_completed_payload(**overrides) -> dict:
    """An order completed payload for one course of a new user; any field can
    be overridden by its wire name (``userId=...``), including with values
    no producer would send."""
    event = OrderCompleted(
        event_id=str(uuid.uuid4()),
        order_id=str(uuid.uuid4()),
        user_id=str(uuid.uuid4()),
        course_ids=[str(uuid.uuid4())],
    )
    return {**event.to_payload(), **overrides}
