"""Configuration of every process, read from the environment.

This is the only module that reads environment variables. Defaults suit a
local run against the machine's PostgreSQL and RabbitMQ.
"""

from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import URL, make_url

SERVICES = ("auth", "catalog", "learning", "commerce", "media", "notifications")
ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # The database every service lives in by default. Its user is the
    # superuser that creates roles and schemas (deploy/bootstrap); services
    # never use it.
    database_url: str = "postgresql://postgres@127.0.0.1:5432/infinite_studio"
    # Each service connects as its own role. When unset, the URL is derived
    # from DATABASE_URL with the service's name as user and no password. It
    # may name another server (host, port, database) than DATABASE_URL's.
    auth_database_url: str | None = None
    catalog_database_url: str | None = None
    learning_database_url: str | None = None
    commerce_database_url: str | None = None
    media_database_url: str | None = None
    notifications_database_url: str | None = None
    # The superuser deploy/bootstrap uses on a service's server, when not
    # DATABASE_URL's user and password: the same host, port and database as
    # the service's URL. For services sharing a server, one of them is enough.
    auth_admin_database_url: str | None = None
    catalog_admin_database_url: str | None = None
    learning_admin_database_url: str | None = None
    commerce_admin_database_url: str | None = None
    media_admin_database_url: str | None = None
    notifications_admin_database_url: str | None = None

    # Several addresses of one cluster, separated by ";", are tried in turn,
    # and again whenever the connection drops (a node died).
    amqp_uri: str = "amqp://guest:guest@127.0.0.1:5672/"
    # Every durable queue a quorum queue (shared/queues.py), replicated on
    # the nodes of a cluster. A queue keeps the type it was declared with:
    # see docs/kubernetes.md before turning it on for a running broker.
    broker_quorum_queues: bool = False
    # At most this many broker connections per kind of publisher (with or
    # without confirms) in a service process (shared/service/publishers.py).
    publisher_connections: int = Field(default=2, ge=1, le=10)
    # Each process may connect as a broker user of its own, allowed only its
    # own queues and exchanges (deploy/broker_users.py). Each process reads
    # AMQP_URI; these tell deploy/bootstrap which users to make, with which
    # passwords, through the management API at RABBITMQ_MANAGEMENT_URL
    # (http://admin:password@host:15672). Unset: every process is AMQP_URI's user.
    rabbitmq_management_url: str | None = None
    gateway_amqp_uri: str | None = None
    auth_amqp_uri: str | None = None
    catalog_amqp_uri: str | None = None
    learning_amqp_uri: str | None = None
    commerce_amqp_uri: str | None = None
    media_amqp_uri: str | None = None
    media_worker_amqp_uri: str | None = None
    notifications_amqp_uri: str | None = None
    # Where the gateway counts login and registration attempts (gateway/throttle.py).
    redis_url: str = "redis://127.0.0.1:6379/0"
    # Before every key the gateway writes there (the tests give each run its own).
    redis_key_prefix: str = "infinite-studio"

    host: str = "127.0.0.1"
    port: int = 5000
    # Where people reach the web app: printed on certificates as the address
    # that verifies them.
    public_url: str = "http://localhost:5000"
    # Where a service process serves /metrics and /health. Unset: its PORT,
    # when it was given one (honcho and the compose file give each process
    # one); 0 turns the server off.
    metrics_port: int | None = None
    # Where the gateway serves /metrics: a port of its own, never published
    # (request and RPC counts tell sales and sign-up volumes); 0 turns it off.
    gateway_metrics_port: int = Field(default=9000, ge=0, le=65535)
    # The gateway's worker processes on its port (gateway/serve.py): two pay
    # on a machine of two cores (docs/performance.md); one per pod of one CPU.
    gateway_workers: int = Field(default=2, ge=1, le=64)
    session_secret: str | None = None
    cookie_secure: bool = False
    session_cookie_name: str = "session"
    session_idle_minutes: int = Field(default=60 * 24 * 3, ge=1)
    session_absolute_days: int = Field(default=30, ge=1)
    # Live sessions per user; a new one past it ends the oldest.
    session_max_per_user: int = Field(default=10, ge=1)
    # How long a gateway process may keep a resolved session (gateway/session_cache.py):
    # also how long past its expiry a session may still be honoured; 0 turns it off.
    session_cache_seconds: float = Field(default=5.0, ge=0, le=60)
    # The gateway keeps catalog's public answers until catalog_changed
    # (gateway/catalog_cache.py); false: every request calls catalog.
    catalog_cache: bool = True
    # The origins (scheme://host[:port], comma-separated) whose pages may send
    # state-changing requests. Empty: the origin the request itself was sent to.
    public_origins: str = ""

    # Brute-force limits, over a moving window, in the notation of the limits
    # library ("10/15 minutes"): login attempts per account (counted from its
    # last successful login) and per client address, registrations per address.
    login_limit_per_account: str = "10/15 minutes"
    login_limit_per_address: str = "100/15 minutes"
    register_limit_per_address: str = "20/hour"
    # Password reset requests per client address and per email address asked
    # for (each request may send a mail).
    password_reset_limit_per_address: str = "20/hour"
    password_reset_limit_per_account: str = "5/hour"
    # The proxies in front of the gateway whose X-Forwarded-For is believed
    # (addresses or networks, comma-separated). Empty: none, the client's
    # address is the connection's.
    trusted_proxies: str = ""

    rpc_timeout_seconds: float = Field(default=10.0, gt=0)
    # Calls between services give up first, so that the gateway hears why.
    service_rpc_timeout_seconds: float = Field(default=5.0, gt=0)
    max_body_bytes: int = 1024 * 1024
    # A request's headers, and then its body, must arrive within these
    # (gateway/connections.py): a connection cannot be held by sending nothing.
    header_read_timeout_seconds: float = Field(default=10.0, gt=0)
    body_read_timeout_seconds: float = Field(default=30.0, gt=0)
    bcrypt_rounds: int = Field(default=12, ge=4, le=31)
    # How long a password reset link works (it works once).
    password_reset_ttl_minutes: int = Field(default=60, ge=5, le=24 * 60)
    web_dist_dir: str = "web/dist"
    # /api/docs and /api/openapi.json (off in the deploy configuration).
    api_docs: bool = True
    log_level: str = "INFO"
    log_format: str = "json"

    # Media storage: a local directory (default) or an S3-compatible bucket.
    media_storage: Literal["local", "s3"] = "local"
    media_root: str = str(ROOT / ".run" / "media")
    s3_endpoint_url: str | None = None
    s3_bucket: str = "infinite-studio-media"
    s3_region: str = "us-east-1"
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = None
    # Signs playback URLs (gateway/media_urls.py); unset: SESSION_SECRET.
    media_url_secret: str | None = None
    # How long a signed playback URL lasts; at most an hour.
    media_url_ttl_seconds: int = Field(default=3600, ge=60, le=3600)
    # x264 preset of the transcode worker (tests use ultrafast).
    transcode_preset: str = "veryfast"
    # deploy/seed generates and imports a video per seeded lesson; tests turn it off.
    seed_videos: bool = True
    # deploy/seed draws and stores a pack and a preview per seeded asset (a few seconds).
    seed_asset_files: bool = True
    # How long a signed download URL of an asset's pack lasts; at most 15 minutes.
    download_url_ttl_seconds: int = Field(default=900, ge=60, le=900)
    # Staff uploads (a lesson's video, an asset's pack or preview): the
    # largest file, and the largest chunk of it one PUT may carry (the
    # gateway's body limit for that route; docs/operating.md, "Uploads").
    upload_max_bytes: int = Field(default=4 * 1024**3, ge=1)
    upload_chunk_bytes: int = Field(default=8 * 1024**2, ge=64 * 1024, le=64 * 1024**2)

    # Mail (services/notifications): the SMTP server it hands messages to.
    # smtp:// plain, smtp+starttls:// upgraded with STARTTLS, smtps:// TLS from
    # the start. The default is the local server of `make run` (the Procfile's
    # mail-sink, deploy/mail_sink.py), which keeps every message in MAIL_DIR.
    smtp_url: str = "smtp://127.0.0.1:2525"
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_timeout_seconds: float = Field(default=10.0, gt=0)
    mail_from: str = "Infinite Studio <no-reply@infinite-studio.local>"
    # The local SMTP server's Maildir (new/, cur/, tmp/).
    mail_dir: str = str(ROOT / ".run" / "mail")
    # A mail the SMTP server did not take is tried again after this, doubling
    # up to the maximum; after the last attempt it is parked for an operator.
    mail_retry_first_seconds: float = Field(default=10.0, gt=0)
    mail_retry_max_seconds: float = Field(default=900.0, gt=0)
    mail_max_attempts: int = Field(default=12, ge=1)

    @property
    def admin_database_url(self) -> URL:
        return sqlalchemy_url(self.database_url)

    @property
    def session_cookie(self) -> str:
        """The session cookie's name: with the ``__Host-`` prefix when secure, so
        that the browser keeps it to this host, path /, over HTTPS only."""
        return f"__Host-{self.session_cookie_name}" if self.cookie_secure else self.session_cookie_name

    @property
    def public_origin_list(self) -> list[str]:
        return [part.strip().rstrip("/").lower() for part in self.public_origins.split(",") if part.strip()]

    @property
    def trusted_proxy_networks(self) -> list[IPv4Network | IPv6Network]:
        parts = [part.strip() for part in self.trusted_proxies.split(",")]
        return [ip_network(part, strict=False) for part in parts if part]

    @property
    def service_metrics_port(self) -> int | None:
        if self.metrics_port is not None:
            return self.metrics_port or None
        return self.port if "port" in self.model_fields_set else None

    def broker_user_uris(self, users: list[str]) -> dict[str, str]:
        """The ``<USER>_AMQP_URI`` set for each of ``users``."""
        uris = {user: getattr(self, f"{user}_amqp_uri") for user in users}
        return {user: uri for user, uri in uris.items() if uri}

    def database_url_for(self, service: str) -> URL:
        explicit = getattr(self, f"{service}_database_url")
        if explicit:
            return sqlalchemy_url(explicit)
        return self.admin_database_url.set(username=service, password=None)

    def named_admin_database_url(self, service: str) -> str | None:
        return getattr(self, f"{service}_admin_database_url", None)

    def admin_database_url_for(self, service: str) -> URL:
        """The superuser of the server (host, port, database) of the service's
        own URL: its ``<SERVICE>_ADMIN_DATABASE_URL``, or else DATABASE_URL's
        user and password there."""
        own = self.database_url_for(service)
        explicit = self.named_admin_database_url(service)
        if not explicit:
            admin = self.admin_database_url
            return own.set(username=admin.username, password=admin.password)
        admin = sqlalchemy_url(explicit)
        if server_of(admin) != server_of(own):
            raise ValueError(
                f"{service.upper()}_ADMIN_DATABASE_URL names {format_server(server_of(admin))}, "
                f"but {service.upper()}_DATABASE_URL {format_server(server_of(own))}"
            )
        return admin


def sqlalchemy_url(url: str) -> URL:
    """``postgresql://`` as everyone writes it, on the psycopg2 driver
    (SQLAlchemy 2.1 would pick psycopg 3, which eventlet does not green)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg2")
    return parsed


def server_of(url: URL) -> tuple[str | None, int, str | None]:
    """Where a URL's data lives: (host, port, database)."""
    return (url.host, url.port or 5432, url.database)


def format_server(server: tuple[str | None, int, str | None]) -> str:
    host, port, database = server
    return f"{host or '(local socket)'}:{port}/{database}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
