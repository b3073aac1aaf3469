"""The cart belongs to the user, not the browser: another user signing in on
the same browser never sees it; its owner finds it again; items a user owns
leave a visitor's cart at login, with a notice."""
from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from steps import screenshot_on_failure, sign_up
from tests.support.api_client import PASSWORD, ApiClient

ASSET_TITLE = "CYBERPUNK TEXTURES VOL. 1"


def log_in(page: Page, base_url: str, email: str) -> None:
    page.goto(base_url + "/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))


def add_asset(page: Page, base_url: str) -> None:
    page.goto(base_url + "/assets")
    page.get_by_role("article", name=ASSET_TITLE).get_by_role("button", name=f"Add to cart {ASSET_TITLE}").click()


def test_the_cart_follows_its_user_and_no_one_else(page: Page, base_url: str, live_url) -> None:
    run = uuid.uuid4().hex[:10]
    with ApiClient(live_url) as client:
        bob = client.register(f"bob_{run}")
    count = page.get_by_test_id("cart-count")
    with screenshot_on_failure(page, "test_the_cart_follows_its_user"):
        sign_up(page, base_url, f"alice_{run}", f"alice_{run}@example.com", PASSWORD)
        add_asset(page, base_url)
        expect(count).to_have_text("1")
        page.get_by_test_id("logout-button").click()
        expect(count).to_have_text("0")

        log_in(page, base_url, bob["email"])
        expect(count).to_have_text("0")
        page.get_by_test_id("logout-button").click()

        log_in(page, base_url, f"alice_{run}@example.com")
        expect(count).to_have_text("1")


def test_what_a_user_owns_leaves_the_visitors_cart_at_login(page: Page, base_url: str, live_url) -> None:
    run = uuid.uuid4().hex[:10]
    with ApiClient(live_url) as client:
        buyer = client.register(f"owner_{run}")
        asset = next(a for a in client.assets() if a["title"] == ASSET_TITLE)
        bought = client.post("/api/orders", json={"items": [{"itemType": "asset", "itemId": asset["id"]}]})
        assert bought.status_code == 201, bought.text
    with screenshot_on_failure(page, "test_what_a_user_owns_leaves_the_cart"):
        add_asset(page, base_url)
        expect(page.get_by_test_id("cart-count")).to_have_text("1")
        log_in(page, base_url, buyer["email"])
        expect(page.get_by_test_id("cart-owned-removed")).to_contain_text(ASSET_TITLE)
        expect(page.get_by_test_id("cart-count")).to_have_text("0")
