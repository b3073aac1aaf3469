"""Staff routes (/api/admin). The gateway refuses a caller without the role
(gateway.deps.AdminActor) and passes the caller as ``actor``; the service
that owns the data checks the role again (shared/roles.py), so that these
are refused to a learner (403) however the call reaches the service."""

import csv
import io

from fastapi import APIRouter, Query
from starlette.responses import Response

from gateway.deps import AdminActor, Rpc
from gateway.openapi import errors
from shared.contracts.staff import (
    CourseStatsList,
    LearnerEnrollmentList,
    LearnerLookup,
    RoleUpdate,
    SalesDay,
    SalesOverview,
    SessionsEnded,
)
from shared.contracts.auth import UserEnvelope

router = APIRouter(prefix="/api/admin", tags=["admin"])


class CsvResponse(Response):
    # Starlette adds "; charset=utf-8" to a text/* type.
    media_type = "text/csv"


# The columns of sales.csv: SalesDay's fields in order, by their JSON names,
# so that a field added to the model is a column without more code.
SALES_COLUMNS = [field.alias or name for name, field in SalesDay.model_fields.items()]


@router.get("/sales", response_model=SalesOverview, responses=errors(400, 401, 403))
async def sales_overview(
    actor: AdminActor,
    rpc: Rpc,
    date_from: str | None = Query(None, alias="from", max_length=10, description="First UTC day, YYYY-MM-DD"),
    date_to: str | None = Query(None, alias="to", max_length=10, description="Last UTC day, YYYY-MM-DD"),
):
    """Revenue and orders per day over the period (both ends included; by
    default the last 30 days; at most 366), units and revenue per course and
    asset. Admins only."""
    return await rpc.call("commerce", "sales_overview", actor, date_from, date_to)


@router.get(
    "/sales.csv",
    response_class=CsvResponse,
    responses={
        200: {
            "description": "One row per day of the period, after a header row of the columns"
            " (the JSON names of the days of GET /api/admin/sales)",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
        **errors(400, 401, 403),
    },
)
async def sales_csv(
    actor: AdminActor,
    rpc: Rpc,
    date_from: str | None = Query(None, alias="from", max_length=10, description="First UTC day, YYYY-MM-DD"),
    date_to: str | None = Query(None, alias="to", max_length=10, description="Last UTC day, YYYY-MM-DD"),
):
    """The days of GET /api/admin/sales as a CSV file (the same period rules
    and errors), named after its period. Admins only."""
    overview = SalesOverview.from_wire(await rpc.call("commerce", "sales_overview", actor, date_from, date_to))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(SALES_COLUMNS)
    for day in overview.days:
        wire = day.model_dump(mode="json", by_alias=True)
        writer.writerow([wire[column] for column in SALES_COLUMNS])
    file_name = f"sales-{overview.from_}-to-{overview.to}.csv"
    return CsvResponse(out.getvalue(), headers={"Content-Disposition": f'attachment; filename="{file_name}"'})


@router.get("/stats/courses", response_model=CourseStatsList, responses=errors(401, 403))
async def course_stats(actor: AdminActor, rpc: Rpc):
    """Enrollments, completions and the completion rate (0..1) per course
    with at least one enrollment; revoked (refunded) enrollments are not
    counted. Admins only."""
    return {"courses": await rpc.call("learning", "course_stats", actor)}


@router.get("/learners", response_model=LearnerLookup, responses=errors(400, 401, 403, 404))
async def find_learner(actor: AdminActor, rpc: Rpc, email: str = Query(max_length=254)):
    """The account with this email and its number of live sessions. Admins only."""
    return await rpc.call("auth", "find_user", actor, email)


@router.get("/learners/{user_id}/enrollments", response_model=LearnerEnrollmentList, responses=errors(401, 403))
async def learner_enrollments(user_id: str, actor: AdminActor, rpc: Rpc):
    """The learner's enrollments with their progress, revoked (refunded)
    ones included with ``revokedAt``; empty for an id without any. Admins only."""
    return {"enrollments": await rpc.call("learning", "learner_enrollments", actor, user_id)}


@router.delete("/learners/{user_id}/sessions", response_model=SessionsEnded, responses=errors(401, 403, 404))
async def end_learner_sessions(user_id: str, actor: AdminActor, rpc: Rpc):
    """End every session of the account (it must log in again). Admins only."""
    return {"ended": await rpc.call("auth", "end_user_sessions", actor, user_id)}


@router.put("/users/{user_id}/role", response_model=UserEnvelope, responses=errors(401, 403, 404, 409, body=True))
async def set_role(user_id: str, body: RoleUpdate, actor: AdminActor, rpc: Rpc):
    """Make the account a learner, an instructor or an admin. 409 for the last
    admin giving up the role. Admins only."""
    return {"user": await rpc.call("auth", "set_role", actor, user_id, body.role)}
