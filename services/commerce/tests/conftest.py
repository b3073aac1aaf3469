"""Fixtures of commerce's tests."""

import pytest


@pytest.fixture
def db(service_db):
    """A session as the ``commerce`` role, rolled back after the test."""
    return service_db("commerce")
