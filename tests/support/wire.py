"""Wire-shaped values for tests, built through the shared contracts, so a
fake service answers what the real one would."""

import uuid
from datetime import datetime, timezone
from decimal import Decimal

from shared.contracts.auth import UserPublic
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


def every_course_exists(course_ids) -> dict:
    """catalog's ``get_courses`` answer when every id asked for is a course."""
    return {course_id: course_payload(id=course_id) for course_id in course_ids}


def user_payload(username: str = "learner", **overrides) -> dict:
    """A user as auth answers it (``get_user``): ``UserPublic`` in wire form."""
    values = {
        "id": str(uuid.uuid4()),
        "username": username,
        "email": f"{username}@example.com",
        "role": "learner",
        "created_at": datetime.now(timezone.utc),
    }
    return UserPublic.to_wire({**values, **overrides})
