from fastapi import APIRouter, status

from gateway.deps import CurrentUser, Rpc
from gateway.models import (
    EnrollmentCreate,
    EnrollmentEnvelope,
    EnrollmentList,
    LessonProgressEnvelope,
    LessonProgressList,
    ProgressUpdate,
)
from gateway.openapi import errors

router = APIRouter(prefix="/api", tags=["learning"])


@router.get("/enrollments", response_model=EnrollmentList, responses=errors(401))
async def list_enrollments(user: CurrentUser, rpc: Rpc):
    """The caller's enrollments, each with its course and progress
    ``{total, completed, percentage}``. 401 without a session."""
    return {"enrollments": await rpc.call("learning", "list_enrollments", user["id"])}


@router.post(
    "/enrollments",
    status_code=status.HTTP_201_CREATED,
    response_model=EnrollmentEnvelope,
    responses=errors(401, 402, 404, 409, body=True),
)
async def enroll(body: EnrollmentCreate, user: CurrentUser, rpc: Rpc):
    """Enroll in a course. 404 unknown course, 409 already enrolled, 402 a
    paid course not bought (buying one enrolls by itself)."""
    return {"enrollment": await rpc.call("learning", "enroll", user["id"], body.course_id)}


@router.get(
    "/enrollments/{enrollment_id}/progress", response_model=LessonProgressList, responses=errors(401, 404)
)
async def list_progress(enrollment_id: str, user: CurrentUser, rpc: Rpc):
    """The lesson progress rows of one of the caller's enrollments. 404 if
    it is unknown or someone else's."""
    return {"progress": await rpc.call("learning", "list_progress", user["id"], enrollment_id)}


@router.post("/progress", response_model=LessonProgressEnvelope, responses=errors(401, 404, body=True))
async def set_progress(body: ProgressUpdate, user: CurrentUser, rpc: Rpc):
    """Mark a lesson completed or not (creates or toggles its row). 404
    enrollment unknown or someone else's, or unknown lesson; 400 a lesson of
    another course."""
    row = await rpc.call(
        "learning", "set_lesson_progress", user["id"], body.enrollment_id, body.lesson_id, body.completed
    )
    return {"progress": row}
