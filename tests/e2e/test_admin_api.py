"""The staff routes (/api/admin) with every role, on the real suite: a
visitor gets 401, a learner and an instructor 403, an admin the answer; and
the owning service refuses a learner's call that reaches it without the
gateway (function-level authorization)."""

import os
import subprocess
import sys

import pytest

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


def routes(people) -> list[tuple[str, str, dict]]:
    learner = people["learner"].user
    return [
        ("GET", "/api/admin/sales", {}),
        ("GET", "/api/admin/learners", {"params": {"email": learner["email"]}}),
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
def test_a_bad_period_is_a_400_naming_the_field(people, params, field):
    response = people["admin"].get("/api/admin/sales", params=params)
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
