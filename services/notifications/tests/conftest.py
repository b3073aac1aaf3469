"""Fixtures of notifications' tests."""

import pytest


@pytest.fixture
def db(service_db):
    """A session as the ``notifications`` role, rolled back after the test."""
    return service_db("notifications")
