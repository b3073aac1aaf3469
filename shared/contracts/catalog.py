"""Courses, lessons, assets and their prices (owned by ``catalog``)."""

from typing import Literal

from shared.contracts.base import ApiModel, Money

# What can be bought, and so priced and ordered.
ItemType = Literal["course", "asset"]
ITEM_TYPES: tuple[str, ...] = ItemType.__args__


class CoursePublic(ApiModel):
    id: str
    title: str
    slug: str
    description: str
    short_description: str
    price: Money
    level: str
    duration: str
    lessons_count: int
    badge: str | None
    color: str


class LessonVideo(ApiModel):
    """The lesson's video as the pipeline reports it: ``processing`` from the
    import until it is ``ready`` (or ``failed``); a lesson whose video plays
    stays ``ready`` while a re-import is processed."""

    status: Literal["processing", "ready", "failed"]
    duration_seconds: int | None


class LessonPublic(ApiModel):
    id: str
    course_id: str
    module_number: int
    module_name: str
    lesson_number: int
    title: str
    video_url: str | None
    duration: int | None
    # Watchable without buying the course.
    preview: bool
    # None until the video pipeline has reported on the lesson.
    video: LessonVideo | None


class LessonWithNotes(LessonPublic):
    """A lesson with its written notes (Markdown): what its learners read,
    so never part of the public course page."""

    notes: str | None


class CourseList(ApiModel):
    courses: list[CoursePublic]


class CourseDetail(ApiModel):
    course: CoursePublic
    lessons: list[LessonPublic]


class AssetPublic(ApiModel):
    id: str
    title: str
    description: str
    price: Money
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


class PricedItem(ApiModel):
    """One line of ``catalog.price_items``: what commerce charges for an item."""

    item_type: ItemType
    item_id: str
    title: str
    price: Money
