from fastapi import APIRouter

from gateway.deps import Rpc
from gateway.models import CourseDetail, CourseList
from gateway.openapi import errors

router = APIRouter(prefix="/api/courses", tags=["courses"])


@router.get("", response_model=CourseList, responses=errors())
async def list_courses(rpc: Rpc):
    """All courses, by level."""
    return {"courses": await rpc.call("catalog", "list_courses")}


@router.get("/{slug}", response_model=CourseDetail, responses=errors(404))
async def get_course(slug: str, rpc: Rpc):
    """A course and its lessons, by module then lesson number. 404 unknown slug."""
    return await rpc.call("catalog", "get_course_by_slug", slug)
