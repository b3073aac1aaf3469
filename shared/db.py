"""Database access: one engine per process, one session per worker.

``Database`` is the Nameko dependency every service declares as ``db``. It
builds the engine when the container sets up, sized to the container's
``max_workers`` (SQLAlchemy discards connections beyond the pool on return,
which collapses throughput under load), hands each worker its own session and
closes it when the worker ends.
"""

from weakref import WeakKeyDictionary

from nameko.extensions import DependencyProvider
from sqlalchemy import MetaData, create_engine, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from shared.settings import get_settings

# Stable constraint names, so Alembic migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def make_base(schema: str) -> type[DeclarativeBase]:
    """A declarative base whose tables all live in ``schema``."""

    class Base(DeclarativeBase):
        metadata = MetaData(schema=schema, naming_convention=NAMING_CONVENTION)

    return Base


def create_db_engine(url: URL | str, pool_size: int = 5) -> Engine:
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=0,
        pool_pre_ping=True,
        pool_timeout=10,
        # A statement stuck on a lock must not hold a worker forever.
        connect_args={"options": "-c statement_timeout=15000"},
    )


def service_engine(service: str, pool_size: int = 5) -> Engine:
    return create_db_engine(get_settings().database_url_for(service), pool_size)


class Database(DependencyProvider):
    def __init__(self, service: str):
        self.service = service
        self.engine = None
        self.sessionmaker = None
        self.sessions = WeakKeyDictionary()

    def setup(self):
        max_workers = self.container.config.get("max_workers", 10)
        self.engine = service_engine(self.service, pool_size=max_workers + 1)
        self.sessionmaker = sessionmaker(bind=self.engine, expire_on_commit=False)

    def stop(self):
        self.engine.dispose()

    def get_dependency(self, worker_ctx) -> Session:
        session = self.sessionmaker()
        self.sessions[worker_ctx] = session
        return session

    def worker_teardown(self, worker_ctx):
        session = self.sessions.pop(worker_ctx, None)
        if session is not None:
            session.close()


def ping_database(session: Session, schema: str) -> dict:
    """Readiness of a service: its schema answers, at this migration."""
    revision = session.execute(text(f'SELECT version_num FROM "{schema}".alembic_version')).scalar()
    return {"service": schema, "database": "ok", "revision": revision}
