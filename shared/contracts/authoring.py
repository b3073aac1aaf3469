"""What staff write and read of the catalogue under /api/admin (owned by
``catalog``): courses, lessons and assets with their status, drafts included.

The limits here are those the catalog service enforces (catalog/authoring.py
checks them again, for a call that does not come through the gateway)."""

from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, Strict, StrictBool, StrictInt

from shared.contracts.base import ID_MAX_LENGTH, ApiModel, Timestamp
from shared.contracts.catalog import AssetPublic, CoursePublic, LessonWithNotes

Status = Literal["draft", "published"]

# Money as the API writes it: digits, a point, two decimals; within Numeric(10, 2).
MONEY_PATTERN = r"^\d{1,8}\.\d{2}$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_MAX = 64
TITLE_MAX = 200
SHORT_TEXT_MAX = 64
SHORT_DESCRIPTION_MAX = 300
DESCRIPTION_MAX = 5000
NOTES_MAX = 100_000
URL_MAX = 500
IMAGE_URL_PATTERN = r"^(/|https://)[^\s]+$"
NUMBER_MAX = 1000  # module and lesson numbers
LESSON_MINUTES_MAX = 10_000
OUTLINE_LESSONS_MAX = 2000


def _not_blank(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise ValueError("must not be blank")
    return value


def _whole_float(value):
    # JSON Schema's integer includes 3.0; never a string or a boolean.
    return int(value) if isinstance(value, float) and value.is_integer() else value


NotBlank = AfterValidator(_not_blank)
WholeNumber = Annotated[StrictInt, BeforeValidator(_whole_float)]
# The bounds first: so the document states them inside the anyOf with null.
Minutes = Annotated[int, Field(ge=0, le=LESSON_MINUTES_MAX), Strict(), BeforeValidator(_whole_float)]
LessonId = Annotated[str, Field(max_length=ID_MAX_LENGTH)]


def _text(max_length: int, **kwargs):
    return Field(min_length=1, max_length=max_length, **kwargs)


class AdminCourse(CoursePublic):
    status: Status
    updated_at: Timestamp


class AdminLesson(LessonWithNotes):
    status: Status


class AdminAsset(AssetPublic):
    status: Status


class CourseWrite(ApiModel):
    """The body of POST and PUT /api/admin/courses: every field (on PUT, an
    omitted ``badge`` or ``status`` keeps the course's)."""

    title: Annotated[str, NotBlank] = _text(TITLE_MAX)
    slug: str = Field(min_length=1, max_length=SLUG_MAX, pattern=SLUG_PATTERN)
    description: Annotated[str, NotBlank] = _text(DESCRIPTION_MAX)
    short_description: Annotated[str, NotBlank] = _text(SHORT_DESCRIPTION_MAX)
    price: str = Field(pattern=MONEY_PATTERN, examples=["149.00"])
    level: Annotated[str, NotBlank] = _text(SHORT_TEXT_MAX, examples=["01"])
    duration: Annotated[str, NotBlank] = _text(SHORT_TEXT_MAX, examples=["4.5 HOURS"])
    badge: Annotated[str | None, NotBlank] = Field(None, min_length=1, max_length=SHORT_TEXT_MAX)
    color: Annotated[str, NotBlank] = _text(SHORT_TEXT_MAX, examples=["electricBlue"])
    status: Status = "draft"


class LessonCreate(ApiModel):
    module_number: WholeNumber = Field(ge=1, le=NUMBER_MAX)
    module_name: Annotated[str, NotBlank] = _text(TITLE_MAX)
    lesson_number: WholeNumber = Field(ge=1, le=NUMBER_MAX)
    title: Annotated[str, NotBlank] = _text(TITLE_MAX)
    duration: Minutes | None = Field(None, description="Minutes")
    notes: str | None = Field(None, max_length=NOTES_MAX, description="Markdown")
    preview: StrictBool = False
    status: Status = "draft"


class LessonUpdate(ApiModel):
    """PUT /api/admin/lessons/{id}: the fields given change, the others stay
    (only ``duration`` and ``notes`` may be set to null)."""

    module_number: WholeNumber = Field(None, ge=1, le=NUMBER_MAX)
    module_name: Annotated[str, NotBlank] = _text(TITLE_MAX, default=None)
    lesson_number: WholeNumber = Field(None, ge=1, le=NUMBER_MAX)
    title: Annotated[str, NotBlank] = _text(TITLE_MAX, default=None)
    duration: Minutes | None = Field(None, description="Minutes")
    notes: str | None = Field(None, max_length=NOTES_MAX, description="Markdown")
    preview: StrictBool = None
    status: Status = None


class OutlineModule(ApiModel):
    module_name: Annotated[str, NotBlank] = _text(TITLE_MAX)
    lesson_ids: list[LessonId] = Field(min_length=1, max_length=OUTLINE_LESSONS_MAX)


class OutlineUpdate(ApiModel):
    """Modules numbered 1..n in this order, their lessons 1..k: every live
    lesson of the course exactly once."""

    modules: list[OutlineModule] = Field(min_length=1, max_length=NUMBER_MAX)


class AssetWrite(ApiModel):
    """The body of POST and PUT /api/admin/assets (on PUT, an omitted
    ``badge``, ``imageUrl``, ``fileSize`` or ``status`` keeps the asset's)."""

    title: Annotated[str, NotBlank] = _text(TITLE_MAX)
    description: Annotated[str, NotBlank] = _text(DESCRIPTION_MAX)
    price: str = Field(pattern=MONEY_PATTERN, examples=["39.00"])
    category: Annotated[str, NotBlank] = _text(SHORT_TEXT_MAX)
    badge: Annotated[str | None, NotBlank] = Field(None, min_length=1, max_length=SHORT_TEXT_MAX)
    image_url: str | None = Field(
        None, max_length=URL_MAX, pattern=IMAGE_URL_PATTERN, description="A path on this site or an https URL"
    )
    file_format: Annotated[str, NotBlank] = _text(SHORT_TEXT_MAX, examples=["ZIP"])
    file_size: Annotated[str | None, NotBlank] = Field(None, min_length=1, max_length=SHORT_TEXT_MAX, examples=["2.4 GB"])
    color: Annotated[str, NotBlank] = _text(SHORT_TEXT_MAX)
    status: Status = "draft"


class AdminCourseList(ApiModel):
    courses: list[AdminCourse]


class AdminCourseEnvelope(ApiModel):
    course: AdminCourse


class AdminCourseDetail(ApiModel):
    course: AdminCourse
    lessons: list[AdminLesson]


class AdminLessonEnvelope(ApiModel):
    lesson: AdminLesson


class AdminAssetList(ApiModel):
    assets: list[AdminAsset]


class AdminAssetEnvelope(ApiModel):
    asset: AdminAsset

