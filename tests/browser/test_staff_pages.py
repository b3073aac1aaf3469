"""The staff pages (/admin) in Debian's Chromium, on the real suite.

- The staff nav by role, the header's link for staff only, and the
  not-allowed page for a learner (and for an instructor on admin pages).
- An admin's sales page (period, charts, completion, CSV link) and learner
  lookup (orders, enrollments, role change, sessions ended).
- An admin refunds a learner's order from the learner's page; the course
  leaves the learner's dashboard.
- The issue's whole flow: an instructor writes a course with two lessons,
  uploads a video for the first and publishes it; an admin makes a coupon;
  a learner buys the course with it at checkout, sees the discount and
  watches the first lesson; the admin refunds the order and the course
  leaves the learner's dashboard.
"""
from __future__ import annotations

import re
import time
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from media import generate
from screenshots import settle
from steps import TIMEOUT_MS, screenshot_on_failure, sign_up
from tests.e2e.test_admin_api import make_role
from tests.support.written import remove_written

PASSWORD = "film-school-42"
# A video goes through the upload, then transcoding: more than a page's usual wait.
PIPELINE_MS = 120_000
COURSE_PREFIX = "staff-course-"


@pytest.fixture(scope="module", autouse=True)
def remove_the_courses_written():
    yield
    remove_written(courses=COURSE_PREFIX)


def new_page(browser: Browser) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    return context.new_page()


def person(browser: Browser, base_url: str, role: str) -> tuple[Page, dict]:
    """A fresh user of this role, signed in in a browser context of their own."""
    run = uuid.uuid4().hex[:10]
    user = {"username": f"{role}_{run}", "email": f"{role}_{run}@example.com"}
    page = new_page(browser)
    sign_up(page, base_url, user["username"], user["email"], PASSWORD)
    if role != "learner":
        done = make_role(user["email"], role)
        assert done.returncode == 0, done.stderr
        # The gateway may hold the session's user for a moment: until it says the new role.
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while page.request.get(base_url + "/api/auth/me").json()["user"]["role"] != role:
            assert time.monotonic() < deadline, f"/api/auth/me never said {role}"
            time.sleep(0.2)
        page.reload()  # the app asks who the user is again
    return page, user


@pytest.fixture
def people(browser, base_url):
    pages: list[Page] = []

    def make(role: str) -> tuple[Page, dict]:
        page, user = person(browser, base_url, role)
        pages.append(page)
        return page, user

    yield make
    for page in pages:
        page.context.close()


def expect_staff_links(page: Page, names: list[str]) -> None:
    # Waits for the staff code, which is loaded on the first visit.
    expect(page.get_by_role("navigation", name="Staff").get_by_role("link")).to_have_text(names)


def test_the_staff_area_is_shown_by_role(people, base_url: str) -> None:
    learner, _ = people("learner")
    with screenshot_on_failure(learner, "test_staff_area_learner"):
        expect(learner.get_by_test_id("nav-staff")).to_have_count(0)
        learner.goto(base_url + "/admin")
        expect(learner.get_by_role("heading", level=1, name="Not allowed")).to_be_visible()
        expect(learner.get_by_role("navigation", name="Staff")).to_have_count(0)
        learner.goto(base_url + "/admin/sales")
        expect(learner.get_by_test_id("not-allowed")).to_be_visible()

    instructor, _ = people("instructor")
    with screenshot_on_failure(instructor, "test_staff_area_instructor"):
        instructor.get_by_test_id("nav-staff").click()
        expect(instructor).to_have_url(re.compile(r"/admin$"))
        expect(instructor.get_by_role("heading", level=1, name="Staff area")).to_be_visible()
        expect_staff_links(instructor, ["Overview", "Courses", "Assets"])
        instructor.goto(base_url + "/admin/learners")
        expect(instructor.get_by_test_id("not-allowed")).to_contain_text("admins only")

    admin, _ = people("admin")
    with screenshot_on_failure(admin, "test_staff_area_admin"):
        admin.get_by_test_id("nav-staff").click()
        expect_staff_links(admin, ["Overview", "Courses", "Assets", "Orders", "Coupons", "Sales", "Learners"])
        # Keyboard: the staff nav is reached with Tab and followed with Enter.
        link = admin.get_by_role("navigation", name="Staff").get_by_role("link", name="Sales")
        link.focus()
        admin.keyboard.press("Enter")
        expect(admin).to_have_url(re.compile(r"/admin/sales$"))
        expect(admin.get_by_role("heading", level=1, name="Sales")).to_be_visible()


def test_an_admin_reads_the_sales_and_looks_a_learner_up(people, base_url: str) -> None:
    learner, someone = people("learner")
    # Something sold today: the learner buys level-1.
    course = learner.request.get(base_url + "/api/courses/level-1").json()["course"]
    bought = learner.request.post(base_url + "/api/orders", data={"items": [{"itemType": "course", "itemId": course["id"]}]})
    assert bought.status == 201, bought.text()
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    # Enrolled by the order's event, shortly after.
    while not learner.request.get(base_url + "/api/enrollments").json()["enrollments"]:
        assert time.monotonic() < deadline, "no enrollment"
        time.sleep(0.2)

    admin, _ = people("admin")
    with screenshot_on_failure(admin, "test_admin_sales_and_learners"):
        admin.goto(base_url + "/admin/sales")
        expect(admin.get_by_test_id("sales-orders")).not_to_have_text("0")
        expect(admin.get_by_role("img", name=re.compile("^Revenue per day"))).to_be_visible()
        expect(admin.get_by_role("img", name=re.compile("^Orders per day"))).to_be_visible()
        expect(admin.get_by_role("img", name="Units sold per course and asset")).to_be_visible()
        admin.get_by_text("Units per item: as a table").click()
        expect(admin.get_by_role("region", name="Units per item").get_by_role("cell", name=course["title"])).to_be_visible()
        expect(admin.get_by_test_id("course-stats")).to_contain_text(course["title"])

        today = admin.get_by_label("To", exact=True).input_value()
        admin.get_by_label("From", exact=True).fill(today)
        admin.get_by_test_id("sales-apply").click()
        expect(admin.get_by_test_id("sales-csv")).to_have_attribute(
            "href", f"/api/admin/sales.csv?from={today}&to={today}"
        )
        expect(admin.get_by_test_id("sales-orders")).not_to_have_text("0")

        admin.get_by_role("navigation", name="Staff").get_by_role("link", name="Learners").click()
        admin.get_by_label("Email").fill("nobody-" + someone["email"])
        admin.get_by_test_id("find-learner").click()
        expect(admin.get_by_role("heading", name="No account with this email")).to_be_visible()

        admin.get_by_label("Email").fill(someone["email"])
        admin.get_by_test_id("find-learner").click()
        card = admin.get_by_test_id("learner")
        expect(card.get_by_role("heading", name=someone["username"])).to_be_visible()
        expect(card.get_by_test_id("learner-sessions")).to_contain_text("1 live session")
        expect(card.get_by_test_id("learner-orders").get_by_test_id("admin-order-row")).to_have_count(1)
        expect(card.get_by_test_id("learner-orders")).to_contain_text(course["title"])
        expect(card.get_by_test_id("learner-enrollments")).to_contain_text(course["title"])

        card.get_by_label("Role").select_option("instructor")
        card.get_by_test_id("save-role").click()
        expect(card.get_by_test_id("role-saved")).to_have_text("Now instructor.")
        learner.goto(base_url + "/admin")
        expect(learner.get_by_role("heading", level=1, name="Staff area")).to_be_visible()

        card.get_by_test_id("end-sessions").click()
        dialog = admin.get_by_role("dialog", name="End every session?")
        expect(dialog).to_be_visible()
        dialog.get_by_role("button", name="End sessions").click()
        expect(card.get_by_test_id("learner-sessions")).to_contain_text("0 live sessions")
        learner.goto(base_url + "/dashboard")
        expect(learner).to_have_url(re.compile(r"/login\?next="))


# ---------------------------------------------------------------- the flow


def write_course(page: Page, base_url: str, slug: str, title: str) -> None:
    page.goto(base_url + "/admin/courses")
    page.get_by_test_id("new-course").click()
    form = page.get_by_test_id("course-form")
    form.get_by_label("Title", exact=True).fill(title)
    expect(form.get_by_label("Slug")).to_have_value(re.compile("^staff-course-"))
    form.get_by_label("Slug").fill(slug)
    form.get_by_label("Short description").fill("Light a scene with one lamp.")
    form.get_by_label("Price (USD)").fill("100.00")
    form.get_by_label("Level").fill("Level 9")
    form.get_by_label("Duration").fill("2 weeks")
    form.get_by_label("Description", exact=True).fill("Two lessons on light, written in the staff pages.")
    form.get_by_test_id("save-course").click()
    expect(page).to_have_url(re.compile(r"/admin/courses/[0-9a-f-]+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    expect(page.get_by_role("heading", level=1)).to_contain_text("draft")

    # The slug is taken now: a second course with it shows the 409 on its field.
    page.goto(base_url + "/admin/courses/new")
    form = page.get_by_test_id("course-form")
    for label, value in (("Title", "Again"), ("Slug", slug), ("Short description", "x"), ("Price (USD)", "1.00"),
                         ("Level", "1"), ("Duration", "1 day"), ("Description", "x")):
        form.get_by_label(label, exact=True).fill(value)
    form.get_by_test_id("save-course").click()
    expect(form.get_by_label("Slug")).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_label("Slug")).to_be_focused()
    page.go_back()


def add_lesson(page: Page, title: str, number: int) -> None:
    page.get_by_test_id("add-lesson").click()
    dialog = page.get_by_role("dialog", name="Add a lesson")
    dialog.get_by_label("Lesson title").fill(title)
    dialog.get_by_label("Module name").fill("Light")
    dialog.get_by_label("Lesson number").fill(str(number))
    dialog.get_by_label("Lesson status").select_option("published")
    dialog.get_by_test_id("save-lesson").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_test_id("admin-lesson").filter(has_text=title)).to_be_visible()


def upload_video(page: Page, lesson_title: str, video: Path) -> None:
    row = page.get_by_test_id("admin-lesson").filter(has_text=lesson_title)
    row.get_by_text(f"Upload the video of “{lesson_title}”").click()
    row.get_by_label(f"Video file for {lesson_title}").set_input_files(str(video))
    row.get_by_test_id("upload-video-start").click()
    state = row.get_by_test_id("upload-video-state")
    expect(state).to_contain_text(re.compile("Processing|Ready"), timeout=PIPELINE_MS)
    expect(state).to_contain_text("Ready", timeout=PIPELINE_MS)


def test_an_instructor_publishes_a_learner_buys_with_a_coupon_and_an_admin_refunds(
    people, base_url: str, tmp_path: Path
) -> None:
    run = uuid.uuid4().hex[:8]
    slug, title = f"{COURSE_PREFIX}{run}", f"Staff course {run}"
    first, second = f"Key light {run}", f"Fill light {run}"
    code = f"HALF{run}".upper()
    video = tmp_path / "lesson.mp4"
    generate.title_card(video, first, "test", seconds=4, height=720)

    instructor, _ = people("instructor")
    with screenshot_on_failure(instructor, "test_staff_flow_instructor"):
        write_course(instructor, base_url, slug, title)
        add_lesson(instructor, first, 1)
        add_lesson(instructor, second, 2)
        # The outline: the second lesson goes first, and back, saved in one PUT.
        instructor.get_by_test_id("edit-outline").click()
        instructor.get_by_role("button", name=f"Move {second} up").click()
        instructor.get_by_label("Name of module 1").fill("Light and shadow")
        instructor.get_by_test_id("save-outline").click()
        expect(instructor.get_by_test_id("admin-lesson").first).to_contain_text(second)
        instructor.get_by_test_id("edit-outline").click()
        instructor.get_by_role("button", name=f"Move {first} up").click()
        instructor.get_by_test_id("save-outline").click()
        expect(instructor.get_by_test_id("admin-lesson").first).to_contain_text(first)
        expect(instructor.get_by_text("Module 1 · Light and shadow")).to_be_visible()

        upload_video(instructor, first, video)
        instructor.get_by_test_id("toggle-publish").click()
        expect(instructor.get_by_role("heading", level=1)).to_contain_text("published")
        instructor.goto(base_url + f"/courses/{slug}")
        expect(instructor.get_by_role("heading", level=1, name=title.upper())).to_be_visible()

    admin, _ = people("admin")
    with screenshot_on_failure(admin, "test_staff_flow_coupon"):
        admin.goto(base_url + "/admin/coupons")
        form = admin.get_by_test_id("coupon-form")
        form.get_by_label("Code", exact=True).fill(code)
        form.get_by_label("Kind").select_option("percent")
        form.get_by_label("Percent off").fill("50")
        form.get_by_label("Only for some courses and assets").check()
        form.get_by_label(f"Course: {title}").check()
        form.get_by_test_id("create-coupon").click()
        expect(form.get_by_test_id("coupon-created")).to_contain_text(code)
        expect(admin.get_by_test_id(f"coupon-{code}")).to_contain_text("50% off")

    learner, learner_user = people("learner")
    with screenshot_on_failure(learner, "test_staff_flow_learner"):
        learner.goto(base_url + f"/courses/{slug}")
        learner.get_by_test_id("buy-course").click()
        learner.goto(base_url + "/checkout")
        learner.get_by_test_id("coupon-code").fill("NO-SUCH-" + run)
        learner.get_by_test_id("coupon-apply").click()
        expect(learner.get_by_test_id("coupon-error")).to_have_text("There is no coupon with this code. Check its spelling.")
        learner.get_by_test_id("coupon-code").fill(code.lower())
        learner.get_by_test_id("coupon-apply").click()
        expect(learner.get_by_test_id("coupon-applied")).to_contain_text(code)
        expect(learner.get_by_test_id("quote-subtotal")).to_have_text("$100.00")
        expect(learner.get_by_test_id("quote-discount")).to_have_text("−$50.00")
        expect(learner.get_by_test_id("checkout-total")).to_have_text("$50.00")
        learner.get_by_test_id("place-order").click()
        expect(learner).to_have_url(re.compile(r"/dashboard$"))
        card = learner.get_by_test_id(f"enrollment-{slug}")
        expect(card).to_be_visible()
        card.get_by_test_id("continue-learning").click()
        expect(learner.get_by_role("heading", name=first)).to_be_visible()
        learner.keyboard.press("Space")
        learner.wait_for_function(
            "() => { const v = document.querySelector('[data-testid=lesson-video]'); return v && v.currentTime > 1; }"
        )

    with screenshot_on_failure(admin, "test_staff_flow_refund"):
        admin.goto(base_url + "/admin/learners")
        admin.get_by_label("Email").fill(learner_user["email"])
        admin.get_by_test_id("find-learner").click()
        orders = admin.get_by_test_id("learner-orders")
        expect(orders.get_by_test_id("admin-order-row")).to_have_count(1)
        expect(admin.get_by_test_id("learner-enrollments")).to_contain_text(title)
        orders.get_by_role("link", name=re.compile("^Order ")).click()
        expect(admin.get_by_test_id("order-items")).to_contain_text(title)
        expect(admin.get_by_text(code)).to_be_visible()
        admin.get_by_test_id("refund-button").click()
        dialog = admin.get_by_role("dialog", name="Refund the order")
        dialog.get_by_label("Reason (sent to the buyer)").fill("Bought by mistake")
        dialog.get_by_test_id("confirm-refund").click()
        expect(dialog).to_be_hidden()
        expect(admin.get_by_role("heading", level=1)).to_contain_text("refunded")
        expect(admin.get_by_test_id("refunds")).to_contain_text("Bought by mistake")
        expect(admin.get_by_test_id("refund-button")).to_be_disabled()

    with screenshot_on_failure(learner, "test_staff_flow_revoked"):
        # Revoked by learning on the order_refunded event, shortly after.
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while True:
            learner.goto(base_url + "/dashboard")
            expect(learner.get_by_role("heading", level=1)).to_be_visible()
            settle(learner)
            if learner.get_by_test_id(f"enrollment-{slug}").count() == 0:
                break
            assert time.monotonic() < deadline, "the refunded course stays on the dashboard"
            time.sleep(0.5)
        expect(learner.get_by_role("heading", name="No courses yet")).to_be_visible()


def test_an_admin_refunds_an_order_from_the_learner_page(people, base_url: str) -> None:
    learner, someone = people("learner")
    course = learner.request.get(base_url + "/api/courses/level-2").json()["course"]
    bought = learner.request.post(base_url + "/api/orders", data={"items": [{"itemType": "course", "itemId": course["id"]}]})
    assert bought.status == 201, bought.text()
    learner.goto(base_url + "/dashboard")
    expect(learner.get_by_test_id("enrollment-level-2")).to_be_visible()

    admin, _ = people("admin")
    with screenshot_on_failure(admin, "test_admin_refund_from_learner_page"):
        admin.goto(base_url + "/admin/learners?email=" + someone["email"])
        orders = admin.get_by_test_id("learner-orders")
        orders.get_by_role("link", name=re.compile("^Order ")).click()
        expect(admin.get_by_test_id("order-items")).to_contain_text(course["title"])
        admin.get_by_test_id("refund-button").click()
        dialog = admin.get_by_role("dialog", name="Refund the order")
        expect(dialog.get_by_test_id("confirm-refund")).to_be_disabled()  # a reason is needed
        dialog.get_by_label("Reason (sent to the buyer)").fill("Asked for it back")
        dialog.get_by_test_id("confirm-refund").click()
        expect(dialog).to_be_hidden()
        expect(admin.get_by_role("heading", level=1)).to_contain_text("refunded")
        expect(admin.get_by_test_id("refunds")).to_contain_text("Asked for it back")
        expect(admin.get_by_test_id("refund-button")).to_be_disabled()

    with screenshot_on_failure(learner, "test_admin_refund_learner_dashboard"):
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while True:
            learner.goto(base_url + "/dashboard")
            expect(learner.get_by_role("heading", level=1)).to_be_visible()
            settle(learner)
            if learner.get_by_test_id("enrollment-level-2").count() == 0:
                break
            assert time.monotonic() < deadline, "the refunded course stays on the dashboard"
            time.sleep(0.5)
