"""Browser end-to-end test of the web app, driven through Debian's Chromium.

Flow: sign up, browse courses, add a course and an asset to the cart, check
out, find the course on the dashboard, complete two lessons in the player and
watch the progress bar move, log out, log back in through ?next=, log out.

Needs the `live_url` fixture (base URL of a running suite that serves the
built web app at "/" and the API at "/api").
"""
from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from steps import screenshot_on_failure, sign_up

LEVEL_1_TITLE = "MASTER THE GOOGLE ECOSYSTEM"
ASSET_TITLE = "CYBERPUNK TEXTURES VOL. 1"


def add_level_1_to_cart(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses").click()
    card = page.get_by_test_id("course-card-level-1")
    expect(card).to_contain_text(LEVEL_1_TITLE)
    expect(card).to_contain_text("$149.00")
    card.get_by_role("link", name=LEVEL_1_TITLE).click()
    expect(page).to_have_url(re.compile(r"/courses/level-1$"))
    expect(page.get_by_role("heading", level=1, name=LEVEL_1_TITLE)).to_be_visible()
    expect(page.get_by_text("Module 1", exact=False).first).to_be_visible()
    page.get_by_test_id("buy-course").click()
    expect(page.get_by_test_id("go-to-cart")).to_be_visible()
    expect(page.get_by_test_id("cart-count")).to_have_text("1")


def add_asset_to_cart(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Asset store").click()
    expect(page.get_by_test_id("asset-grid")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Textures")).click()
    expect(page.get_by_role("button", name=re.compile("^Textures"))).to_have_attribute("aria-pressed", "true")
    card = page.get_by_role("article", name=ASSET_TITLE)
    expect(card).to_contain_text("PNG")
    card.get_by_role("button", name=f"Add to cart {ASSET_TITLE}").click()
    expect(card.get_by_test_id("asset-in-cart")).to_be_visible()
    expect(page.get_by_test_id("cart-count")).to_have_text("2")


def check_out(page: Page) -> None:
    page.get_by_test_id("nav-cart").click()
    expect(page.get_by_test_id("cart-item")).to_have_count(2)
    expect(page.get_by_test_id("cart-total")).to_have_text("$178.00")
    page.get_by_test_id("checkout-button").click()
    expect(page).to_have_url(re.compile(r"/checkout$"))
    page.get_by_test_id("place-order").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.get_by_test_id("order-confirmation")).to_contain_text("confirmed")
    expect(page.get_by_test_id("cart-count")).to_have_text("0")
    # The enrollment is created asynchronously; the dashboard polls for it.
    expect(page.get_by_test_id("enrollment-level-1")).to_be_visible()
    expect(page.get_by_test_id("order-row")).to_have_count(1)
    expect(page.get_by_test_id("order-row")).to_contain_text("$178.00")


def complete_two_lessons(page: Page) -> None:
    card = page.get_by_test_id("enrollment-level-1")
    expect(card.get_by_test_id("enrollment-progress-text")).to_have_text("0% complete")
    card.get_by_test_id("continue-learning").click()
    expect(page).to_have_url(re.compile(r"/learn/level-1/[0-9a-f-]+$"))

    bar = page.get_by_role("progressbar", name="Course progress")
    text = page.get_by_test_id("course-progress-text")
    button = page.get_by_test_id("mark-complete")
    lessons = page.get_by_role("complementary", name="Lessons").get_by_role("link")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(lessons.first).to_have_attribute("aria-current", "page")

    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(bar).to_have_attribute("aria-valuenow", "4")
    expect(text).to_have_text("4% complete")

    page.get_by_test_id("next-lesson").click()
    expect(lessons.nth(1)).to_have_attribute("aria-current", "page")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(bar).to_have_attribute("aria-valuenow", "8")
    expect(text).to_have_text("8% complete")
    expect(lessons.filter(has_text="(completed)")).to_have_count(2)
    expect(lessons.nth(0)).to_contain_text("(completed)")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    card = page.get_by_test_id("enrollment-level-1")
    expect(card.get_by_test_id("enrollment-progress-text")).to_have_text("8% complete")
    expect(card).to_contain_text("Up next:")

    # The course page now offers "continue" instead of "buy".
    card.get_by_role("link", name="Course details").click()
    expect(page.get_by_test_id("continue-course")).to_be_visible()
    expect(page.get_by_test_id("buy-course")).to_have_count(0)


def log_out(page: Page, base_url: str) -> None:
    page.get_by_test_id("logout-button").click()
    expect(page).to_have_url(base_url + "/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Log in")).to_be_visible()
    expect(page.get_by_test_id("logout-button")).to_have_count(0)


def test_buy_a_course_and_learn(page: Page, base_url: str) -> None:
    run = uuid.uuid4().hex[:10]
    username, email, password = f"e2e_{run}", f"e2e_{run}@example.com", "film-school-42"

    with screenshot_on_failure(page, "test_buy_a_course_and_learn"):
        sign_up(page, base_url, username, email, password)
        add_level_1_to_cart(page)
        add_asset_to_cart(page)
        check_out(page)
        complete_two_lessons(page)
        log_out(page, base_url)

        # A protected page sends the visitor to log in, then back.
        page.goto(base_url + "/dashboard")
        expect(page).to_have_url(re.compile(r"/login\?next=%2Fdashboard$"))
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        expect(page).to_have_url(re.compile(r"/dashboard$"))
        expect(page.get_by_test_id("enrollment-level-1").get_by_test_id("enrollment-progress-text")).to_have_text(
            "8% complete"
        )
        log_out(page, base_url)


CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def csp_violations(page: Page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def test_the_pages_run_under_the_content_security_policy(page: Page, base_url: str) -> None:
    """Every page the app shows, the player and the API docs, with the
    gateway's CSP in force, and the email changed on the profile page."""
    run = uuid.uuid4().hex[:10]
    page.add_init_script(CSP_WATCH)
    refused = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and refused.append(msg.text))

    with screenshot_on_failure(page, "test_the_pages_run_under_the_content_security_policy"):
        for path in ("/", "/courses/level-1", "/assets", "/cart", "/login"):
            page.goto(base_url + path)
            expect(page.get_by_role("heading", level=1).first).to_be_visible()
            assert csp_violations(page) == [], path
        sign_up(page, base_url, f"csp_{run}", f"csp_{run}@example.com", "film-school-42")
        # Not enrolled: the player offers the course (and has no h1 yet, issue 10 item 22).
        page.goto(base_url + "/learn/level-1")
        page.wait_for_load_state("networkidle")
        assert csp_violations(page) == []

        page.goto(base_url + "/profile")
        # The profile's own form (the page's second form changes the password).
        profile = page.get_by_role("form", name="Your profile")
        profile.get_by_label("Email").fill(f"csp_{run}@new.example.com")
        profile.get_by_label("Current password").fill("not the password")
        profile.get_by_role("button", name="Save changes").click()
        expect(profile.get_by_text("Not your current password")).to_be_visible()
        profile.get_by_label("Current password").fill("film-school-42")
        profile.get_by_role("button", name="Save changes").click()
        expect(page.get_by_test_id("form-success")).to_be_visible()
        expect(profile.get_by_label("Current password")).to_have_count(0)
        assert csp_violations(page) == []

        page.goto(base_url + "/api/docs")
        expect(page.locator(".swagger-ui .info .title")).to_contain_text("Infinite Studio API")
        assert csp_violations(page) == []
    assert refused == []
