"""Fixtures of learning's tests."""

import pytest

from tests.support.wire import user_payload


@pytest.fixture
def db(service_db):
    """A session as the ``learning`` role, rolled back after the test."""
    return service_db("learning")


@pytest.fixture
def lookups_for():
    """``lookups_for(course)``: catalog and auth as issuing a certificate
    asks them: ``course`` for any course id, a learner named ``username``."""
    from learning.certificates import Lookups

    def make(course: dict, username: str = "learner") -> Lookups:
        return Lookups(course=lambda _course_id: course, user=lambda user_id: user_payload(id=user_id, username=username))

    return make
