"""Each service's migration history builds exactly what its models describe."""

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError

from shared import migrations
from shared.settings import SERVICES


@pytest.mark.parametrize("service", SERVICES)
def test_models_and_migrations_agree(database, service):
    command.check(migrations.alembic_config(service))  # raises on any difference


@pytest.mark.parametrize("service", SERVICES)
def test_each_role_reads_only_its_own_schema(database, service):
    engine = create_engine(database.database_url_for(service))
    try:
        with engine.connect() as conn:
            assert conn.execute(text(f"SELECT count(*) FROM {service}.alembic_version")).scalar() == 1
            for other in SERVICES:
                if other == service:
                    continue
                with pytest.raises(ProgrammingError) as raised:
                    conn.execute(text(f"SELECT 1 FROM {other}.alembic_version"))
                assert raised.value.orig.pgcode == "42501"
                conn.rollback()
    finally:
        engine.dispose()
