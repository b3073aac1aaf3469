"""The certificate and receipt routes with a fake RPC client: status codes,
and PDFs whose text says what the services answered."""

import io

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from gateway import cookies
from gateway.app import create_app
from gateway.deps import get_rpc, get_throttle
from shared.errors import NotFound
from shared.settings import Settings
from tests.support.gateway_fakes import USER, FakeRpc, FakeThrottle

CERTIFICATE = {
    "code": "7K3M9QZ2HX0A",
    "learnerName": "ann",
    "courseTitle": "MASTER THE GOOGLE ECOSYSTEM",
    "completedAt": "2026-12-01T09:30:00Z",
}
ORDER_ID = "0b6f1c7e-8a4d-4f53-9a1e-2f3b4c5d6e7f"
RECEIPT = {
    "id": ORDER_ID,
    "userId": USER["id"],
    "totalAmount": "178.00",
    "status": "completed",
    "createdAt": "2026-12-01T09:30:00Z",
    "discount": "0.00",
    "couponCode": None,
    "items": [
        {"id": "1c9d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "orderId": ORDER_ID, "itemType": "course",
         "itemId": "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a", "price": "149.00", "title": "MASTER THE GOOGLE ECOSYSTEM"},
        {"id": "3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b", "orderId": ORDER_ID, "itemType": "asset",
         "itemId": "4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f6a7b8c", "price": "29.00", "title": "CYBERPUNK TEXTURES VOL. 1"},
    ],
}


@pytest.fixture
def settings(tmp_path):
    return Settings(
        session_secret="s", web_dist_dir=str(tmp_path), log_level="WARNING", public_url="https://studio.example/"
    )


@pytest.fixture
def make_client(settings):
    def make(answers, logged_in=False):
        app = create_app(settings)
        rpc = FakeRpc({("auth", "resolve_session"): USER, **answers})
        app.dependency_overrides[get_rpc] = lambda: rpc
        app.dependency_overrides[get_throttle] = FakeThrottle
        client = TestClient(app, raise_server_exceptions=False)
        if logged_in:
            client.cookies.set("session", cookies.sign(settings.session_secret, "token"))
        client.rpc = rpc
        return client

    return make


def pdf_text(response) -> str:
    assert response.headers["content-type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_a_certificate_is_public(make_client):
    client = make_client({("learning", "get_certificate"): CERTIFICATE})
    response = client.get("/api/certificates/7k3m-9qz2-hx0a")
    assert response.status_code == 200 and response.json() == CERTIFICATE
    assert [call[:3] for call in client.rpc.calls] == [("learning", "get_certificate", ("7k3m-9qz2-hx0a",))]


def test_a_certificate_pdf_names_learner_course_and_the_public_address_that_verifies_it(make_client):
    client = make_client({("learning", "get_certificate"): CERTIFICATE})
    response = client.get("/api/certificates/7K3M9QZ2HX0A/pdf")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        'attachment; filename="infinite-studio-certificate-7K3M9QZ2HX0A.pdf"'
    )
    text = pdf_text(response)
    for expected in ("ann", "MASTER THE GOOGLE ECOSYSTEM", "1 December 2026", "7K3M9QZ2HX0A",
                     "https://studio.example/certificates/7K3M9QZ2HX0A"):
        assert expected in text


@pytest.mark.parametrize("path", ["/api/certificates/NOPE", "/api/certificates/NOPE/pdf"])
def test_an_unknown_certificate_is_a_json_404(make_client, path):
    missing = NotFound("Certificate not found", code="CERTIFICATE_NOT_FOUND")
    response = make_client({("learning", "get_certificate"): missing}).get(path)
    assert response.status_code == 404
    assert response.json() == {"message": "Certificate not found", "code": "CERTIFICATE_NOT_FOUND", "details": None}


def test_a_receipt_is_the_callers_order_with_the_caller_as_buyer(make_client):
    client = make_client({("commerce", "get_receipt"): RECEIPT}, logged_in=True)
    response = client.get(f"/api/orders/{ORDER_ID}/receipt")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"  # someone's purchases
    assert client.rpc.calls[-1][:3] == ("commerce", "get_receipt", (USER["id"], ORDER_ID))
    text = pdf_text(response)
    for expected in (ORDER_ID, "ann <ann@x.io>", "MASTER THE GOOGLE ECOSYSTEM", "$149.00",
                     "CYBERPUNK TEXTURES VOL. 1", "$29.00", "$178.00"):
        assert expected in text


def test_a_receipt_needs_a_session_and_someone_elses_order_is_a_404(make_client):
    anonymous = make_client({})
    assert anonymous.get(f"/api/orders/{ORDER_ID}/receipt").status_code == 401
    assert anonymous.rpc.calls == []
    missing = NotFound("Order not found", code="ORDER_NOT_FOUND")
    response = make_client({("commerce", "get_receipt"): missing}, logged_in=True).get(f"/api/orders/{ORDER_ID}/receipt")
    assert response.status_code == 404 and response.json()["code"] == "ORDER_NOT_FOUND"


def test_the_pdf_routes_are_documented_as_pdf_with_their_errors(make_client):
    paths = make_client({}).get("/api/openapi.json").json()["paths"]
    for path, statuses in (
        ("/api/certificates/{code}/pdf", {"200", "404", "500", "503", "504"}),
        ("/api/orders/{order_id}/receipt", {"200", "401", "404", "500", "503", "504"}),
    ):
        responses = paths[path]["get"]["responses"]
        assert set(responses) == statuses
        assert list(responses["200"]["content"]) == ["application/pdf"]
