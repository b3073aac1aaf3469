"""Steps the browser tests share."""
from __future__ import annotations

import re
import time
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, expect

ARTIFACTS = Path(__file__).parent / "artifacts"
TIMEOUT_MS = 15_000


@contextmanager
def screenshot_on_failure(page: Page, name: str):
    try:
        yield
    except BaseException:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            (ARTIFACTS / f"{name}.url.txt").write_text(page.url + "\n")
        except Exception:  # the page may be gone; the original error matters
            pass
        raise


def sign_up(page: Page, base_url: str, username: str, email: str, password: str) -> None:
    page.goto(base_url + "/register")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.get_by_role("heading", name=re.compile(f"Welcome back, {re.escape(username)}"))).to_be_visible()
    expect(page.get_by_role("heading", name="No courses yet")).to_be_visible()


def finish_course(page: Page, base_url: str, slug: str) -> dict:
    """Buy a course and complete every lesson of it through the API, with
    the page's session: the enrollment, certificate included."""
    course = page.request.get(f"{base_url}/api/courses/{slug}").json()
    bought = page.request.post(
        base_url + "/api/orders", data={"items": [{"itemType": "course", "itemId": course["course"]["id"]}]}
    )
    assert bought.status == 201, bought.text()

    def enrollment() -> dict | None:
        listed = page.request.get(base_url + "/api/enrollments").json()["enrollments"]
        return next((e for e in listed if e["courseId"] == course["course"]["id"]), None)

    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while (enrolled := enrollment()) is None:  # enrolled by the order's event, shortly after
        assert time.monotonic() < deadline, f"no enrollment in {slug}"
        time.sleep(0.1)
    for lesson in course["lessons"]:
        done = page.request.post(
            base_url + "/api/progress",
            data={"enrollmentId": enrolled["id"], "lessonId": lesson["id"], "completed": True},
        )
        assert done.status == 200, done.text()
    finished = enrollment()
    assert finished["certificate"] is not None, finished
    return finished
