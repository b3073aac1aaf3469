"""Buying an asset and downloading it in Debian's Chromium: the store shows
each pack's real preview, checkout buys it, and the dashboard's "My assets"
and the asset's page download the zip (Playwright's download event), whose
bytes are the pack the API describes."""
from __future__ import annotations

import hashlib
import re
import uuid
import zipfile

from playwright.sync_api import Page, expect

from steps import screenshot_on_failure, sign_up

ASSET_TITLE = "CINEMATIC LUTS PACK"


def test_a_bought_asset_downloads_from_the_dashboard_and_its_page(page: Page, base_url: str) -> None:
    run = uuid.uuid4().hex[:10]
    with screenshot_on_failure(page, "test_a_bought_asset_downloads"):
        sign_up(page, base_url, f"dl_{run}", f"dl_{run}@example.com", "film-school-42")

        # The store: every card shows its preview image, not initials.
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Asset store").click()
        expect(page.get_by_test_id("asset-grid")).to_be_visible()
        previews = page.get_by_test_id("asset-grid").get_by_role("img", name=re.compile("^Preview of "))
        expect(previews).to_have_count(6)
        card = page.get_by_role("article", name=ASSET_TITLE)
        image = card.get_by_role("img", name=f"Preview of {ASSET_TITLE}")
        expect(image).to_have_attribute("src", re.compile(r"^/media/previews/[0-9a-f-]{36}\.jpg$"))
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth === 960", arg=image.element_handle())

        card.get_by_role("link", name=ASSET_TITLE).click()
        expect(page.get_by_test_id("asset-download")).to_have_count(0)
        page.get_by_test_id("add-asset").click()
        page.get_by_test_id("nav-cart").click()
        page.get_by_test_id("checkout-button").click()
        page.get_by_test_id("place-order").click()
        expect(page).to_have_url(re.compile(r"/dashboard$"))
        expect(page.get_by_test_id("order-confirmation")).to_contain_text("confirmed")

        # The dashboard lists what was bought, with its download.
        mine = page.get_by_role("region", name="My assets")
        expect(mine.get_by_role("listitem")).to_have_count(1)
        with page.expect_download() as started:
            mine.get_by_role("button", name=f"Download {ASSET_TITLE}").click()
        download = started.value
        assert download.suggested_filename == "cinematic-luts-pack.zip"
        data = open(download.path(), "rb").read()
        expect(mine.get_by_role("status")).to_contain_text("Your download has started")

        asset_id = page.request.get(base_url + "/api/assets").json()["assets"]
        asset_id = next(a["id"] for a in asset_id if a["title"] == ASSET_TITLE)
        described = page.request.get(f"{base_url}/api/assets/{asset_id}/download").json()
        assert len(data) == described["sizeBytes"] and hashlib.sha256(data).hexdigest() == described["sha256"]
        with zipfile.ZipFile(download.path()) as archive:
            assert archive.testzip() is None
            cubes = [name for name in archive.namelist() if name.endswith(".cube")]
            assert archive.namelist()[0] == "README.txt" and cubes
            text = archive.read(cubes[0]).decode("ascii")
        assert "LUT_3D_SIZE 33" in text
        assert len([line for line in text.splitlines() if re.fullmatch(r"[0-9.]+ [0-9.]+ [0-9.]+", line)]) == 35937

        # The asset's page says it is owned, and downloads it too.
        mine.get_by_role("link", name=ASSET_TITLE).click()
        expect(page.get_by_test_id("asset-owned")).to_contain_text("You own this pack")
        with page.expect_download() as again:
            page.get_by_test_id("asset-download").click()
        assert hashlib.sha256(open(again.value.path(), "rb").read()).hexdigest() == described["sha256"]
