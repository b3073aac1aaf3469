"""Fixtures of the browser tests: Debian's Chromium, a fresh context per
test, and the base URL of the running suite (the `live_url` fixture)."""
from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect, sync_playwright

from chromium import CHROMIUM, launch
from steps import TIMEOUT_MS


@pytest.fixture
def base_url(live_url: str) -> str:
    return live_url.rstrip("/")


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        # `make test` installs it; a missing browser must not pass unnoticed.
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()
