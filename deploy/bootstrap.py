"""Create the database, one role and one schema per service, and the broker
entities that must exist before the first message. Idempotent.

Runs as the superuser of ``DATABASE_URL``. Each service's role gets the
password of its own ``<SERVICE>_DATABASE_URL`` (none when derived), owns its
schema and has no right on any other: a service connected as ``learning``
cannot read ``commerce.orders``.
"""

import sys

from kombu import Connection, Queue
from nameko.standalone.events import get_event_exchange
from psycopg2 import sql
from sqlalchemy import create_engine, text

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
    PASSWORD_RESET_REQUESTED,
    USER_REGISTERED,
    event_queue_name,
)
from shared.settings import SERVICES, Settings, get_settings


def create_database(settings: Settings) -> None:
    url = settings.admin_database_url
    maintenance = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with maintenance.connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}
        ).scalar()
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    maintenance.dispose()


def create_roles_and_schemas(settings: Settings) -> None:
    engine = create_engine(settings.admin_database_url, isolation_level="AUTOCOMMIT")
    database = settings.admin_database_url.database
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        with raw.cursor() as cur:
            cur.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(sql.Identifier(database)))
            cur.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
            for service in SERVICES:
                password = settings.database_url_for(service).password
                role = sql.Identifier(service)
                cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (service,))
                verb = "ALTER" if cur.fetchone() else "CREATE"
                cur.execute(
                    sql.SQL(verb + " ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {}").format(
                        role, sql.Literal(password)
                    )
                )
                cur.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), role))
                cur.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {} AUTHORIZATION {}").format(role, role))
                cur.execute(sql.SQL("ALTER SCHEMA {} OWNER TO {}").format(role, role))
                cur.execute(sql.SQL("REVOKE ALL ON SCHEMA {} FROM PUBLIC").format(role))
                cur.execute(sql.SQL("ALTER ROLE {} SET search_path = {}").format(role, role))
    engine.dispose()


# The durable event queues, as Nameko declares them for each SERVICE_POOL
# handler with reliable delivery: (source, event type, service, method).
EVENT_QUEUES = (
    (COMMERCE, ORDER_COMPLETED, "learning", "handle_order_completed"),
    (MEDIA, MEDIA_UPLOADED, "media_worker", "handle_media_uploaded"),
    (MEDIA, MEDIA_UPLOADED, "catalog", "handle_media_uploaded"),
    (MEDIA, MEDIA_READY, "catalog", "handle_media_ready"),
    (MEDIA, MEDIA_FAILED, "catalog", "handle_media_failed"),
    # Every producer publishes ``mandatory``, so an event needs a queue to
    # leave its outbox; mail asked for before notifications first runs waits here.
    (LEARNING, COURSE_COMPLETED, "notifications", "handle_course_completed"),
    (COMMERCE, ORDER_COMPLETED, "notifications", "handle_order_completed"),
    (AUTH, USER_REGISTERED, "notifications", "handle_user_registered"),
    (AUTH, PASSWORD_RESET_REQUESTED, "notifications", "handle_password_reset_requested"),
)


def declare_broker_entities(amqp_uri: str) -> None:
    """Declare the event queues exactly as Nameko will, so an event published
    before its consumer ever started (an order before ``learning``, an import
    before ``media_worker``) is kept for it."""
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
            )
            queue(channel).declare()


def main() -> int:
    settings = get_settings()
    create_database(settings)
    create_roles_and_schemas(settings)
    declare_broker_entities(settings.amqp_uri)
    if settings.media_storage == "s3":
        from media.storage import S3Storage

        S3Storage.from_settings(settings).create_bucket_if_missing()
    print("bootstrap: database, roles, schemas and broker queues are in place")
    return 0


if __name__ == "__main__":
    sys.exit(main())
