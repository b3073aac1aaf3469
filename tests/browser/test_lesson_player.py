"""Watching lessons in Debian's Chromium: a visitor plays level-1's preview
from the course page; a buyer plays a paid lesson (with the space key),
leaves, comes back at the second they left, and watches to the end, which
completes the lesson and offers the next one.

The videos are real: generated, imported through the media service and
transcoded to HLS by the media worker before the test opens the browser.
"""
from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from steps import screenshot_on_failure, sign_up
from tests.support.api_client import ApiClient
from tests.support.media import import_lesson_video, wait_catalog_shows_ready, wait_transcoded
from tests.support.suite import wait_until

SECONDS = 8
PLAYING_PAST = 2.0


@pytest.fixture(scope="module")
def level_1(live_url, tmp_path_factory) -> dict:
    """level-1 with ready videos for its preview (1.1) and its second lesson (1.2)."""
    with ApiClient(live_url) as client:
        course = client.course("level-1")
        preview, paid = course["lessons"][0], course["lessons"][1]
        assert preview["preview"] and not paid["preview"]
        folder = tmp_path_factory.mktemp("player")
        imported = [import_lesson_video(folder, lesson["id"], SECONDS) for lesson in (preview, paid)]
        for media in imported:
            assert wait_transcoded(media["id"])["status"] == "ready"
        wait_catalog_shows_ready(client, "level-1", (preview["id"], paid["id"]))
    return {"course": course["course"], "preview": preview, "paid": paid, "next": course["lessons"][2]}


def current_time(page: Page) -> float:
    return page.get_by_test_id("lesson-video").evaluate("v => v.currentTime")


def wait_playing_past(page: Page, seconds: float) -> None:
    page.wait_for_function(
        "([s]) => { const v = document.querySelector('[data-testid=lesson-video]'); return v && !v.paused && v.currentTime > s; }",
        arg=[seconds],
    )


def test_a_visitor_plays_the_preview_from_the_course_page(page: Page, base_url: str, level_1) -> None:
    with screenshot_on_failure(page, "test_a_visitor_plays_the_preview"):
        page.goto(base_url + "/courses/level-1")
        row = page.get_by_test_id("curriculum-1.1")
        expect(row).to_contain_text("Free preview")
        expect(page.get_by_test_id("curriculum-1.2").get_by_test_id("watch-preview")).to_have_count(0)
        row.get_by_test_id("watch-preview").click()

        expect(page).to_have_url(re.compile(rf"/learn/level-1/{level_1['preview']['id']}$"))
        expect(page.get_by_test_id("preview-banner").get_by_test_id("buy-course")).to_be_visible()
        expect(page.get_by_test_id("lesson-notes")).to_contain_text(level_1["preview"]["title"])
        page.keyboard.press("Space")
        wait_playing_past(page, PLAYING_PAST)

        # A paid lesson sends the visitor to log in, and back.
        page.get_by_test_id("lesson-1.2").click()
        expect(page).to_have_url(re.compile(r"/login\?next=%2Flearn%2Flevel-1%2F"))


def test_a_buyer_resumes_where_they_left_and_completes_by_watching(page: Page, base_url: str, level_1) -> None:
    run = uuid.uuid4().hex[:10]
    paid, following = level_1["paid"], level_1["next"]
    with screenshot_on_failure(page, "test_a_buyer_resumes_and_completes"):
        sign_up(page, base_url, f"viewer_{run}", f"viewer_{run}@example.com", "film-school-42")
        bought = page.request.post(
            base_url + "/api/orders",
            data={"items": [{"itemType": "course", "itemId": level_1["course"]["id"]}]},
        )
        assert bought.status == 201, bought.text()

        # The enrollment follows the order's event.
        wait_until(
            lambda: any(
                e["courseId"] == level_1["course"]["id"]
                for e in page.request.get(base_url + "/api/enrollments").json()["enrollments"]
            ),
            10, message="the enrollment",
        )
        page.goto(f"{base_url}/learn/level-1/{paid['id']}")
        video = page.get_by_test_id("lesson-video")
        expect(video).to_be_visible()
        expect(page.get_by_test_id("mark-complete")).to_have_attribute("aria-pressed", "false")
        expect(page.get_by_role("complementary", name="Lessons").locator('[aria-current="page"]')).to_be_in_viewport()

        # Play with the keyboard, pause: the position is saved.
        page.keyboard.press("Space")
        wait_playing_past(page, 3.0)
        with page.expect_request(lambda r: r.method == "PUT" and r.url.endswith(f"/lessons/{paid['id']}/position")) as put:
            page.keyboard.press("Space")
        saved = put.value.post_data_json["seconds"]
        assert put.value.response().status == 204
        assert saved > 3.0

        # Coming back resumes at that second.
        page.reload()
        page.wait_for_function(
            "([s]) => { const v = document.querySelector('[data-testid=lesson-video]'); return v && v.readyState > 0 && Math.abs(v.currentTime - s) < 1.5; }",
            arg=[saved],
        )

        # Watching to the end completes the lesson and offers the next one.
        video.evaluate(f"v => {{ v.currentTime = {SECONDS - 1.5}; return v.play(); }}")
        offer = page.get_by_test_id("complete-and-continue")
        expect(offer).to_be_visible()
        expect(page.get_by_test_id("mark-complete")).to_have_attribute("aria-pressed", "true")
        expect(page.get_by_test_id("lesson-1.2")).to_contain_text("(completed)")
        offer.click()
        expect(page).to_have_url(re.compile(rf"/learn/level-1/{following['id']}$"))
        expect(page.get_by_test_id("video-placeholder")).to_be_visible()

        # The dashboard's "Continue learning" goes back to where the learner was.
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
        card = page.get_by_test_id("enrollment-level-1")
        expect(card.get_by_test_id("enrollment-progress-text")).to_have_text("4% complete")
