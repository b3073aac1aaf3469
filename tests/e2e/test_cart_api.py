"""The cart through the gateway: it belongs to the user, not the browser."""

import pytest

from tests.support.api_client import PASSWORD

pytestmark = pytest.mark.suite


def course_line(api, slug):
    return {"itemType": "course", "itemId": api.course(slug)["course"]["id"]}


def asset_line(api):
    return {"itemType": "asset", "itemId": api.assets()[0]["id"]}


def test_a_users_cart_follows_them_and_no_one_else_sees_it(api, api_factory):
    api.register()
    lines = [course_line(api, "level-2"), asset_line(api)]
    saved = api.put("/api/cart", json={"items": lines})
    assert saved.status_code == 200 and saved.json() == {"items": lines}

    # Another browser of the same user.
    other_browser = api_factory()
    login = other_browser.post("/api/auth/login", json={"email": api.user["email"], "password": PASSWORD})
    assert login.status_code == 200, login.text
    assert other_browser.get("/api/cart").json() == {"items": lines}

    stranger = api_factory()
    stranger.register()
    assert stranger.get("/api/cart").json() == {"items": []}
    assert api_factory().get("/api/cart").status_code == 401


def test_at_login_the_visitors_cart_is_merged_without_what_the_user_owns(api):
    api.register()
    owned, wanted = course_line(api, "level-1"), asset_line(api)
    assert api.post("/api/orders", json={"items": [owned]}).status_code == 201

    merged = api.post("/api/cart/merge", json={"items": [owned, wanted]})
    assert merged.status_code == 200
    assert merged.json() == {"items": [wanted], "removed": [owned]}
    refused = api.put("/api/cart", json={"items": [owned]})
    assert (refused.status_code, refused.json()["code"]) == (400, "ALREADY_OWNED")


def test_checkout_empties_the_cart_of_what_it_bought(api):
    api.register()
    bought, left = course_line(api, "level-2"), asset_line(api)
    api.put("/api/cart", json={"items": [bought, left]})
    assert api.post("/api/orders", json={"items": [bought]}).status_code == 201
    assert api.get("/api/cart").json() == {"items": [left]}


def test_a_bad_cart_is_a_4xx_and_changes_nothing(api):
    api.register()
    line = asset_line(api)
    api.put("/api/cart", json={"items": [line]})
    for body, status in (
        ({"items": [line, line]}, 400),
        ({"items": [{"itemType": "course", "itemId": "00000000-0000-4000-8000-000000000000"}]}, 404),
        ({"items": [{"itemType": "song", "itemId": line["itemId"]}]}, 400),
        ({"items": "nope"}, 400),
        ({"items": [line] * 51}, 400),
    ):
        assert api.put("/api/cart", json=body).status_code == status, body
    assert api.get("/api/cart").json() == {"items": [line]}
