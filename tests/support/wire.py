"""Wire-shaped values for tests, built through the shared contracts, so a
fake service answers what the real one would."""

import uuid
from decimal import Decimal

from shared.contracts.catalog import CoursePublic


def course_payload(price: str = "149.00", lessons: int = 24, **overrides) -> dict:
    """A course as catalog answers it: ``CoursePublic`` in wire form."""
    course_id = str(uuid.uuid4())
    values = {
        "id": course_id,
        "title": "T",
        "slug": f"course-{course_id[:8]}",
        "description": "D",
        "short_description": "S",
        "price": Decimal(price),
        "level": "09",
        "duration": "1.0 HOURS",
        "lessons_count": lessons,
        "badge": None,
        "color": "electricBlue",
    }
    return {**CoursePublic.to_wire(values), **overrides}
