"""The HTTP contract: request bodies (validated here) and response shapes
(documented in the OpenAPI page). Field names are camelCase on the wire,
money is a string like "149.00", ids are UUID strings."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator, model_validator
from pydantic.alias_generators import to_camel


class ApiModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)

    @field_validator("*", mode="after")
    @classmethod
    def no_nul_characters(cls, value):
        # PostgreSQL text cannot hold NUL: refuse it here as bad input.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


# -- requests ------------------------------------------------------------------


class UserRegister(ApiModel):
    username: str = Field(max_length=64)
    email: str = Field(max_length=254)
    password: str = Field(max_length=1024)


class UserLogin(ApiModel):
    email: str = Field(max_length=254)
    password: str = Field(max_length=1024)


class ProfileUpdate(ApiModel):
    username: str | None = Field(default=None, max_length=64)
    email: str | None = Field(default=None, max_length=254)

    @model_validator(mode="after")
    def something_to_change(self):
        if self.username is None and self.email is None:
            raise ValueError("give a username or an email to change")
        return self


class EnrollmentCreate(ApiModel):
    course_id: str = Field(max_length=64)


class ProgressUpdate(ApiModel):
    enrollment_id: str = Field(max_length=64)
    lesson_id: str = Field(max_length=64)
    completed: StrictBool


class OrderItemCreate(ApiModel):
    # Anything price-like the client sends is ignored: prices come from catalog.
    item_type: Literal["course", "asset"]
    item_id: str = Field(max_length=64)


class OrderCreate(ApiModel):
    items: list[OrderItemCreate] = Field(min_length=1, max_length=50)


# -- responses -----------------------------------------------------------------


class UserPublic(ApiModel):
    id: str
    username: str
    email: str
    created_at: str


class UserEnvelope(ApiModel):
    user: UserPublic


class CoursePublic(ApiModel):
    id: str
    title: str
    slug: str
    description: str
    short_description: str
    price: str
    level: str
    duration: str
    lessons_count: int
    badge: str | None
    color: str


class LessonPublic(ApiModel):
    id: str
    course_id: str
    module_number: int
    module_name: str
    lesson_number: int
    title: str
    video_url: str | None
    duration: int | None


class CourseList(ApiModel):
    courses: list[CoursePublic]


class CourseDetail(ApiModel):
    course: CoursePublic
    lessons: list[LessonPublic]


class AssetPublic(ApiModel):
    id: str
    title: str
    description: str
    price: str
    category: str
    badge: str | None
    image_url: str | None
    file_format: str
    file_size: str | None
    color: str


class AssetList(ApiModel):
    assets: list[AssetPublic]


class AssetEnvelope(ApiModel):
    asset: AssetPublic


class EnrollmentPublic(ApiModel):
    id: str
    user_id: str
    course_id: str
    enrolled_at: str


class Progress(ApiModel):
    total: int
    completed: int
    percentage: int


class EnrollmentWithProgress(EnrollmentPublic):
    course: CoursePublic | None
    progress: Progress


class EnrollmentList(ApiModel):
    enrollments: list[EnrollmentWithProgress]


class EnrollmentEnvelope(ApiModel):
    enrollment: EnrollmentPublic


class LessonProgressPublic(ApiModel):
    id: str
    enrollment_id: str
    lesson_id: str
    completed: bool
    completed_at: str | None


class LessonProgressList(ApiModel):
    progress: list[LessonProgressPublic]


class LessonProgressEnvelope(ApiModel):
    progress: LessonProgressPublic


class OrderPublic(ApiModel):
    id: str
    user_id: str
    total_amount: str
    status: str
    created_at: str


class OrderItemPublic(ApiModel):
    id: str
    order_id: str
    item_type: str
    item_id: str
    price: str


class OrderCreated(ApiModel):
    order: OrderPublic
    items: list[OrderItemPublic]


class OrderWithItems(OrderPublic):
    items: list[OrderItemPublic]


class OrderList(ApiModel):
    orders: list[OrderWithItems]


class ErrorBody(ApiModel):
    message: str
    code: str
    details: dict | None = None
