from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import FailedEventTable, make_base

Base = make_base("catalog")


class Course(Base):
    __tablename__ = "courses"
    __table_args__ = (
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint("lessons_count >= 0", name="lessons_count_not_negative"),
    )

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()"))
    title: Mapped[str] = mapped_column(Text)
    slug: Mapped[str] = mapped_column(Text, unique=True)
    description: Mapped[str] = mapped_column(Text)
    short_description: Mapped[str] = mapped_column(Text)
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    level: Mapped[str] = mapped_column(Text)  # "01", "02": sorts as text in level order
    duration: Mapped[str] = mapped_column(Text)  # display text, e.g. "4.5 HOURS"
    lessons_count: Mapped[int] = mapped_column(Integer)
    badge: Mapped[str | None] = mapped_column(Text)
    color: Mapped[str] = mapped_column(Text)


class Lesson(Base):
    __tablename__ = "lessons"
    __table_args__ = (
        # Also the index that serves "lessons of a course, in order".
        UniqueConstraint(
            "course_id", "module_number", "lesson_number", name="uq_lessons_course_module_lesson"
        ),
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

    @property
    def video(self) -> dict | None:
        if self.video_status is None:
            return None
        return {"status": self.video_status, "duration_seconds": self.video_duration_seconds}


class Asset(Base):
    __tablename__ = "assets"
    __table_args__ = (CheckConstraint("price >= 0", name="price_not_negative"),)

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()"))
    # Unique because the seed upserts assets by title.
    title: Mapped[str] = mapped_column(Text, unique=True)
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


class FailedEvent(FailedEventTable, Base):
    """media events whose handling failed (catalog/failures.py)."""
