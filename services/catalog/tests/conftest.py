"""Fixtures of catalog's tests: its own session, and a count of the queries
a call sends (to hold "one query, whatever the number of rows")."""

import pytest

from tests.support.statements import recorded_statements


@pytest.fixture
def db(service_db):
    """A session as the ``catalog`` role, rolled back after the test."""
    return service_db("catalog")


@pytest.fixture
def queries(db):
    """``with queries() as sent: ...``: the statements sent inside the block."""
    return lambda: recorded_statements(db)
