"""Fixtures of auth's tests."""

import pytest


@pytest.fixture
def db(service_db):
    """A session as the ``auth`` role, rolled back after the test."""
    return service_db("auth")
