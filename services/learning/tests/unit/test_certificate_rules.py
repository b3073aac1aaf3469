"""Certificate codes and the course completed event, without a database."""

import pytest

from learning import certificates
from learning.service import LearningService
from shared.events import CourseCompleted, PoisonEvent


def test_codes_are_twelve_symbols_of_crockfords_base32_and_differ():
    codes = {certificates.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 12 and set(code) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for code in codes)


@pytest.mark.parametrize(
    "typed, code",
    [
        ("7K3M9QZ2HX0A", "7K3M9QZ2HX0A"),
        ("7k3m-9qz2-hxoa", "7K3M9QZ2HX0A"),
        (" 7K3M 9QZ2 HX0A ", "7K3M9QZ2HX0A"),
        ("IL3M9QZ2HX0A", "113M9QZ2HX0A"),
        ("7K3M9QZ2HX0", None),
        ("7K3M9QZ2HX0AB", None),
        ("7K3M9QZ2HXUA", None),  # U is not in the alphabet
        ("7K3M9QZ2HX0Ä", None),
        (None, None),
        (12, None),
    ],
)
def test_a_code_is_read_as_crockford_reads_it(typed, code):
    assert certificates.normalize_code(typed) == code


def completed_payload(**overrides):
    event = CourseCompleted(
        event_id="e1",
        enrollment_id="8f9e6c8e-2c4b-4a51-9d0e-7b1a2c3d4e5f",
        user_id="1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b",
        course_id="2c3d4e5f-6071-4829-9a0b-1c2d3e4f5a6b",
        certificate_code="7K3M9QZ2HX0A",
        learner_name="ada",
        course_title="MASTER THE GOOGLE ECOSYSTEM",
        completed_at="2026-12-01T12:00:00Z",
    )
    return {**event.to_payload(), **overrides}


def test_the_event_reads_back_as_written():
    payload = completed_payload()
    assert CourseCompleted.read(payload).to_payload() == payload


@pytest.mark.parametrize(
    "payload",
    [
        {},
        "not an object",
        {k: v for k, v in completed_payload().items() if k != "certificateCode"},
        completed_payload(userId="not-a-uuid"),
        completed_payload(eventId=""),
        completed_payload(eventId="e" * 65),
        completed_payload(certificateCode=""),
    ],
)
def test_a_payload_that_is_not_a_course_completed_event_is_poison(payload):
    with pytest.raises(PoisonEvent):
        CourseCompleted.read(payload)


def test_the_service_publishes_with_confirms_and_mandatory():
    options = LearningService.dispatch.options
    assert options["mandatory"] is True and options["use_confirms"] is True
