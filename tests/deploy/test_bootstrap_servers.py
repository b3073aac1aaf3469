"""Which server bootstrap works on for each service, and as whom
(deploy/bootstrap.py ``database_servers``); the servers themselves are
tests/e2e/test_databases_apart.py's."""

import subprocess
import sys

import pytest

from deploy.bootstrap import database_servers
from shared.settings import SERVICES, Settings
from tests.support.suite import ROOT

ADMIN = "postgresql://postgres:secret@db-a:5432/studio"


def settings(**urls) -> Settings:
    return Settings(_env_file=None, database_url=ADMIN, **{f"{k}_database_url": v for k, v in urls.items()})


def layout(servers) -> list[tuple[str, str | None, list[str]]]:
    return [(str(s), s.admin_url.username, s.services) for s in servers]


def test_by_default_every_service_is_on_database_urls_server():
    ((server),) = database_servers(settings())
    assert (str(server), server.services) == ("db-a:5432/studio", list(SERVICES))
    assert server.admin_url.render_as_string(hide_password=False) == "postgresql+psycopg2://postgres:secret@db-a:5432/studio"


def test_services_are_grouped_by_the_host_port_and_database_of_their_own_url():
    servers = database_servers(
        settings(
            auth="postgresql://auth:pw@db-b:5433/school?sslmode=require",
            commerce="postgresql://commerce:pw@db-b:5433/school",
            media="postgresql://media:pw@db-a:5432/media_db",
        )
    )
    assert layout(servers) == [
        ("db-b:5433/school", "postgres", ["auth", "commerce"]),
        ("db-a:5432/studio", "postgres", [s for s in SERVICES if s not in ("auth", "commerce", "media")]),
        ("db-a:5432/media_db", "postgres", ["media"]),
    ]
    # DATABASE_URL's user and password, at the service's server, over its options.
    b = servers[0].admin_url
    assert (b.host, b.port, b.database, b.password) == ("db-b", 5433, "school", "secret")
    assert b.query == {"sslmode": "require"}


def test_one_service_names_its_servers_superuser_for_every_service_there():
    servers = database_servers(
        settings(
            auth="postgresql://auth:pw@db-b:5432/studio",
            commerce="postgresql://commerce:pw@db-b:5432/studio",
            commerce_admin="postgresql://cluster-admin:other@db-b:5432/studio",
        )
    )
    (b,) = [s for s in servers if s.services == ["auth", "commerce"]]
    assert (b.admin_url.username, b.admin_url.password) == ("cluster-admin", "other")


def test_two_superusers_for_one_server_are_refused():
    with pytest.raises(ValueError, match="auth and commerce share db-b:5432/studio"):
        database_servers(
            settings(
                auth="postgresql://auth:pw@db-b:5432/studio",
                auth_admin="postgresql://one:x@db-b:5432/studio",
                commerce="postgresql://commerce:pw@db-b:5432/studio",
                commerce_admin="postgresql://two:y@db-b:5432/studio",
            )
        )


def test_an_admin_url_on_another_server_than_the_service_is_refused():
    refused = "CATALOG_ADMIN_DATABASE_URL names db-c:5432/studio, but CATALOG_DATABASE_URL db-a:5432/studio"
    with pytest.raises(ValueError, match=refused):
        database_servers(settings(catalog_admin="postgresql://postgres@db-c:5432/studio"))


def test_bootstrap_says_what_is_wrong_and_changes_nothing():
    done = subprocess.run(
        [sys.executable, "-m", "deploy.bootstrap"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": ADMIN, "AUTH_ADMIN_DATABASE_URL": "postgresql://x@elsewhere/db"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "bootstrap: AUTH_ADMIN_DATABASE_URL names elsewhere:5432/db, but AUTH_DATABASE_URL db-a:5432/studio"
    )


def test_bootstraps_of_several_databases_on_one_server_at_once_all_succeed(database):
    """Roles are the server's: without their lock, one of three bootstraps
    at once failed with "tuple concurrently updated" (parallel test workers)."""
    import os

    from sqlalchemy.engine import make_url

    from tests.support.environment import drop_private_database

    base = make_url(os.environ["DATABASE_URL"])
    envs = [{"DATABASE_URL": base.set(database=f"{base.database}_together_{i}").render_as_string(hide_password=False)}
            for i in range(3)]  # fmt: skip
    try:
        runs = [
            subprocess.Popen([sys.executable, "-m", "deploy.bootstrap"], cwd=ROOT, env={**os.environ, **env},
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for env in envs
        ]  # fmt: skip
        outputs = [run.communicate(timeout=120)[0] for run in runs]
        assert [run.returncode for run in runs] == [0, 0, 0], outputs
    finally:
        for env in envs:
            drop_private_database(env)
