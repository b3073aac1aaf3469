"""The staff routes (/api/admin) with every role, on the real suite: a
visitor gets 401, a learner and an instructor 403, an admin the answer; and
the owning service refuses a learner's call that reaches it without the
gateway (function-level authorization)."""

import csv
import io
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from shared.contracts.staff import SalesDay
from shared.errors import Forbidden
from tests.support.api_client import ApiClient, unique
from tests.support.rpc import rpc_call
from tests.support.suite import ROOT, wait_until

pytestmark = pytest.mark.suite


def make_role(email: str, role: str) -> subprocess.CompletedProcess:
    """``make admin`` as an operator runs it: ``python -m auth.admin``."""
    return subprocess.run(
        [sys.executable, "-m", "auth.admin", email, "--role", role],
        cwd=ROOT, env=os.environ, capture_output=True, text=True, timeout=60,
    )


@pytest.fixture(scope="module")
def people(suite):
    """A client per role, each logged in as a user of that role."""
    clients = {}
    for role in ("learner", "instructor", "admin"):
        client = ApiClient(suite.url)
        client.register()
        if role != "learner":
            done = make_role(client.user["email"], role)
            assert done.returncode == 0, done.stderr
            assert f"is now {role}" in done.stdout
        clients[role] = client
    clients["visitor"] = ApiClient(suite.url)
    # Whose sessions the admin's DELETE ends: nobody the other tests need.
    clients["target"] = ApiClient(suite.url)
    clients["target"].register()
    yield clients
    for client in clients.values():
        client.close()


def test_a_role_given_from_the_command_line_shows_at_the_gateway_at_once(suite):
    with ApiClient(suite.url) as client:
        client.register()
        assert client.get("/api/auth/me").json()["user"]["role"] == "learner"  # resolved, and kept for seconds
        done = make_role(client.user["email"], "instructor")
        assert done.returncode == 0, done.stderr
        told = time.monotonic()
        wait_until(lambda: client.get("/api/auth/me").json()["user"]["role"] == "instructor", 1.0, interval=0.01,
                   message="the new role at the gateway")  # fmt: skip
        assert time.monotonic() - told < 1.0  # not SESSION_CACHE_SECONDS (5)


def routes(people) -> list[tuple[str, str, dict]]:
    learner = people["learner"].user
    return [
        ("GET", "/api/admin/sales", {}),
        ("GET", "/api/admin/sales.csv", {}),
        ("GET", "/api/admin/stats/courses", {}),
        ("GET", "/api/admin/learners", {"params": {"email": learner["email"]}}),
        ("GET", f"/api/admin/learners/{learner['id']}/enrollments", {}),
        ("PUT", f"/api/admin/users/{learner['id']}/role", {"json": {"role": "learner"}}),
        ("DELETE", f"/api/admin/learners/{people['target'].user['id']}/sessions", {}),
    ]


@pytest.mark.parametrize(("role", "status"), [("visitor", 401), ("learner", 403), ("instructor", 403)])
def test_staff_routes_refuse_who_is_not_admin(people, role, status):
    for method, path, kwargs in routes(people):
        response = people[role].request(method, path, **kwargs)
        assert response.status_code == status, (method, path, response.text)
        if status == 403:
            assert response.json()["code"] == "ROLE_REQUIRED"


def test_an_admin_may_use_every_staff_route(people):
    admin = people["admin"]
    for method, path, kwargs in routes(people):
        response = admin.request(method, path, **kwargs)
        assert response.status_code == 200, (method, path, response.text)


def test_the_role_shows_in_the_session_user(people):
    assert people["learner"].get("/api/auth/me").json()["user"]["role"] == "learner"
    assert people["admin"].get("/api/auth/me").json()["user"]["role"] == "admin"


def test_the_owning_service_refuses_a_learner_called_directly(people):
    learner = {"id": people["learner"].user["id"], "role": "learner"}
    with pytest.raises(Forbidden):
        rpc_call("commerce", "sales_overview", learner)
    with pytest.raises(Forbidden):
        rpc_call("auth", "set_role", learner, learner["id"], "admin")
    with pytest.raises(Forbidden):
        rpc_call("learning", "course_stats", learner)
    with pytest.raises(Forbidden):
        rpc_call("learning", "learner_enrollments", learner, learner["id"])
    assert people["learner"].get("/api/auth/me").json()["user"]["role"] == "learner"


def test_an_admin_changes_a_role_and_finds_a_learner(people, suite):
    admin = people["admin"]
    with ApiClient(suite.url) as someone:
        someone.register()
        response = admin.put(f"/api/admin/users/{someone.user['id']}/role", json={"role": "instructor"})
        assert response.status_code == 200 and response.json()["user"]["role"] == "instructor"
        found = admin.get("/api/admin/learners", params={"email": someone.user["email"].upper()})
        assert found.status_code == 200 and found.json()["sessions"] == 1
        ended = admin.delete(f"/api/admin/learners/{someone.user['id']}/sessions")
        assert ended.json() == {"ended": 1}
        # The gateways drop the session they keep on auth's session_ended.
        wait_until(lambda: someone.get("/api/auth/me").status_code == 401, 5, message="the session to end")


@pytest.mark.parametrize(
    ("params", "field"),
    [({"from": "2026-13-01"}, "from"), ({"from": "2026-02-01", "to": "2026-01-01"}, "from"),
     ({"from": "2024-01-01", "to": "2026-01-01"}, "from"), ({"to": "yesterday"}, "to")],
)
@pytest.mark.parametrize("path", ["/api/admin/sales", "/api/admin/sales.csv"])
def test_a_bad_period_is_a_400_naming_the_field(people, params, field, path):
    response = people["admin"].get(path, params=params)
    assert response.status_code == 400, response.text
    assert field in response.json()["details"]["fields"]


def test_bad_role_or_unknown_user(people):
    admin = people["admin"]
    learner = people["learner"].user
    assert admin.put(f"/api/admin/users/{learner['id']}/role", json={"role": "owner"}).status_code == 400
    missing = "00000000-0000-4000-8000-000000000000"
    assert admin.put(f"/api/admin/users/{missing}/role", json={"role": "admin"}).status_code == 404
    assert admin.get("/api/admin/learners", params={"email": f"{unique()}@example.com"}).status_code == 404


def test_make_admin_says_what_is_wrong():
    done = make_role(f"{unique()}@example.com", "admin")
    assert done.returncode == 1 and "No user has this email" in done.stderr


# -- figures: a known data set -------------------------------------------------

FIGURES_COURSE = "level-2"


def course_row(admin, course_id) -> dict:
    """The course's row of GET /api/admin/stats/courses (zeros when it has none)."""
    response = admin.get("/api/admin/stats/courses")
    assert response.status_code == 200, response.text
    rows = [row for row in response.json()["courses"] if row["courseId"] == course_id]
    return rows[0] if rows else {"enrollments": 0, "completed": 0}


def learner_enrollments(admin, user_id) -> list[dict]:
    response = admin.get(f"/api/admin/learners/{user_id}/enrollments")
    assert response.status_code == 200, response.text
    return response.json()["enrollments"]


@pytest.fixture(scope="module")
def figures(people, suite, admin_engine):
    """Three learners buy level-2: one finishes every lesson, one does not,
    and the third's enrollment is revoked (as a refund does, set here in the
    database); the course's row of the figures before and after. The shared
    database has other tests' enrollments in it: the figures are compared
    with those before."""
    admin = people["admin"]
    course = people["admin"].course(FIGURES_COURSE)
    course_id = course["course"]["id"]
    before = course_row(admin, course_id)
    clients = {name: ApiClient(suite.url) for name in ("finisher", "starter", "refunded")}
    for client in clients.values():
        client.register()
        client.buy_course(FIGURES_COURSE)
    enrollment = next(
        e for e in clients["finisher"].get("/api/enrollments").json()["enrollments"] if e["courseId"] == course_id
    )
    for lesson in course["lessons"]:
        response = clients["finisher"].post(
            "/api/progress", json={"enrollmentId": enrollment["id"], "lessonId": lesson["id"], "completed": True}
        )
        assert response.status_code == 200, response.text
    with admin_engine.connect() as conn:
        conn.execute(
            text("UPDATE learning.enrollments SET revoked_at = now() WHERE user_id = :user AND course_id = :course"),
            {"user": clients["refunded"].user["id"], "course": course_id},
        )
    after = course_row(admin, course_id)
    yield {"course": course, "before": before, "after": after, **clients}
    for client in clients.values():
        client.close()


def test_course_stats_count_completions_and_leave_out_the_revoked(figures):
    before, after = figures["before"], figures["after"]
    assert after["title"] == figures["course"]["course"]["title"]
    assert after["enrollments"] == before["enrollments"] + 2
    assert after["completed"] == before["completed"] + 1
    assert after["completionRate"] == pytest.approx(after["completed"] / after["enrollments"])
    if before["enrollments"] == 0:  # a database of this run alone
        assert after["completionRate"] == 0.5


def test_learner_enrollments_show_progress_and_the_revoked_one(people, figures):
    admin, course_id = people["admin"], figures["course"]["course"]["id"]
    (finished,) = learner_enrollments(admin, figures["finisher"].user["id"])
    assert finished["courseId"] == course_id and finished["revokedAt"] is None
    assert finished["progress"]["percentage"] == 100 and finished["certificate"] is not None
    (own,) = figures["finisher"].get("/api/enrollments").json()["enrollments"]
    assert {k: v for k, v in finished.items() if k != "revokedAt"} == own

    (revoked,) = learner_enrollments(admin, figures["refunded"].user["id"])
    assert revoked["courseId"] == course_id and revoked["revokedAt"].endswith("Z")
    assert revoked["course"]["title"] == figures["course"]["course"]["title"]
    assert learner_enrollments(admin, "00000000-0000-4000-8000-000000000000") == []


def test_sales_csv_has_a_row_per_day_with_the_figures_of_the_json(people, figures):
    admin = people["admin"]
    today = datetime.now(timezone.utc).date()
    period = {"from": (today - timedelta(days=2)).isoformat(), "to": today.isoformat()}
    overview = admin.get("/api/admin/sales", params=period)
    exported = admin.get("/api/admin/sales.csv", params=period)
    assert overview.status_code == 200 and exported.status_code == 200, exported.text
    assert exported.headers["content-type"] == "text/csv; charset=utf-8"
    assert exported.headers["content-disposition"] == (
        f'attachment; filename="sales-{period["from"]}-to-{period["to"]}.csv"'
    )
    header, *rows = list(csv.reader(io.StringIO(exported.text)))
    days = overview.json()["days"]
    # The columns are SalesDay's fields by their JSON names, in order.
    assert header == [field.alias for field in SalesDay.model_fields.values()] == list(days[0])
    assert header[:3] == ["date", "orders", "revenue"]
    assert len(rows) == len(days) == 3
    assert rows == [[str(day[column]) for column in header] for day in days]
    # The three purchases of the data set are today's.
    assert int(rows[-1][1]) >= 3 and rows[-1][0] == today.isoformat()


def test_sales_csv_by_default_is_the_last_30_days(people):
    exported = people["admin"].get("/api/admin/sales.csv")
    assert exported.status_code == 200, exported.text
    header, *rows = list(csv.reader(io.StringIO(exported.text)))
    assert len(rows) == 30 and rows[-1][0] == datetime.now(timezone.utc).date().isoformat()
