"""Alembic, once for every service.

Each service has its own migration history in ``services/<name>/migrations``
with its version table inside its own schema, and runs it as its own role
(which owns the schema). The services' ``env.py`` files call ``run_env``.
"""

from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, create_engine, pool

from shared.settings import SERVICES, get_settings

ROOT = Path(__file__).resolve().parent.parent


def alembic_config(service: str) -> Config:
    if service not in SERVICES:
        raise ValueError(f"unknown service {service!r}")
    config = Config()
    config.set_main_option("script_location", str(ROOT / "services" / service / "migrations"))
    config.attributes["service"] = service
    return config


def _own_tables(schema: str):
    """Autogenerate looks at the service's own schema, minus the version table."""

    def include_name(name, type_, _parent_names) -> bool:
        if type_ == "schema":
            return name == schema
        return not (type_ == "table" and name == "alembic_version")

    return include_name


def run_env(metadata: MetaData) -> None:
    """Body of a service's migrations/env.py (online mode only)."""
    service = context.config.attributes.get("service") or metadata.schema
    # Each role's search_path is its own schema, which would make reflected
    # foreign keys schema-less and autogenerate see them all as changed.
    engine = create_engine(
        get_settings().database_url_for(service),
        poolclass=pool.NullPool,
        connect_args={"options": "-c search_path=pg_catalog"},
    )
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            version_table_schema=metadata.schema,
            include_schemas=True,
            include_name=_own_tables(metadata.schema),
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


def upgrade(service: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(service), revision)


def revision(service: str, message: str) -> None:
    command.revision(alembic_config(service), message=message, autogenerate=True)
