"""A person who forgot their password: from the login page to the mail, from
the mail's link to a new password, and then changing it on the profile."""
from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from steps import screenshot_on_failure, sign_up
from tests.support.mail import parts, wait_for_mail

OLD, NEW, NEWER = "film-school-42", "a second passphrase", "and a third passphrase"


def log_in(page: Page, base_url: str, email: str, password: str) -> None:
    page.goto(base_url + "/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_forgot_reset_and_change_the_password(page: Page, base_url: str, suite) -> None:
    run = uuid.uuid4().hex[:10]
    username, email = f"reset_{run}", f"reset_{run}@example.com"
    with screenshot_on_failure(page, "password-pages"):
        sign_up(page, base_url, username, email, OLD)
        page.context.clear_cookies()

        page.goto(base_url + "/login")
        page.get_by_role("link", name="Forgot your password?").click()
        expect(page).to_have_url(re.compile(r"/forgot-password$"))
        page.get_by_label("Email").fill(email)
        page.get_by_role("button", name="Send the link").click()
        expect(page.get_by_test_id("form-success")).to_contain_text(email)

        reset = next(m for m in wait_for_mail(suite.mail_dir, email, 2) if "Reset" in m["Subject"])
        link = re.search(r"https?://\S+/reset-password#token=\S+", parts(reset)[0]).group(0)
        # The mail links PUBLIC_URL; the suite under test runs on a port of its own.
        target = urlsplit(link)
        page.goto(f"{base_url}{target.path}#{target.fragment}")
        page.get_by_label("New password", exact=True).fill("short")
        page.get_by_role("button", name="Set the new password").click()
        expect(page.get_by_text("At least 8 characters").first).to_be_visible()
        page.get_by_label("New password", exact=True).fill(NEW)
        page.get_by_role("button", name="Set the new password").click()
        expect(page.get_by_role("heading", name="Password changed")).to_be_visible()
        assert "token" not in page.url

        # The same link again (opened anew, as from the mail): refused, with
        # the way to a new one.
        page.goto("about:blank")
        page.goto(f"{base_url}{target.path}#{target.fragment}")
        page.get_by_label("New password", exact=True).fill(NEWER)
        page.get_by_role("button", name="Set the new password").click()
        expect(page.get_by_test_id("form-error")).to_contain_text("not valid")
        expect(page.get_by_role("link", name="Ask for a new link")).to_be_visible()

        log_in(page, base_url, email, NEW)
        expect(page).to_have_url(re.compile(r"/dashboard$"))

        page.goto(base_url + "/profile")
        page.get_by_label("Current password", exact=True).fill("not the password")
        page.get_by_label("New password", exact=True).fill(NEWER)
        page.get_by_role("button", name="Change password").click()
        expect(page.get_by_text("Not your current password")).to_be_visible()
        page.get_by_label("Current password", exact=True).fill(NEW)
        page.get_by_role("button", name="Change password").click()
        expect(page.get_by_test_id("password-success")).to_be_visible()
        # This session goes on, under its new cookie.
        page.reload()
        expect(page.get_by_role("heading", name="Your profile")).to_be_visible()
