"""Screenshots of the main pages for the README, taken with Debian's Chromium.

    python tests/browser/screenshots.py --base-url http://127.0.0.1:5000 [--out docs/screenshots]

Needs a running suite that serves the built web app (npm run build) and the
API. It signs up a fresh demo user, buys level 1 and one asset, and completes
two lessons, so that the cart, dashboard and player show real data.
Uses the `playwright` package of requirements-dev.in and Debian's Chromium
(tests/browser/chromium.py); it never downloads a browser.

With --staff it shoots the staff pages instead (/admin, as an admin made
with `python -m auth.admin`, which must reach the suite's database: run it
with the suite's environment), the not-allowed page and the checkout's coupon.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Page, expect, sync_playwright

from chromium import CHROMIUM, launch

REPO = Path(__file__).resolve().parents[2]


def settle(page: Page) -> None:
    """Wait until no skeleton is left on the page."""
    expect(page.locator('[aria-busy="true"]')).to_have_count(0, timeout=20_000)
    page.wait_for_load_state("networkidle")


def shoot(page: Page, out: Path, name: str, full_page: bool = False) -> None:
    settle(page)
    path = out / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled")
    print("wrote", path.relative_to(REPO) if path.is_relative_to(REPO) else path)


STAFF_PAGES = [
    ("staff-home", "/admin"),
    ("staff-courses", "/admin/courses"),
    ("staff-course-new", "/admin/courses/new"),
    ("staff-assets", "/admin/assets"),
    ("staff-asset-new", "/admin/assets/new"),
    ("staff-orders", "/admin/orders"),
    ("staff-coupons", "/admin/coupons"),
    ("staff-sales", "/admin/sales"),
]


def staff_pages(browser, base: str, out: Path, origin: str) -> None:
    """Each staff page as an admin, the learner lookup, the not-allowed page
    of a learner and the checkout's coupon field (desktop, and the sales
    page on a phone)."""
    run = uuid.uuid4().hex[:8]
    email = f"staff_{run}@example.com"
    for viewport, suffix in (({"width": 1440, "height": 900}, ""), ({"width": 390, "height": 844}, "-mobile")):
        context = browser.new_context(viewport=viewport, device_scale_factor=1)
        context.set_default_timeout(20_000)
        context.route(
            "**/*",
            lambda route: route.continue_() if urlparse(route.request.url).netloc == origin else route.abort(),
        )
        page = context.new_page()
        if not suffix:
            page.goto(base + "/register")
            page.get_by_label("Username").fill(f"staff_{run}")
            page.get_by_label("Email").fill(email)
            page.get_by_label("Password").fill("screenshots-" + run)
            page.get_by_role("button", name="Sign up").click()
            expect(page).to_have_url(re.compile(r"/dashboard$"))
            page.goto(base + "/admin")
            shoot(page, out, "staff-not-allowed")
            page.goto(base + "/courses/level-1")
            page.get_by_test_id("buy-course").click()
            page.goto(base + "/checkout")
            page.get_by_test_id("coupon-code").fill("NOSUCHCODE")
            page.get_by_test_id("coupon-apply").click()
            expect(page.get_by_test_id("coupon-error")).to_be_visible()
            shoot(page, out, "checkout-coupon", full_page=True)
            done = subprocess.run([sys.executable, "-m", "auth.admin", email, "--role", "admin"],
                                  cwd=REPO, capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr
        else:
            page.goto(base + "/login")
            page.get_by_label("Email").fill(email)
            page.get_by_label("Password").fill("screenshots-" + run)
            page.get_by_role("button", name="Log in").click()
            expect(page).to_have_url(re.compile(r"/dashboard$"))
        pages = STAFF_PAGES if not suffix else [("staff-sales", "/admin/sales"), ("staff-home", "/admin")]
        for name, path in pages:
            page.goto(base + path)
            shoot(page, out, name + suffix, full_page=True)
        if not suffix:
            page.goto(base + "/admin/learners?email=" + email)
            shoot(page, out, "staff-learner", full_page=True)
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default=os.environ.get("LIVE_URL", "http://127.0.0.1:5000"))
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--chromium", default=CHROMIUM)
    parser.add_argument("--staff", action="store_true", help="the staff pages (/admin) instead")
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    origin = urlparse(base).netloc

    with sync_playwright() as p:
        browser = launch(p, args.chromium)
        if args.staff:
            staff_pages(browser, base, out, origin)
            browser.close()
            return
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
