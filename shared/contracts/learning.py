"""Enrollments and lesson progress (owned by ``learning``)."""

from pydantic import Field, StrictBool

from shared.contracts.base import ID_MAX_LENGTH, ApiModel, Timestamp
from shared.contracts.catalog import CoursePublic, LessonPublic
from shared.contracts.media import Playback


class EnrollmentCreate(ApiModel):
    course_id: str = Field(max_length=ID_MAX_LENGTH)


class ProgressUpdate(ApiModel):
    enrollment_id: str = Field(max_length=ID_MAX_LENGTH)
    lesson_id: str = Field(max_length=ID_MAX_LENGTH)
    completed: StrictBool


class EnrollmentPublic(ApiModel):
    id: str
    user_id: str
    course_id: str
    enrolled_at: Timestamp


class Progress(ApiModel):
    total: int
    completed: int
    percentage: int


class Resume(ApiModel):
    """Where "Continue learning" lands: the lesson last watched, and the second."""

    lesson_id: str
    seconds: float


class CertificateSummary(ApiModel):
    """What an enrollment says of its certificate: the public code, and when
    it was issued."""

    code: str
    issued_at: Timestamp


class CertificatePublic(ApiModel):
    """GET /api/certificates/{code}: what anyone holding the code may verify."""

    code: str
    learner_name: str
    course_title: str
    completed_at: Timestamp


class EnrollmentWithProgress(EnrollmentPublic):
    course: CoursePublic | None
    progress: Progress
    resume: Resume | None
    # Issued when the enrollment first reached 100 %; null before.
    certificate: CertificateSummary | None


class EnrollmentList(ApiModel):
    enrollments: list[EnrollmentWithProgress]


class EnrollmentEnvelope(ApiModel):
    enrollment: EnrollmentPublic


class PositionUpdate(ApiModel):
    # Finite and not negative here; the end of the video is learning's to check.
    seconds: float = Field(ge=0, allow_inf_nan=False, strict=True)


class LessonProgressPublic(ApiModel):
    id: str
    enrollment_id: str
    lesson_id: str
    completed: bool
    completed_at: Timestamp | None


class LessonProgressList(ApiModel):
    progress: list[LessonProgressPublic]


class LessonProgressEnvelope(ApiModel):
    progress: LessonProgressPublic


class FailedEventPublic(ApiModel):
    """For operators: an event whose handling failed, pending or parked."""

    id: str
    event_id: str | None
    event_type: str
    status: str
    attempts: int
    last_error: str | None
    first_failed_at: Timestamp
    next_attempt_at: Timestamp | None
    payload: dict | list | str | int | float | bool | None


class Position(ApiModel):
    """Where the caller last was in a lesson's video."""

    seconds: float
    updated_at: Timestamp


class LessonAccess(ApiModel):
    """``learning.open_lesson``: a lesson the caller may watch, with its notes
    and the caller's position (None for a visitor or a first visit)."""

    lesson: LessonPublic
    notes: str | None
    position: Position | None


class LessonOpened(LessonAccess):
    """GET /api/lessons/{id}: the lesson, its notes, how to play its video
    (None until the video is ready) and where the caller left off."""

    playback: Playback | None
