"""The school's PDF documents (shared/pdf.py), read back with pypdf."""

import io
from datetime import datetime, timezone
from decimal import Decimal

from pypdf import PdfReader

from shared import pdf

COMPLETED = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)


def read(document: bytes) -> PdfReader:
    assert document.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(document))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def certificate(**overrides) -> bytes:
    values = {
        "learner_name": "johnsmith",
        "course_title": "MASTER THE GOOGLE ECOSYSTEM",
        "completed_at": COMPLETED,
        "code": "7K3M9QZ2HX0A",
        "verify_url": "http://localhost:5000/certificates/7K3M9QZ2HX0A",
    }
    return pdf.certificate(**{**values, **overrides})


def test_a_certificate_is_one_page_naming_learner_course_date_code_and_where_to_verify():
    reader = read(certificate())
    assert len(reader.pages) == 1
    text = text_of(reader)
    for expected in (
        "INFINITE STUDIO",
        "johnsmith",
        "MASTER THE GOOGLE ECOSYSTEM",
        "1 December 2026",
        "7K3M9QZ2HX0A",
        "http://localhost:5000/certificates/7K3M9QZ2HX0A",
    ):
        assert expected in text.replace("\n", " ")
    assert reader.metadata.title == "Infinite Studio: Certificate 7K3M9QZ2HX0A"


def test_titles_beyond_latin_1_print_and_what_the_font_lacks_is_a_question_mark():
    text = text_of(read(certificate(learner_name="Ελένη", course_title="Видео с ИИ 中文")))
    assert "Ελένη" in text and "Видео с ИИ ??" in text


def test_a_title_too_long_for_two_lines_still_leaves_one_page():
    reader = read(certificate(course_title="A VERY LONG COURSE TITLE " * 30))
    assert len(reader.pages) == 1 and "…" in text_of(reader)


def test_a_receipt_lists_order_buyer_items_and_total():
    reader = read(
        pdf.receipt(
            order_id="0b6f1c7e-8a4d-4f53-9a1e-2f3b4c5d6e7f",
            created_at=COMPLETED,
            buyer_name="johnsmith",
            buyer_email="john@example.com",
            items=[("course", "MASTER THE GOOGLE ECOSYSTEM", "149.00"), ("asset", "LUTS", Decimal("1029.5"))],
            total=Decimal("1178.50"),
        )
    )
    text = text_of(reader)
    for expected in (
        "Receipt",
        "0b6f1c7e-8a4d-4f53-9a1e-2f3b4c5d6e7f",
        "1 December 2026, 09:30 UTC",
        "johnsmith <john@example.com>",
        "MASTER THE GOOGLE ECOSYSTEM",
        "$149.00",
        "$1,029.50",
        "$1,178.50",
    ):
        assert expected in text


def test_a_long_order_runs_onto_more_pages():
    items = [("asset", f"ASSET {n}", "1.00") for n in range(50)]
    reader = read(
        pdf.receipt(
            order_id="o", created_at=COMPLETED, buyer_name="b", buyer_email="b@example.com", items=items, total="50.00"
        )
    )
    assert len(reader.pages) > 1 and "ASSET 49" in text_of(reader)
