from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    Uuid,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import FailedEventTable, make_base

Base = make_base("catalog")

# What staff write is a draft until published; the public catalogue shows
# only published rows that are not deleted (deleted_at: a soft delete, so
# that enrollments and orders keep what they point at).
STATUSES = ("draft", "published")
_STATUS_KNOWN = "status IN ('draft', 'published')"


def _status_column() -> Mapped[str]:
    return mapped_column(String(16), server_default=text("'draft'"))


def _deleted_at_column() -> Mapped[datetime | None]:
    return mapped_column(DateTime(timezone=True))


class Course(Base):
    __tablename__ = "courses"
    __table_args__ = (
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint("lessons_count >= 0", name="lessons_count_not_negative"),
        CheckConstraint(_STATUS_KNOWN, name="status_known"),
        # A deleted course gives its slug up: only live courses are unique by it.
        Index("uq_courses_slug_live", "slug", unique=True, postgresql_where=text("deleted_at IS NULL")),
    )

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()"))
    title: Mapped[str] = mapped_column(Text)
    slug: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    short_description: Mapped[str] = mapped_column(Text)
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    level: Mapped[str] = mapped_column(Text)  # "01", "02": sorts as text in level order
    duration: Mapped[str] = mapped_column(Text)  # display text, e.g. "4.5 HOURS"
    # Its published, live lessons (catalog.authoring keeps it up to date).
    lessons_count: Mapped[int] = mapped_column(Integer)
    badge: Mapped[str | None] = mapped_column(Text)
    color: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = _status_column()
    deleted_at: Mapped[datetime | None] = _deleted_at_column()
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=text("now()"))


class Lesson(Base):
    __tablename__ = "lessons"
    __table_args__ = (
        # Also the index that serves "lessons of a course, in order". Deleted
        # lessons give their place up. An outline renumbers in two steps
        # (catalog.authoring), as a unique index is checked row by row.
        Index(
            "uq_lessons_live_place", "course_id", "module_number", "lesson_number",
            unique=True, postgresql_where=text("deleted_at IS NULL"),
        ),
        CheckConstraint(_STATUS_KNOWN, name="status_known"),
    )

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()"))
    course_id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("catalog.courses.id", ondelete="CASCADE")
    )
    module_number: Mapped[int] = mapped_column(Integer)
    module_name: Mapped[str] = mapped_column(Text)
    lesson_number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    video_url: Mapped[str | None] = mapped_column(Text)
    duration: Mapped[int | None] = mapped_column(Integer)  # minutes
    # The lesson's written notes, Markdown.
    notes: Mapped[str | None] = mapped_column(Text)
    # Watchable without buying the course (the first lesson of each).
    preview: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    # The lesson's video as the pipeline reports it (catalog/media_events.py):
    # which media object, imported when, processing, ready or failed.
    video_media_id: Mapped[str | None] = mapped_column(Uuid(as_uuid=False))
    video_imported_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    video_status: Mapped[str | None] = mapped_column(String(16))
    video_duration_seconds: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = _status_column()
    deleted_at: Mapped[datetime | None] = _deleted_at_column()

    @property
    def video(self) -> dict | None:
        if self.video_status is None:
            return None
        return {"status": self.video_status, "duration_seconds": self.video_duration_seconds}


class Asset(Base):
    __tablename__ = "assets"
    __table_args__ = (
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint(_STATUS_KNOWN, name="status_known"),
        # Unique because the seed upserts assets by title (live ones only).
        Index("uq_assets_title_live", "title", unique=True, postgresql_where=text("deleted_at IS NULL")),
    )

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()"))
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    category: Mapped[str] = mapped_column(Text)
    badge: Mapped[str | None] = mapped_column(Text)
    image_url: Mapped[str | None] = mapped_column(Text)
    file_format: Mapped[str] = mapped_column(Text)
    file_size: Mapped[str | None] = mapped_column(Text)
    color: Mapped[str] = mapped_column(Text)
    # The store lists assets in the order the catalogue was curated (the seed
    # order), not alphabetically; title breaks ties.
    position: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    status: Mapped[str] = _status_column()
    deleted_at: Mapped[datetime | None] = _deleted_at_column()


class FailedEvent(FailedEventTable, Base):
    """media events whose handling failed (catalog/failures.py)."""
