"""Screenshots of the main pages for the README, taken with Debian's Chromium.

    python tests/browser/screenshots.py --base-url http://127.0.0.1:5000 [--out docs/screenshots]

Needs a running suite that serves the built web app (npm run build) and the
API. It signs up a fresh demo user, buys level 1 and one asset, and completes
two lessons, so that the cart, dashboard and player show real data.
Uses the `playwright` package of requirements-dev.in and Debian's Chromium
(tests/browser/chromium.py); it never downloads a browser.
"""
from __future__ import annotations

import argparse
import os
import re
import uuid
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Page, expect, sync_playwright

from chromium import CHROMIUM, launch

REPO = Path(__file__).resolve().parents[2]


def settle(page: Page) -> None:
    """Wait until no skeleton is left on the page."""
    expect(page.locator('[aria-busy="true"]')).to_have_count(0)
    page.wait_for_load_state("networkidle")


def shoot(page: Page, out: Path, name: str, full_page: bool = False) -> None:
    settle(page)
    path = out / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled")
    print("wrote", path.relative_to(REPO) if path.is_relative_to(REPO) else path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default=os.environ.get("LIVE_URL", "http://127.0.0.1:5000"))
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--chromium", default=CHROMIUM)
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    origin = urlparse(base).netloc

    with sync_playwright() as p:
        browser = launch(p, args.chromium)
        context = browser.new_context(viewport={"width": 1440, "height": 900}, device_scale_factor=1)
        context.set_default_timeout(20_000)
        # Only the suite itself is reachable: fail other requests at once.
        context.route(
            "**/*",
            lambda route: route.continue_() if urlparse(route.request.url).netloc == origin else route.abort(),
        )
        page = context.new_page()

        page.goto(base + "/")
        shoot(page, out, "home", full_page=True)
        page.goto(base + "/courses/level-1")
        shoot(page, out, "course")
        page.goto(base + "/assets")
        shoot(page, out, "assets")

        run = uuid.uuid4().hex[:8]
        page.goto(base + "/register?next=/courses/level-1")
        page.get_by_label("Username").fill(f"director_{run}")
        page.get_by_label("Email").fill(f"director_{run}@example.com")
        page.get_by_label("Password").fill("screenshots-" + run)
        page.get_by_role("button", name="Sign up").click()
        page.get_by_test_id("buy-course").click()
        page.goto(base + "/assets")
        page.get_by_test_id("add-asset").first.click()
        page.goto(base + "/cart")
        shoot(page, out, "cart")

        page.get_by_test_id("checkout-button").click()
        page.get_by_test_id("place-order").click()
        expect(page.get_by_test_id("enrollment-level-1")).to_be_visible()
        page.get_by_test_id("continue-learning").click()
        bar = page.get_by_role("progressbar", name="Course progress")
        for step in range(3):
            before = bar.get_attribute("aria-valuenow")
            page.get_by_test_id("mark-complete").click()
            expect(bar).not_to_have_attribute("aria-valuenow", before or "")
            page.get_by_test_id("next-lesson").click()
        expect(page).to_have_url(re.compile(r"/learn/level-1/"))
        shoot(page, out, "player")
        page.goto(base + "/dashboard")
        shoot(page, out, "dashboard")

        mobile = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
        mobile.route(
            "**/*",
            lambda route: route.continue_() if urlparse(route.request.url).netloc == origin else route.abort(),
        )
        mpage = mobile.new_page()
        mpage.goto(base + "/")
        shoot(mpage, out, "home-mobile")
        browser.close()


if __name__ == "__main__":
    main()
