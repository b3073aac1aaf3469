"""Fixtures of learning's tests."""

import pytest


@pytest.fixture
def db(service_db):
    """A session as the ``learning`` role, rolled back after the test."""
    return service_db("learning")
