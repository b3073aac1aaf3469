"""Every staff route (/api/admin), found in the app itself, with every role:
a visitor gets 401, a caller without the route's role 403 ROLE_REQUIRED, and
neither reaches a service (the only call made is resolving the session). A
staff route added without a role check fails here."""

import uuid

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from gateway import cookies
from gateway.app import create_app
from gateway.deps import get_rpc, get_throttle
from shared import roles
from shared.settings import Settings
from tests.support.gateway_fakes import USER, FakeRpc, FakeThrottle


def required_roles(route: APIRoute) -> tuple[str, ...] | None:
    """The roles of the route's ``role_required`` dependency, if it has one."""
    pending = [route.dependant]
    while pending:
        dependant = pending.pop()
        if getattr(dependant.call, "roles", None):
            return dependant.call.roles
        pending.extend(dependant.dependencies)
    return None


def api_routes(routes):
    """The app's APIRoutes, through the routers it includes (FastAPI keeps
    an included router as one entry that holds it)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from api_routes(included.routes)


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return Settings(session_secret="s", web_dist_dir=str(tmp_path_factory.mktemp("no-web")), log_level="WARNING")


@pytest.fixture(scope="module")
def staff_routes(settings):
    app = create_app(settings)
    found = [
        (method, route)
        for route in api_routes(app.routes)
        if route.path.startswith("/api/admin/")
        for method in sorted(route.methods)
    ]
    assert len(found) >= 4
    return found


def call(settings, method: str, route: APIRoute, role: str | None):
    app = create_app(settings)
    rpc = FakeRpc({("auth", "resolve_session"): {**USER, "role": role}})
    app.dependency_overrides[get_rpc] = lambda: rpc
    app.dependency_overrides[get_throttle] = FakeThrottle
    client = TestClient(app, raise_server_exceptions=False)
    if role is not None:
        client.cookies.set("session", cookies.sign(settings.session_secret, "token"))
    path = route.path_format.format(**{name: str(uuid.uuid4()) for name in route.param_convertors})
    # A body that no route accepts: the refusal must come before it is read.
    response = client.request(method, path, json={"unexpected": True})
    return response, [(service, name) for service, name, *_ in rpc.calls]


def test_every_staff_route_names_its_roles(staff_routes):
    for method, route in staff_routes:
        allowed = required_roles(route)
        assert allowed, f"{method} {route.path} has no role_required dependency"
        assert set(allowed) <= set(roles.STAFF)


def test_a_visitor_gets_401_from_every_staff_route(settings, staff_routes):
    for method, route in staff_routes:
        response, calls = call(settings, method, route, None)
        assert response.status_code == 401, (method, route.path, response.text)
        assert calls == []


@pytest.mark.parametrize("role", roles.ROLES)
def test_a_role_not_named_gets_403_before_any_service_is_called(settings, staff_routes, role):
    refused = [(method, route) for method, route in staff_routes if role not in required_roles(route)]
    if role == roles.LEARNER:
        assert refused == staff_routes
    for method, route in refused:
        response, calls = call(settings, method, route, role)
        assert response.status_code == 403, (method, route.path, response.text)
        assert response.json()["code"] == "ROLE_REQUIRED"
        assert calls == [("auth", "resolve_session")]
