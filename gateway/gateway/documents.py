"""The school's PDF documents (shared/pdf.py) as HTTP responses, drawn from
what the services answer.

Drawing one takes about 50 ms of CPU, so it runs in a worker thread and the
event loop goes on serving meanwhile. It is drawn here rather than in the
owning service because a Nameko service is one eventlet thread: the drawing
would stall every worker of that process, and ``eventlet.tpool`` cannot take
it (fontTools logs through locks that eventlet has made green, which a real
thread cannot take).
"""

from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from shared import pdf
from shared.contracts.commerce import Receipt
from shared.contracts.learning import CertificatePublic


class PdfResponse(Response):
    media_type = "application/pdf"


# The ``responses=`` entry of a route that answers a PDF.
PDF_RESPONSES = {
    200: {
        "description": "A PDF document",
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    }
}


def verify_url(public_url: str, code: str) -> str:
    """The web app's page of a certificate, where anyone can check it."""
    return f"{public_url.rstrip('/')}/certificates/{code}"


async def certificate_pdf(certificate: dict, public_url: str) -> PdfResponse:
    """A certificate (as learning's ``get_certificate`` answers it) as a PDF."""
    found = CertificatePublic.from_wire(certificate)
    document = await run_in_threadpool(
        pdf.certificate,
        learner_name=found.learner_name,
        course_title=found.course_title,
        completed_at=found.completed_at,
        code=found.code,
        verify_url=verify_url(public_url, found.code),
    )
    return _attachment(document, f"infinite-studio-certificate-{found.code}.pdf")


async def receipt_pdf(receipt: dict, buyer: dict) -> PdfResponse:
    """An order's receipt (as commerce's ``get_receipt`` answers it) as a PDF;
    ``buyer`` is the session's user, whose order it is."""
    order = Receipt.from_wire(receipt)
    document = await run_in_threadpool(
        pdf.receipt,
        order_id=order.id,
        created_at=order.created_at,
        buyer_name=buyer["username"],
        buyer_email=buyer["email"],
        items=[(item.item_type, item.title, item.price) for item in order.items],
        total=order.total_amount,
    )
    # No cache keeps it: gateway.security marks every answer to a session no-store.
    return _attachment(document, f"infinite-studio-receipt-{order.id}.pdf")


def _attachment(document: bytes, file_name: str) -> PdfResponse:
    return PdfResponse(document, headers={"Content-Disposition": f'attachment; filename="{file_name}"'})
