"""A finished course in Debian's Chromium: the dashboard offers its
certificate, the certificate's public page shows it and downloads its PDF,
and the order history downloads the receipt.

The course is finished through the API (24 lessons), as a learner's clicks
in the player are the lesson player test's subject.
"""
from __future__ import annotations

import re
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from steps import finish_course, screenshot_on_failure, sign_up

LEVEL_1_TITLE = "MASTER THE GOOGLE ECOSYSTEM"


def pdf_text(path: str | Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_a_finished_course_has_its_certificate_and_its_order_a_receipt(page: Page, base_url: str) -> None:
    run = uuid.uuid4().hex[:10]
    username = f"cert_{run}"
    with screenshot_on_failure(page, "test_a_finished_course_has_its_certificate"):
        sign_up(page, base_url, username, f"{username}@example.com", "film-school-42")
        code = finish_course(page, base_url, "level-1")["certificate"]["code"]

        page.goto(base_url + "/dashboard")
        card = page.get_by_test_id("enrollment-level-1")
        expect(card.get_by_test_id("enrollment-progress-text")).to_have_text("100% complete")
        expect(card).to_contain_text("Course complete")
        download = card.get_by_role("link", name=f"Download certificate for {LEVEL_1_TITLE}")
        expect(download).to_have_attribute("href", f"/api/certificates/{code}/pdf")

        # The order history: the receipt of the order that bought the course.
        with page.expect_download() as receipt:
            page.get_by_test_id("order-row").get_by_role("link", name=re.compile(r"^Receipt \(PDF\)")).click()
        text = pdf_text(receipt.value.path())
        assert f"{username} <{username}@example.com>" in text and LEVEL_1_TITLE in text and "$149.00" in text

        card.get_by_role("link", name=f"View certificate for {LEVEL_1_TITLE}").click()
        expect(page).to_have_url(re.compile(rf"/certificates/{code}$"))
        expect(page.get_by_test_id("certificate-learner")).to_have_text(username)
        expect(page.get_by_test_id("certificate-course")).to_have_text(LEVEL_1_TITLE)
        expect(page.get_by_test_id("certificate-code")).to_have_text(code)
        with page.expect_download() as certificate:
            page.get_by_role("link", name="Download PDF").click()
        assert certificate.value.suggested_filename == f"infinite-studio-certificate-{code}.pdf"
        text = pdf_text(certificate.value.path())
        assert username in text and LEVEL_1_TITLE in text and f"/certificates/{code}" in text


def test_a_certificate_page_is_public_and_an_unknown_code_is_not_found(page: Page, base_url: str, browser) -> None:
    run = uuid.uuid4().hex[:10]
    with screenshot_on_failure(page, "test_a_certificate_page_is_public"):
        sign_up(page, base_url, f"cert_{run}", f"cert_{run}@example.com", "film-school-42")
        code = finish_course(page, base_url, "level-1")["certificate"]["code"]

        visitor = browser.new_context()
        try:
            other = visitor.new_page()
            other.goto(f"{base_url}/certificates/{code.lower()}")
            expect(other.get_by_test_id("certificate-learner")).to_have_text(f"cert_{run}")
            other.goto(base_url + "/certificates/ZZZZZZZZZZZZ")
            expect(other.get_by_test_id("not-found")).to_contain_text("certificate")
        finally:
            visitor.close()
