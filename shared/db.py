"""Database access: declarative bases, engines, the readiness query.

The Nameko dependency that gives each worker a session is
``shared.service.database.Database``; this module imports no Nameko.
"""

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Uuid,
    create_engine,
    func,
    text,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, declared_attr, mapped_column

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
        # Errors never carry the statement's values (a password hash, a
        # token hash) into logs or RPC error replies.
        hide_parameters=True,
        # A statement stuck on a lock must not hold a worker forever.
        connect_args={"options": "-c statement_timeout=15000"},
    )


def service_engine(service: str, pool_size: int = 5) -> Engine:
    return create_db_engine(get_settings().database_url_for(service), pool_size)


# SQLSTATEs of a server going away under a connection: shutting down,
# crashed, not yet accepting connections (class 57P, operator intervention).
SERVER_GONE = {"57P01", "57P02", "57P03"}


def unreachable(exc: BaseException) -> bool:
    """Whether ``exc`` says the database could not be reached (refused,
    unreachable, dropped or shutting down), as opposed to a statement that
    failed on a server that answers (a constraint, a timeout, a deadlock).
    Connection failures carry no SQLSTATE, or one of class 08."""
    if not isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError)):
        return False
    if exc.connection_invalidated:
        return True
    code = getattr(exc.orig, "pgcode", None)
    return code is None or code.startswith("08") or code in SERVER_GONE


def ping_database(session: Session, schema: str) -> dict:
    """Readiness of a service: its schema answers, at this migration."""
    revision = session.execute(text(f'SELECT version_num FROM "{schema}".alembic_version')).scalar()
    return {"service": schema, "database": "ok", "revision": revision}


class FailedEventTable:
    """The columns of a service's ``failed_events`` table, the one the kit's
    ``shared.service.failures.FailedEvents`` works over: events whose
    handling failed, retried with backoff while ``pending``, then
    ``parked`` for an operator. ``class FailedEvent(FailedEventTable, Base)``."""

    __tablename__ = "failed_events"

    @declared_attr.directive
    def __table_args__(cls):
        return (
            CheckConstraint("status IN ('pending', 'parked')", name="status_known"),
            Index("ix_failed_events_due", "next_attempt_at", postgresql_where=text("status = 'pending'")),
        )

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()"))
    # Null when the payload carries no usable eventId (a malformed event).
    event_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    event_type: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str] = mapped_column(Text)
    first_failed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class OutboxTable:
    """The columns of a service's ``outbox`` table, the one the kit's
    ``shared.service.outbox.Outbox`` relays: events written with the change
    that caused them, published afterwards. ``id`` is the event's ``eventId``;
    ``aggregate_id`` the thing it is about (an order, a media object, an
    enrollment), so that its writer can publish its own event at once.
    ``class OutboxEvent(OutboxTable, Base)``."""

    __tablename__ = "outbox"

    @declared_attr.directive
    def __table_args__(cls):
        # The relay only ever looks at what is not published yet.
        return (Index("ix_outbox_pending", "created_at", postgresql_where=text("published_at IS NULL")),)

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True)
    event_type: Mapped[str] = mapped_column(String(64))
    aggregate_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    payload: Mapped[dict] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
