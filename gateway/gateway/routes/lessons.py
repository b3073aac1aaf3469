from fastapi import APIRouter, Response, status

from gateway.deps import CurrentUser, Rpc
from gateway.models import PositionUpdate
from gateway.openapi import errors

router = APIRouter(prefix="/api/lessons", tags=["learning"])


@router.put(
    "/{lesson_id}/position",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=errors(401, 402, 404, body=True),
)
async def save_position(lesson_id: str, body: PositionUpdate, user: CurrentUser, rpc: Rpc):
    """Where the caller is in a lesson's video (``{"seconds"}``); at 90 % of it
    the lesson is completed, as POST /api/progress does. 400 a position that
    is negative, not a number or past the end; 402 a paid course not bought;
    404 an unknown lesson, or a free course not enrolled in."""
    await rpc.call("learning", "save_position", user["id"], lesson_id, body.seconds)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
