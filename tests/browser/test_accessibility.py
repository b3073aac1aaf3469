"""axe-core on every page of the web app, as a visitor and as a learner who
finished a course (its certificate's page too), at desktop and phone sizes:
no serious or critical violation.

axe-core is pinned in web/package.json (`make web` installs it); it is
injected into each page after the page has settled.
"""
from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from steps import TIMEOUT_MS, finish_course, sign_up
from tests.e2e.test_admin_api import make_role

AXE = Path(__file__).resolve().parents[2] / "web" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def violations(page: Page) -> list[dict]:
    expect(page.locator('[aria-busy="true"]')).to_have_count(0)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations"
        ".map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))"
    )
    return [v for v in found if v["impact"] in BLOCKING]


def audit(page: Page, base_url: str, paths: list[str]) -> dict[str, list[dict]]:
    failures = {}
    for path in paths:
        page.goto(base_url + path)
        if found := violations(page):
            failures[path] = found
    return failures


@pytest.fixture(params=sorted(VIEWPORTS))
def viewport_page(request, browser):
    # CSP forbids inline script, which is how the audit script gets in.
    context = browser.new_context(viewport=VIEWPORTS[request.param], bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def test_no_serious_violation_on_any_page(viewport_page: Page, base_url: str, api) -> None:
    if not AXE.is_file():
        pytest.fail(f"axe-core not found at {AXE} (make web installs it)")
    page = viewport_page
    course = api.course("level-1")
    preview, paid = course["lessons"][0], course["lessons"][1]
    asset = api.get("/api/assets").json()["assets"][0]

    public = ["/", "/courses/level-1", "/assets", f"/assets/{asset['id']}", "/cart", "/login", "/register",
              "/forgot-password", "/reset-password", f"/learn/level-1/{preview['id']}", "/no-such-page"]
    failures = audit(page, base_url, public)

    run = uuid.uuid4().hex[:10]
    sign_up(page, base_url, f"a11y_{run}", f"a11y_{run}@example.com", "film-school-42")
    # A finished course: the dashboard with its certificate links, and the certificate's page.
    certificate = finish_course(page, base_url, "level-1")["certificate"]
    page.goto(base_url + "/assets")
    page.get_by_role("button", name=f"Add to cart {asset['title']}").click()
    signed_in = ["/dashboard", "/profile", "/cart", "/checkout", f"/learn/level-1/{paid['id']}", "/learn/level-2",
                 f"/certificates/{certificate['code']}"]
    failures |= audit(page, base_url, signed_in)

    assert failures == {}, "\n".join(f"{path}: {v}" for path, found in failures.items() for v in found)


STAFF_PAGES = ["/admin", "/admin/courses", "/admin/courses/new", "/admin/assets", "/admin/assets/new",
               "/admin/orders", "/admin/coupons", "/admin/sales"]


def test_no_serious_violation_on_the_staff_pages(viewport_page: Page, base_url: str) -> None:
    """The staff area as an admin (every page of its nav, a learner looked
    up), and the not-allowed page a learner sees there."""
    if not AXE.is_file():
        pytest.fail(f"axe-core not found at {AXE} (make web installs it)")
    page = viewport_page
    expect.set_options(timeout=TIMEOUT_MS)  # a staff page waits for a few answers
    run = uuid.uuid4().hex[:10]
    email = f"a11y_staff_{run}@example.com"
    sign_up(page, base_url, f"a11y_staff_{run}", email, "film-school-42")
    failures = audit(page, base_url, ["/admin"])  # not allowed, as a learner
    done = make_role(email, "admin")
    assert done.returncode == 0, done.stderr
    failures |= {"admin:" + k: v for k, v in
                 audit(page, base_url, STAFF_PAGES + [f"/admin/learners?email={email}"]).items()}
    assert failures == {}, "\n".join(f"{path}: {v}" for path, found in failures.items() for v in found)
