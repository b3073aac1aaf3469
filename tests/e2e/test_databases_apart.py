"""The suite with its services' databases on two Postgres servers: catalog,
learning and media (and any other service) on server A, auth and commerce on
server B, each a private cluster of the module's own (tests/support/postgres.py).

Bootstrap, migrations and seed run on that layout as `make db-seed` runs them
(B's superuser is not DATABASE_URL's: it is named by COMMERCE_ADMIN_DATABASE_URL);
then the whole suite runs on it, on a vhost of its own, and a learner goes
through the main flows. The layout is real: each schema and role exists on its
own server only, and each service is connected to its own. Last, server B goes
away: /api/ready names auth and commerce, the catalogue still answers, and
everything is back once B is.
"""

import io
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from pypdf import PdfReader
from sqlalchemy import create_engine, text

from shared.settings import SERVICES, get_settings, sqlalchemy_url
from tests.support.api_client import PASSWORD, ApiClient
from tests.support.environment import can_make_vhosts, private_vhost
from tests.support.postgres import PrivatePostgres
from tests.support.suite import ROOT, running_suite, wait_until

pytestmark = [
    pytest.mark.suite,
    pytest.mark.skipif(not PrivatePostgres.available(), reason="no PostgreSQL server binaries here"),
    pytest.mark.skipif(not can_make_vhosts(), reason="needs rabbitmqctl for a vhost of its own"),
]

ON_B = ("auth", "commerce")
ON_A = tuple(service for service in SERVICES if service not in ON_B)
DATABASE_A, DATABASE_B = "studio_a", "studio_b"


@pytest.fixture(scope="module")
def servers():
    a, b = PrivatePostgres(), PrivatePostgres(superuser="dbadmin")
    try:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(PrivatePostgres.start, (a, b)))
        yield a, b
    finally:
        a.close()
        b.close()


def layout_env(a: PrivatePostgres, b: PrivatePostgres, amqp_uri: str) -> dict[str, str]:
    env = {"DATABASE_URL": a.url(database=DATABASE_A), "AMQP_URI": amqp_uri, "SEED_VIDEOS": "false"}
    for service in SERVICES:
        server, database = (b, DATABASE_B) if service in ON_B else (a, DATABASE_A)
        env[f"{service.upper()}_DATABASE_URL"] = server.url(service, database, password=f"{service}-pw")
    # DATABASE_URL's user (postgres) is no one on B.
    env["COMMERCE_ADMIN_DATABASE_URL"] = b.url(database=DATABASE_B)
    return env


def run_step(step: str, env: dict) -> str:
    done = subprocess.run(
        [sys.executable, "-m", f"deploy.{step}"],
        cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, f"deploy.{step}: {done.stdout}{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def deployed(servers):
    a, b = servers
    env = layout_env(a, b, private_vhost(get_settings().amqp_uri, "dbapart"))
    steps = {step: run_step(step, env) for step in ("bootstrap", "migrate", "seed")}
    return env, steps


@pytest.fixture(scope="module")
def apart_suite(deployed):
    env, _ = deployed
    with running_suite("databases-apart", env["AMQP_URI"], env) as suite:
        yield suite


def superuser_engine(server: PrivatePostgres, database: str):
    return create_engine(sqlalchemy_url(server.url(database=database)), isolation_level="AUTOCOMMIT")


def query(server: PrivatePostgres, database: str, sql: str, **params) -> list:
    engine = superuser_engine(server, database)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def enrollment_in(client: ApiClient, course_id: str) -> dict | None:
    response = client.get("/api/enrollments")
    assert response.status_code == 200, response.text
    return next((e for e in response.json()["enrollments"] if e["courseId"] == course_id), None)


def test_bootstrap_makes_each_services_role_and_schema_on_its_own_server(servers, deployed):
    a, b = servers
    env, steps = deployed
    assert f"127.0.0.1:{a.port}/{DATABASE_A}: roles and schemas of {', '.join(ON_A)}" in steps["bootstrap"]
    assert f"127.0.0.1:{b.port}/{DATABASE_B}: roles and schemas of {', '.join(ON_B)}" in steps["bootstrap"]
    for service in SERVICES:
        server, database = (b, DATABASE_B) if service in ON_B else (a, DATABASE_A)
        assert f"migrate: {service} is at head on 127.0.0.1:{server.port}/{database}" in steps["migrate"]

    schemas = "SELECT nspname FROM pg_namespace WHERE nspname = ANY(:names) ORDER BY nspname"
    roles = "SELECT rolname FROM pg_roles WHERE rolname = ANY(:names) ORDER BY rolname"
    assert query(a, DATABASE_A, schemas, names=list(SERVICES)) == [(s,) for s in sorted(ON_A)]
    assert query(b, DATABASE_B, schemas, names=list(SERVICES)) == [(s,) for s in sorted(ON_B)]
    assert query(a, "postgres", roles, names=list(SERVICES)) == [(s,) for s in sorted(ON_A)]
    assert query(b, "postgres", roles, names=list(SERVICES)) == [(s,) for s in sorted(ON_B)]
    tables = "SELECT to_regclass('commerce.orders') IS NOT NULL, to_regclass('catalog.courses') IS NOT NULL"
    assert query(a, DATABASE_A, tables) == [(False, True)]
    assert query(b, DATABASE_B, tables) == [(True, False)]
    # The seed wrote the catalogue on A, through catalog's own URL.
    assert query(a, DATABASE_A, "SELECT count(*) > 0 FROM catalog.courses") == [(True,)]

    # Again, as every deploy runs it: nothing to do, nothing broken.
    assert "roles and schemas of auth, commerce" in run_step("bootstrap", env)


def test_a_learner_goes_through_the_school_on_two_servers(apart_suite, servers):
    a, b = servers
    ready = httpx.get(apart_suite.url + "/api/ready", timeout=10)
    assert ready.status_code == 200 and ready.json()["services"] == dict.fromkeys(SERVICES, "ok")

    with ApiClient(apart_suite.url) as client, ApiClient(apart_suite.url) as device:
        user = client.register()  # auth, on B
        login = device.post("/api/auth/login", json={"email": user["email"], "password": PASSWORD})
        assert login.status_code == 200, login.text
        courses = device.get("/api/courses")  # catalog, on A
        assert courses.status_code == 200
        assert [course["slug"] for course in courses.json()["courses"]] == ["level-1", "level-2"]
        level_1 = device.course("level-1")
        asset = next(a for a in device.assets() if a["title"] == "CYBERPUNK TEXTURES VOL. 1")

        # commerce (B) prices from catalog (A); its order_completed enrolls in learning (A).
        course_id = level_1["course"]["id"]
        items = [{"itemType": "course", "itemId": course_id}, {"itemType": "asset", "itemId": asset["id"]}]
        placed = device.post("/api/orders", json={"items": items})
        assert placed.status_code == 201, placed.text
        order = placed.json()["order"]
        enrollment = wait_until(lambda: enrollment_in(device, course_id), 15, message="the enrollment")
        assert [o["id"] for o in device.get("/api/orders").json()["orders"]] == [order["id"]]
        receipt = device.get(f"/api/orders/{order['id']}/receipt")
        assert receipt.status_code == 200 and receipt.headers["content-type"] == "application/pdf"
        receipt_text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(receipt.content)).pages)
        assert order["id"] in receipt_text and user["email"] in receipt_text

        lessons = level_1["lessons"]
        position = device.put(f"/api/lessons/{lessons[2]['id']}/position", json={"seconds": 8})
        assert position.status_code == 204, position.text
        opened = device.get(f"/api/lessons/{lessons[2]['id']}")
        assert opened.status_code == 200 and opened.json()["position"]["seconds"] == 8.0, opened.text
        for lesson in lessons:
            body = {"enrollmentId": enrollment["id"], "lessonId": lesson["id"], "completed": True}
            assert device.post("/api/progress", json=body).status_code == 200
        finished = enrollment_in(device, course_id)
        assert finished["progress"]["percentage"] == 100
        assert finished["resume"] == {"lessonId": lessons[2]["id"], "seconds": 8.0}
        # learning (A), with the learner's name from auth (B).
        certificate = device.get(f"/api/certificates/{finished['certificate']['code']}")
        assert certificate.status_code == 200 and certificate.json()["learnerName"] == user["username"]

    # Each row on its service's server, and each service connected to its own.
    rows = "SELECT count(*) FROM {} WHERE {} = :user"
    assert query(b, DATABASE_B, rows.format("commerce.orders", "user_id"), user=user["id"]) == [(1,)]
    assert query(b, DATABASE_B, rows.format("auth.users", "id"), user=user["id"]) == [(1,)]
    assert query(a, DATABASE_A, rows.format("learning.enrollments", "user_id"), user=user["id"]) == [(1,)]
    connected = "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = :db AND usename = ANY(:names)"
    for server, database, services in ((a, DATABASE_A, ON_A), (b, DATABASE_B, ON_B)):
        roles = query(server, database, connected, db=database, names=list(SERVICES))
        assert sorted(role for (role,) in roles) == sorted(services), database


def test_readiness_follows_each_services_own_server(apart_suite, servers):
    _, b = servers
    url = apart_suite.url
    b.kill()
    try:
        answer = wait_until(
            lambda: (r := httpx.get(url + "/api/ready", timeout=10)).status_code == 503 and r.json(), 15,
            message="/api/ready to see server B gone",
        )
        assert answer["details"]["services"] == {s: "unavailable" if s in ON_B else "ok" for s in SERVICES}
        assert httpx.get(url + "/api/courses", timeout=10).status_code == 200  # catalog, on A
    finally:
        b.start()
    apart_suite.wait_ready(timeout=30)
    with ApiClient(url) as client:
        client.register()
        assert client.get("/api/auth/me").status_code == 200
