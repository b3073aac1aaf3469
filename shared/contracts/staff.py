"""What staff read and change under /api/admin (shared/roles.py says who)."""

from pydantic import Field

from shared.contracts.auth import Role, UserPublic
from shared.contracts.base import ID_MAX_LENGTH, ApiModel, Money, Timestamp
from shared.contracts.catalog import ItemType
from shared.contracts.learning import EnrollmentWithProgress


class RoleUpdate(ApiModel):
    role: Role


class LearnerLookup(ApiModel):
    user: UserPublic
    # Live sessions, which DELETE /api/admin/learners/{id}/sessions ends.
    sessions: int


class SessionsEnded(ApiModel):
    ended: int


class SalesDay(ApiModel):
    date: str = Field(description="A UTC day, YYYY-MM-DD")
    orders: int
    revenue: Money
    refunds: int = Field(description="Refunds made that day")
    refunded: Money = Field(description="The money they gave back")


class SalesItem(ApiModel):
    item_type: ItemType
    item_id: str = Field(max_length=ID_MAX_LENGTH)
    units: int
    revenue: Money


class SalesOverview(ApiModel):
    # "from" is a Python keyword: the field is from_ on this side.
    from_: str = Field(alias="from")
    to: str
    orders: int
    revenue: Money
    refunds: int
    refunded: Money
    days: list[SalesDay]
    items: list[SalesItem]


class CourseStats(ApiModel):
    """A course's enrollments as learning counts them (revoked ones left out)."""

    course_id: str
    # From catalog; None for a course catalog no longer knows.
    title: str | None
    enrollments: int
    # Enrollments that finished the course (their certificate was issued).
    completed: int
    completion_rate: float = Field(ge=0, le=1, description="completed / enrollments")


class CourseStatsList(ApiModel):
    courses: list[CourseStats]


class LearnerEnrollment(EnrollmentWithProgress):
    """An enrollment as staff see it: revoked ones too (a refund), with when."""

    revoked_at: Timestamp | None


class LearnerEnrollmentList(ApiModel):
    enrollments: list[LearnerEnrollment]
