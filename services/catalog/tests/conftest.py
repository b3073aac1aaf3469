"""Fixtures of catalog's tests: its own session, and a count of the queries
a call sends (to hold "one query, whatever the number of rows")."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event


@pytest.fixture
def catalog_db(service_db):
    """A session as the ``catalog`` role, rolled back after the test."""
    return service_db("catalog")


@pytest.fixture
def queries(catalog_db):
    """``with queries() as sent: ...`` collects the statements the session
    sends inside the block, leaving out the savepoints of the test fixture."""

    @contextmanager
    def record():
        sent = []

        def before_cursor_execute(_conn, _cursor, statement, _params, _context, _executemany):
            if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
                sent.append(statement)

        engine = catalog_db.get_bind().engine
        event.listen(engine, "before_cursor_execute", before_cursor_execute)
        try:
            yield sent
        finally:
            event.remove(engine, "before_cursor_execute", before_cursor_execute)

    return record
