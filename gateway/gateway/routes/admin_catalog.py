"""Staff's authoring of the catalogue (/api/admin/courses, lessons, assets):
instructors and admins. The gateway refuses any other caller first
(gateway.deps.StaffActor); catalog checks the role again (shared/roles.py),
the fields (shared/contracts/authoring.py) and announces every change, which
drops the gateway's cached catalogue answers."""

from fastapi import APIRouter, Response, status

from gateway.deps import Rpc, StaffActor
from gateway.openapi import errors
from shared.contracts.authoring import (
    AdminAssetEnvelope,
    AdminAssetList,
    AdminCourseDetail,
    AdminCourseEnvelope,
    AdminCourseList,
    AdminLessonEnvelope,
    AssetWrite,
    CourseWrite,
    LessonCreate,
    LessonUpdate,
    OutlineUpdate,
)

router = APIRouter(prefix="/api/admin", tags=["admin"])


def _given(body) -> dict:
    """The fields the caller sent, by wire name (an omitted one may mean "keep")."""
    return body.model_dump(mode="json", by_alias=True, exclude_unset=True)


def _no_content() -> Response:
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/courses", response_model=AdminCourseList, responses=errors(401, 403))
async def list_courses(actor: StaffActor, rpc: Rpc):
    """Every course not deleted, drafts included, by level. Staff only."""
    return {"courses": await rpc.call("catalog", "admin_list_courses", actor)}


@router.post(
    "/courses", status_code=status.HTTP_201_CREATED, response_model=AdminCourseEnvelope,
    responses=errors(401, 403, 409, body=True),
)
async def create_course(body: CourseWrite, actor: StaffActor, rpc: Rpc):
    """A new course, a draft unless ``status`` is "published". 409
    ``SLUG_TAKEN``. Staff only."""
    return {"course": await rpc.call("catalog", "create_course", actor, _given(body))}


@router.get("/courses/{course_id}", response_model=AdminCourseDetail, responses=errors(401, 403, 404))
async def get_course(course_id: str, actor: StaffActor, rpc: Rpc):
    """A course and its lessons (drafts included), by module then lesson
    number. 404 unknown or deleted. Staff only."""
    return await rpc.call("catalog", "admin_get_course", actor, course_id)


@router.put("/courses/{course_id}", response_model=AdminCourseEnvelope, responses=errors(401, 403, 404, 409, body=True))
async def update_course(course_id: str, body: CourseWrite, actor: StaffActor, rpc: Rpc):
    """Every field of the course (an omitted ``badge`` or ``status`` stays).
    A new price applies to later orders only. 409 ``SLUG_TAKEN``. Staff only."""
    return {"course": await rpc.call("catalog", "update_course", actor, course_id, _given(body))}


@router.delete("/courses/{course_id}", status_code=status.HTTP_204_NO_CONTENT, responses=errors(401, 403, 404))
async def delete_course(course_id: str, actor: StaffActor, rpc: Rpc):
    """Delete the course (soft): gone from the store and staff's lists;
    learners enrolled keep it. Staff only."""
    await rpc.call("catalog", "delete_course", actor, course_id)
    return _no_content()


@router.post(
    "/courses/{course_id}/lessons", status_code=status.HTTP_201_CREATED, response_model=AdminLessonEnvelope,
    responses=errors(401, 403, 404, 409, body=True),
)
async def create_lesson(course_id: str, body: LessonCreate, actor: StaffActor, rpc: Rpc):
    """A new lesson of the course, a draft unless ``status`` is "published".
    409 ``LESSON_NUMBER_TAKEN``. Staff only."""
    return {"lesson": await rpc.call("catalog", "create_lesson", actor, course_id, _given(body))}


@router.put("/courses/{course_id}/outline", response_model=AdminCourseDetail, responses=errors(401, 403, 404, body=True))
async def set_outline(course_id: str, body: OutlineUpdate, actor: StaffActor, rpc: Rpc):
    """Order and name the modules, order their lessons: modules are numbered
    1..n as listed, lessons 1..k in each. It must name every lesson of the
    course exactly once, or nothing changes (400 ``OUTLINE_MISMATCH``).
    Staff only."""
    return await rpc.call("catalog", "set_outline", actor, course_id, _given(body))


@router.put("/lessons/{lesson_id}", response_model=AdminLessonEnvelope, responses=errors(401, 403, 404, 409, body=True))
async def update_lesson(lesson_id: str, body: LessonUpdate, actor: StaffActor, rpc: Rpc):
    """The fields given change, the others stay. 409 ``LESSON_NUMBER_TAKEN``.
    Staff only."""
    return {"lesson": await rpc.call("catalog", "update_lesson", actor, lesson_id, _given(body))}


@router.delete("/lessons/{lesson_id}", status_code=status.HTTP_204_NO_CONTENT, responses=errors(401, 403, 404))
async def delete_lesson(lesson_id: str, actor: StaffActor, rpc: Rpc):
    """Delete the lesson (soft): it leaves its course. Staff only."""
    await rpc.call("catalog", "delete_lesson", actor, lesson_id)
    return _no_content()


@router.get("/assets", response_model=AdminAssetList, responses=errors(401, 403))
async def list_assets(actor: StaffActor, rpc: Rpc):
    """Every asset not deleted, drafts included, in the store's order. Staff only."""
    return {"assets": await rpc.call("catalog", "admin_list_assets", actor)}


@router.post(
    "/assets", status_code=status.HTTP_201_CREATED, response_model=AdminAssetEnvelope,
    responses=errors(401, 403, 409, body=True),
)
async def create_asset(body: AssetWrite, actor: StaffActor, rpc: Rpc):
    """A new asset, a draft unless ``status`` is "published". 409
    ``ASSET_TITLE_TAKEN``. Staff only."""
    return {"asset": await rpc.call("catalog", "create_asset", actor, _given(body))}


@router.put("/assets/{asset_id}", response_model=AdminAssetEnvelope, responses=errors(401, 403, 404, 409, body=True))
async def update_asset(asset_id: str, body: AssetWrite, actor: StaffActor, rpc: Rpc):
    """Every field of the asset (an omitted ``badge``, ``imageUrl``,
    ``fileSize`` or ``status`` stays). A new price applies to later orders
    only. 409 ``ASSET_TITLE_TAKEN``. Staff only."""
    return {"asset": await rpc.call("catalog", "update_asset", actor, asset_id, _given(body))}


@router.delete("/assets/{asset_id}", status_code=status.HTTP_204_NO_CONTENT, responses=errors(401, 403, 404))
async def delete_asset(asset_id: str, actor: StaffActor, rpc: Rpc):
    """Delete the asset (soft): gone from the store and staff's list. Staff only."""
    await rpc.call("catalog", "delete_asset", actor, asset_id)
    return _no_content()
