from fastapi import APIRouter, Request

from gateway.deps import Cached, Rpc
from gateway.models import CourseDetail, CourseList
from gateway.openapi import cached

router = APIRouter(prefix="/api/courses", tags=["courses"])

# Public and the same for every caller: answered from the gateway's cache
# (gateway/catalog_cache.py), with an ETag; 304 for a matching If-None-Match.


@router.get("", response_model=CourseList, responses=cached())
async def list_courses(request: Request, rpc: Rpc, cache: Cached):
    """All courses, by level."""

    async def fetch():
        return {"courses": await rpc.call("catalog", "list_courses")}

    return await cache.answer(request, CourseList, fetch)


@router.get("/{slug}", response_model=CourseDetail, responses=cached(404))
async def get_course(slug: str, request: Request, rpc: Rpc, cache: Cached):
    """A course and its lessons, by module then lesson number. 404 unknown slug."""
    return await cache.answer(request, CourseDetail, lambda: rpc.call("catalog", "get_course_by_slug", slug))
