from fastapi import APIRouter, Response, status

from gateway import media_urls
from gateway.deps import CurrentUser, OptionalUser, Rpc, SessionToken, SettingsDep
from gateway.models import LessonOpened, PositionUpdate
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


@router.get("/{lesson_id}", response_model=LessonOpened, responses=errors(401, 402, 404))
async def open_lesson(
    lesson_id: str, user: OptionalUser, token: SessionToken, rpc: Rpc, settings: SettingsDep
):
    """A lesson to watch: ``{lesson, notes, playback, position}``; playback
    (signed HLS and poster URLs) once its video is ready. A preview answers
    anyone; 401 another lesson without a session, 402 a paid course not
    bought, 404 an unknown lesson."""
    opened = await rpc.call("learning", "open_lesson", user and user["id"], lesson_id)
    lesson, keys = opened["lesson"], None
    if (lesson["video"] or {}).get("status") == "ready":
        keys = await rpc.call("media", "get_playback", "lesson", lesson["id"])
    bound_to = None if lesson["preview"] else user["id"]
    return {**opened, "playback": keys and media_urls.playback(settings, keys, bound_to, token)}
