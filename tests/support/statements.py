"""Counting the SQL a call sends, to hold "N queries, whatever the number of rows"."""

from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.orm import Session


@contextmanager
def recorded_statements(session: Session):
    """``with recorded_statements(db) as sent: ...`` collects the statements
    the session sends inside the block, leaving out the savepoints of the
    rolled-back test transaction."""
    sent = []

    def before_cursor_execute(_conn, _cursor, statement, _params, _context, _executemany):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
            sent.append(statement)

    engine = session.get_bind().engine
    event.listen(engine, "before_cursor_execute", before_cursor_execute)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", before_cursor_execute)
