from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.db import FailedEventTable, OutboxTable, make_base

Base = make_base("media")


class MediaObject(Base):
    """A file of an owner (a lesson, an asset). A ``video``: its source, then
    its HLS renditions once the worker has transcoded it. An asset's ``pack``
    (the zip a buyer downloads) or ``preview`` (its store image): stored as
    is, ``ready`` from the start, transcoded by nobody."""

    __tablename__ = "media_objects"
    __table_args__ = (
        CheckConstraint("owner_type IN ('lesson', 'asset')", name="owner_type_known"),
        CheckConstraint("status IN ('uploaded', 'processing', 'ready', 'failed')", name="status_known"),
        CheckConstraint("kind IN ('video', 'pack', 'preview')", name="kind_known"),
        # The same source for the same owner is one media object: importing
        # it again is a no-op (the seed relies on it).
        UniqueConstraint("owner_type", "owner_id", "source_sha256", name="uq_media_objects_owner_source"),
        Index("ix_media_objects_owner", "owner_type", "owner_id", "created_at"),
    )

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()"))
    owner_type: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    kind: Mapped[str] = mapped_column(String(16), server_default="video")
    status: Mapped[str] = mapped_column(String(16), server_default="uploaded")
    failure_reason: Mapped[str | None] = mapped_column(Text)
    duration_seconds: Mapped[float | None] = mapped_column(Float)
    source_key: Mapped[str] = mapped_column(Text)
    source_size: Mapped[int] = mapped_column(BigInteger)
    source_sha256: Mapped[str] = mapped_column(String(64))
    # A pack's name for the buyer (``Content-Disposition``); None for a video.
    file_name: Mapped[str | None] = mapped_column(Text)
    master_playlist_key: Mapped[str | None] = mapped_column(Text)
    poster_key: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    renditions: Mapped[list["Rendition"]] = relationship(
        order_by="Rendition.height", cascade="all, delete-orphan", lazy="selectin"
    )
    files: Mapped[list["MediaFile"]] = relationship(cascade="all, delete-orphan", lazy="raise")


class Rendition(Base):
    __tablename__ = "renditions"
    __table_args__ = (UniqueConstraint("media_id", "name", name="uq_renditions_media_id_name"),)

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()"))
    media_id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("media.media_objects.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(16))
    height: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    bandwidth: Mapped[int] = mapped_column(Integer)
    playlist_key: Mapped[str] = mapped_column(Text)


class MediaFile(Base):
    """Every stored object of a media object (source, playlists, segments,
    poster) with its size and checksum: what to verify, serve or delete."""

    __tablename__ = "media_files"
    __table_args__ = (UniqueConstraint("key", name="uq_media_files_key"),)

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()"))
    media_id: Mapped[str] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("media.media_objects.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # source, master, playlist, segment, poster, pack, preview
    key: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))


class Upload(Base):
    """A file staff send in chunks (media/uploads.py): what it is for, how
    much of it has arrived, and, once imported, its media object. Its
    status: ``receiving`` (chunks coming), ``received`` (all in, waiting for
    the worker to import it), ``imported`` (the media object's status says
    the rest) or ``failed`` (``error`` says why)."""

    __tablename__ = "uploads"
    __table_args__ = (
        CheckConstraint("owner_type IN ('lesson', 'asset')", name="owner_type_known"),
        CheckConstraint("kind IN ('video', 'pack', 'preview')", name="kind_known"),
        CheckConstraint("status IN ('receiving', 'received', 'imported', 'failed')", name="status_known"),
        CheckConstraint("size > 0 AND received >= 0 AND received <= size", name="received_within_size"),
        Index("ix_uploads_owner", "owner_type", "owner_id", "created_at"),
        Index("ix_uploads_to_import", "import_after", postgresql_where=text("status = 'received'")),
    )

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()"))
    owner_type: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    kind: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(BigInteger)
    received: Mapped[int] = mapped_column(BigInteger, server_default="0")
    status: Mapped[str] = mapped_column(String(16), server_default="receiving")
    error: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(Uuid(as_uuid=False))
    media_id: Mapped[str | None] = mapped_column(
        Uuid(as_uuid=False), ForeignKey("media.media_objects.id", ondelete="SET NULL")
    )
    import_attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    import_after: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    media: Mapped[MediaObject | None] = relationship(lazy="joined")


class UploadPart(Base):
    """A chunk of an upload as the gateway stored it: bytes ``[start, start
    + size)`` of the file, under ``key`` of the media storage."""

    __tablename__ = "upload_parts"
    __table_args__ = (UniqueConstraint("upload_id", "start", name="uq_upload_parts_upload_id_start"),)

    id: Mapped[str] = mapped_column(Uuid(as_uuid=False), primary_key=True, server_default=text("gen_random_uuid()"))
    upload_id: Mapped[str] = mapped_column(Uuid(as_uuid=False), ForeignKey("media.uploads.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(BigInteger)
    size: Mapped[int] = mapped_column(BigInteger)
    key: Mapped[str] = mapped_column(Text)


class OutboxEvent(OutboxTable, Base):
    """The outbox of the media pipeline's events (media/outbox.py)."""



class FailedEvent(FailedEventTable, Base):
    """Events whose handling failed (shared/service/failures.py)."""
