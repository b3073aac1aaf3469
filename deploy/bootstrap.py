"""Create the databases, one role and one schema per service, and the broker
entities that must exist before the first message. Idempotent.

Each service's ``<SERVICE>_DATABASE_URL`` may name a server (host, port,
database) of its own. The services are grouped by server, and on each
bootstrap creates the database and the roles and schemas of the services
there, as that server's superuser: a ``<SERVICE>_ADMIN_DATABASE_URL`` of one
of them, else the user and password of ``DATABASE_URL`` (by default every
service is on DATABASE_URL's server). Each service's role gets the
password of its own ``<SERVICE>_DATABASE_URL`` (none when derived), owns its
schema and has no right on any other: a service connected as ``learning``
cannot read ``commerce.orders``. Likewise on the broker, with
RABBITMQ_MANAGEMENT_URL set: each process named by a ``<PROCESS>_AMQP_URI``
gets that URI's user and password, allowed only its own queues and
exchanges (deploy/broker_users.py); ``AMQP_URI`` is then the broker's
administrator, who declares the event queues.
"""

import sys
from contextlib import contextmanager
from dataclasses import dataclass, field

from kombu import Connection, Queue
from nameko.standalone.events import get_event_exchange
from psycopg2 import sql
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from deploy import broker_users
from shared.events import (
    AUTH,
    COMMERCE,
    COURSE_COMPLETED,
    LEARNING,
    MEDIA,
    MEDIA_FAILED,
    MEDIA_READY,
    MEDIA_UPLOADED,
    ORDER_COMPLETED,
    ORDER_REFUNDED,
    PASSWORD_RESET_REQUESTED,
    USER_REGISTERED,
    event_queue_name,
)
from shared.queues import event_queue_arguments
from shared.settings import SERVICES, Settings, format_server, get_settings, server_of


@dataclass
class DatabaseServer:
    """One server (host, port, database) and the services whose URLs name it."""

    admin_url: URL
    services: list[str] = field(default_factory=list)
    # Whether admin_url was named (<SERVICE>_ADMIN_DATABASE_URL), not derived.
    named: bool = False

    def __str__(self) -> str:
        return format_server(server_of(self.admin_url))


def database_servers(settings: Settings) -> list[DatabaseServer]:
    """The services grouped by the server of their own URL, each server with
    its superuser: one a service there names, else DATABASE_URL's user and
    password. Two services on one server naming different superusers is an error."""
    servers: dict[tuple, DatabaseServer] = {}
    for service in SERVICES:
        admin = settings.admin_database_url_for(service)
        named = bool(settings.named_admin_database_url(service))
        server = servers.setdefault(server_of(admin), DatabaseServer(admin, named=named))
        if named and not server.named:
            server.admin_url, server.named = admin, True
        elif named and admin != server.admin_url:
            raise ValueError(
                f"{', '.join(server.services)} and {service} share {server} "
                "but name different <SERVICE>_ADMIN_DATABASE_URLs"
            )
        server.services.append(service)
    return list(servers.values())


def create_database(admin_url: URL) -> None:
    maintenance = create_engine(admin_url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with maintenance.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": admin_url.database}
            ).scalar()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{admin_url.database}"'))
    finally:
        maintenance.dispose()


# Any constant: the key of the advisory lock that bootstraps of one server take turns on.
ROLES_LOCK_KEY = 7_355_001


@contextmanager
def roles_locked(admin_url: URL):
    """Roles belong to the server, not to one database: two bootstraps at once
    (of two databases on one server, as parallel test workers make) that
    alter the same role fail with "tuple concurrently updated". They take
    turns on an advisory lock, taken in the maintenance database since such
    locks are per database."""
    maintenance = create_engine(admin_url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with maintenance.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ROLES_LOCK_KEY})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ROLES_LOCK_KEY})
    finally:
        maintenance.dispose()


def create_roles_and_schemas(settings: Settings, server: DatabaseServer) -> None:
    """On ``server``, as its superuser: a role and a schema for each of its
    services (roles are the server's, so a service's role exists only where
    its data lives)."""
    engine = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    database = sql.Identifier(server.admin_url.database)
    try:
        with roles_locked(server.admin_url), engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            with raw.cursor() as cur:
                cur.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(database))
                cur.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
                for service in server.services:
                    password = settings.database_url_for(service).password
                    create_role_and_schema(cur, database, service, password)
    finally:
        engine.dispose()


def create_role_and_schema(cur, database: sql.Identifier, service: str, password: str | None) -> None:
    role = sql.Identifier(service)
    cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (service,))
    verb = "ALTER" if cur.fetchone() else "CREATE"
    cur.execute(
        sql.SQL(verb + " ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {}").format(
            role, sql.Literal(password)
        )
    )
    cur.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, role))
    cur.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {} AUTHORIZATION {}").format(role, role))
    cur.execute(sql.SQL("ALTER SCHEMA {} OWNER TO {}").format(role, role))
    cur.execute(sql.SQL("REVOKE ALL ON SCHEMA {} FROM PUBLIC").format(role))
    cur.execute(sql.SQL("ALTER ROLE {} SET search_path = {}").format(role, role))


# The durable event queues, as Nameko declares them for each SERVICE_POOL
# handler with reliable delivery: (source, event type, service, method).
EVENT_QUEUES = (
    (COMMERCE, ORDER_COMPLETED, "learning", "handle_order_completed"),
    (COMMERCE, ORDER_REFUNDED, "learning", "handle_order_refunded"),
    (MEDIA, MEDIA_UPLOADED, "media_worker", "handle_media_uploaded"),
    (MEDIA, MEDIA_UPLOADED, "catalog", "handle_media_uploaded"),
    (MEDIA, MEDIA_READY, "catalog", "handle_media_ready"),
    (MEDIA, MEDIA_FAILED, "catalog", "handle_media_failed"),
    # Every producer publishes ``mandatory``, so an event needs a queue to
    # leave its outbox; mail asked for before notifications first runs waits here.
    (LEARNING, COURSE_COMPLETED, "notifications", "handle_course_completed"),
    (COMMERCE, ORDER_COMPLETED, "notifications", "handle_order_completed"),
    (COMMERCE, ORDER_REFUNDED, "notifications", "handle_order_refunded"),
    (AUTH, USER_REGISTERED, "notifications", "handle_user_registered"),
    (AUTH, PASSWORD_RESET_REQUESTED, "notifications", "handle_password_reset_requested"),
)


def declare_broker_entities(amqp_uri: str, settings: Settings | None = None) -> None:
    """Declare the event queues exactly as Nameko will (the kit's
    event_handler, shared/service/entrypoints.py), so an event published
    before its consumer ever started (an order before ``learning``, an import
    before ``media_worker``) is kept for it."""
    arguments = event_queue_arguments(settings or get_settings())
    with Connection(amqp_uri, connect_timeout=10) as conn:
        channel = conn.channel()
        for source, event_type, service, method in EVENT_QUEUES:
            queue = Queue(
                event_queue_name(source, event_type, service, method),
                exchange=get_event_exchange(source, {}),
                routing_key=event_type,
                durable=True,
                auto_delete=False,
                exclusive=False,
                queue_arguments=arguments,
            )
            queue(channel).declare()


def main() -> int:
    settings = get_settings()
    try:
        servers = database_servers(settings)
    except ValueError as exc:
        print(f"bootstrap: {exc}", file=sys.stderr)
        return 2
    for server in servers:
        create_database(server.admin_url)
        create_roles_and_schemas(settings, server)
        print(f"bootstrap: {server}: roles and schemas of {', '.join(server.services)}")
    declare_broker_entities(settings.amqp_uri, settings)
    if settings.rabbitmq_management_url:
        uris = settings.broker_user_uris([user.name for user in broker_users.USERS])
        applied = broker_users.apply(settings.rabbitmq_management_url, uris)
        print(f"bootstrap: broker users {', '.join(applied) or '(none named)'} are in place")
    if settings.media_storage == "s3":
        from media.storage import S3Storage

        S3Storage.from_settings(settings).create_bucket_if_missing()
    print("bootstrap: database, roles, schemas and broker queues are in place")
    return 0


if __name__ == "__main__":
    sys.exit(main())
