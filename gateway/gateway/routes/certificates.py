from fastapi import APIRouter

from gateway import documents
from gateway.deps import Rpc, SettingsDep
from gateway.models import CertificatePublic
from gateway.openapi import errors

router = APIRouter(prefix="/api/certificates", tags=["learning"])


@router.get("/{code}", response_model=CertificatePublic, responses=errors(404))
async def get_certificate(code: str, rpc: Rpc):
    """A certificate by its public code, for anyone to verify: ``{code,
    learnerName, courseTitle, completedAt}``. The code may be typed in lower
    case or with dashes. 404 unknown code."""
    return await rpc.call("learning", "get_certificate", code)


@router.get(
    "/{code}/pdf",
    response_class=documents.PdfResponse,
    responses={**documents.PDF_RESPONSES, **errors(404)},
)
async def get_certificate_pdf(code: str, rpc: Rpc, settings: SettingsDep):
    """The certificate as a one-page PDF: learner, course, date, code and the
    address that verifies it. 404 unknown code."""
    certificate = await rpc.call("learning", "get_certificate", code)
    return await documents.certificate_pdf(certificate, settings.public_url)
