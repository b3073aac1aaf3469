"""The catalog role sees its own schema and nothing else."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

INSUFFICIENT_PRIVILEGE = "42501"


@pytest.mark.parametrize("statement", ["SELECT * FROM auth.users", "SELECT * FROM auth.sessions"])
def test_catalog_cannot_read_another_services_schema(db, statement):
    with pytest.raises(ProgrammingError) as raised:
        db.execute(text(statement))
    assert raised.value.orig.pgcode == INSUFFICIENT_PRIVILEGE


def test_catalog_reads_its_own_schema_unqualified(db):
    # The role's search_path is its schema.
    assert db.execute(text("SELECT count(*) FROM courses")).scalar() == 2
