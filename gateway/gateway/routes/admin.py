"""Staff routes (/api/admin). The gateway refuses a caller without the role
(gateway.deps.AdminActor) and passes the caller as ``actor``; the service
that owns the data checks the role again (shared/roles.py), so that these
are refused to a learner (403) however the call reaches the service."""

from fastapi import APIRouter, Query

from gateway.deps import AdminActor, Rpc
from gateway.openapi import errors
from shared.contracts.staff import LearnerLookup, RoleUpdate, SalesOverview, SessionsEnded
from shared.contracts.auth import UserEnvelope

router = APIRouter(prefix="/api/admin", tags=["admin"])


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


@router.get("/learners", response_model=LearnerLookup, responses=errors(400, 401, 403, 404))
async def find_learner(actor: AdminActor, rpc: Rpc, email: str = Query(max_length=254)):
    """The account with this email and its number of live sessions. Admins only."""
    return await rpc.call("auth", "find_user", actor, email)


@router.delete("/learners/{user_id}/sessions", response_model=SessionsEnded, responses=errors(401, 403, 404))
async def end_learner_sessions(user_id: str, actor: AdminActor, rpc: Rpc):
    """End every session of the account (it must log in again). Admins only."""
    return {"ended": await rpc.call("auth", "end_user_sessions", actor, user_id)}


@router.put("/users/{user_id}/role", response_model=UserEnvelope, responses=errors(401, 403, 404, 409, body=True))
async def set_role(user_id: str, body: RoleUpdate, actor: AdminActor, rpc: Rpc):
    """Make the account a learner, an instructor or an admin. 409 for the last
    admin giving up the role. Admins only."""
    return {"user": await rpc.call("auth", "set_role", actor, user_id, body.role)}
