"""The OpenAPI document says what the gateway really answers."""

import pytest
from fastapi.testclient import TestClient

from gateway import cookies
from gateway.app import create_app
from gateway.deps import get_rpc
from shared.settings import Settings

ERROR_BODY = {"$ref": "#/components/schemas/ErrorBody"}
# The operations that need a session, and so the cookie.
WITH_SESSION = {
    ("get", "/api/auth/me"),
    ("put", "/api/auth/profile"),
    ("put", "/api/auth/password"),
    ("get", "/api/enrollments"),
    ("post", "/api/enrollments"),
    ("get", "/api/enrollments/{enrollment_id}/progress"),
    ("post", "/api/progress"),
    ("put", "/api/lessons/{lesson_id}/position"),
    # Optional there: a preview lesson answers visitors too.
    ("get", "/api/lessons/{lesson_id}"),
    ("get", "/api/orders"),
    ("post", "/api/orders"),
    ("post", "/api/orders/quote"),
    ("get", "/api/orders/{order_id}/receipt"),
    ("get", "/api/cart"),
    ("put", "/api/cart"),
    ("post", "/api/cart/merge"),
    ("get", "/api/assets/{asset_id}/download"),
    ("get", "/api/admin/sales"),
    ("get", "/api/admin/sales.csv"),
    ("get", "/api/admin/stats/courses"),
    ("get", "/api/admin/learners"),
    ("get", "/api/admin/learners/{user_id}/enrollments"),
    ("delete", "/api/admin/learners/{user_id}/sessions"),
    ("put", "/api/admin/users/{user_id}/role"),
    ("post", "/api/admin/uploads"),
    ("get", "/api/admin/uploads"),
    ("put", "/api/admin/uploads/{upload_id}"),
    ("get", "/api/admin/uploads/{upload_id}"),
    ("get", "/api/admin/orders"),
    ("get", "/api/admin/orders/{order_id}"),
    ("post", "/api/admin/orders/{order_id}/refunds"),
    ("get", "/api/admin/coupons"),
    ("post", "/api/admin/coupons"),
    ("delete", "/api/admin/coupons/{coupon_id}"),
    # Authoring (gateway/routes/admin_catalog.py).
    ("get", "/api/admin/courses"),
    ("post", "/api/admin/courses"),
    ("get", "/api/admin/courses/{course_id}"),
    ("put", "/api/admin/courses/{course_id}"),
    ("delete", "/api/admin/courses/{course_id}"),
    ("post", "/api/admin/courses/{course_id}/lessons"),
    ("put", "/api/admin/courses/{course_id}/outline"),
    ("put", "/api/admin/lessons/{lesson_id}"),
    ("delete", "/api/admin/lessons/{lesson_id}"),
    ("get", "/api/admin/assets"),
    ("post", "/api/admin/assets"),
    ("put", "/api/admin/assets/{asset_id}"),
    ("delete", "/api/admin/assets/{asset_id}"),
}
# The operations that call no service, or catch what a call raises.
WITHOUT_RPC = {("get", "/api/health"), ("get", "/api/ready")}


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    web_dist_dir = str(tmp_path_factory.mktemp("no-web"))
    settings = Settings(session_secret="s", web_dist_dir=web_dist_dir, log_level="WARNING")
    # As served, from an app whose RPC client never started.
    return TestClient(create_app(settings)).get("/api/openapi.json").json()


def operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield method, path, operation


def test_no_operation_documents_fastapis_422(document):
    for method, path, operation in operations(document):
        if (method, path) != ("post", "/api/orders"):  # its own 422: a reused Idempotency-Key
            assert "422" not in operation["responses"], (method, path)
    assert "HTTPValidationError" not in document["components"]["schemas"]
    assert "ValidationError" not in document["components"]["schemas"]


def test_every_error_has_the_one_error_body(document):
    for method, path, operation in operations(document):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                assert response["content"]["application/json"]["schema"] == ERROR_BODY, (method, path, status)
    assert set(document["components"]["schemas"]["ErrorBody"]["properties"]) == {"message", "code", "details"}


def test_operations_with_a_body_document_400_and_413(document):
    with_body = [(m, p, op) for m, p, op in operations(document) if "requestBody" in op]
    assert len(with_body) == 25
    for method, path, operation in with_body:
        assert {"400", "413"} <= set(operation["responses"]), (method, path)


def test_operations_that_call_a_service_document_500_503_504(document):
    for method, path, operation in operations(document):
        if (method, path) not in WITHOUT_RPC:
            assert {"500", "503", "504"} <= set(operation["responses"]), (method, path)
    assert set(document["paths"]["/api/ready"]["get"]["responses"]) == {"200", "503"}


def test_the_session_cookie_is_a_security_scheme_of_the_operations_that_need_it(document):
    scheme = document["components"]["securitySchemes"]["session"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "cookie", "session")
    secured = {(m, p) for m, p, op in operations(document) if op.get("security") == [{"session": []}]}
    assert secured == WITH_SESSION
    for method, path, operation in operations(document):
        if (method, path) in WITH_SESSION:
            assert "401" in operation["responses"], (method, path)


def test_one_route_documents_exactly_what_it_answers(document):
    responses = document["paths"]["/api/enrollments"]["post"]["responses"]
    assert sorted(responses) == ["201", "400", "401", "402", "404", "409", "413", "500", "503", "504"]


def test_checkout_documents_its_idempotency_key_and_422(document):
    operation = document["paths"]["/api/orders"]["post"]
    (header,) = [p for p in operation["parameters"] if p["in"] == "header"]
    assert (header["name"], header["required"], header["schema"]["anyOf"][0]["maxLength"]) == (
        "Idempotency-Key",
        False,
        255,
    )
    assert operation["responses"]["422"]["content"]["application/json"]["schema"] == ERROR_BODY


def test_the_cookie_name_is_the_configured_one_in_the_document_and_on_the_wire(tmp_path):
    app = create_app(Settings(session_secret="s", session_cookie_name="sid", web_dist_dir=str(tmp_path)))
    assert app.openapi()["components"]["securitySchemes"]["session"]["name"] == "sid"

    class Rpc:
        async def call(self, service, method, token):
            return {"id": "u1", "username": "ann", "email": "a@x.io", "role": "learner", "createdAt": "2026-01-01T00:00:00Z"}

    app.dependency_overrides[get_rpc] = Rpc
    client = TestClient(app)
    client.cookies.set("sid", cookies.sign("s", "token"))
    assert client.get("/api/auth/me").status_code == 200


def test_the_cached_catalog_reads_document_their_304(document):
    cached = {("get", "/api/courses"), ("get", "/api/courses/{slug}"), ("get", "/api/assets"), ("get", "/api/assets/{asset_id}")}
    for method, path, operation in operations(document):
        not_modified = operation["responses"].get("304")
        if (method, path) in cached:
            assert "content" not in not_modified and "ETag" in not_modified["headers"], (method, path)
        else:
            assert not_modified is None, (method, path)
