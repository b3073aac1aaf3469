"""Checkout, enrollment and progress through the gateway, on the real suite."""

import uuid

import pytest
from sqlalchemy import text

from tests.support.suite import wait_until

ENROLLMENT_DEADLINE = 10


def asset_titled(api, title):
    return next(asset for asset in api.assets() if asset["title"] == title)


def buy(api, *items, status=201):
    response = api.post("/api/orders", json={"items": [{"itemType": t, "itemId": i} for t, i in items]})
    assert response.status_code == status, response.text
    return response.json()


def enrollments(api):
    response = api.get("/api/enrollments")
    assert response.status_code == 200, response.text
    return response.json()["enrollments"]


def wait_for_enrollment(api, course_id):
    def enrolled():
        return next((e for e in enrollments(api) if e["courseId"] == course_id), None)

    return wait_until(enrolled, ENROLLMENT_DEADLINE, message=f"enrollment in {course_id}")


def set_progress(api, enrollment_id, lesson_id, completed, status=200):
    response = api.post(
        "/api/progress", json={"enrollmentId": enrollment_id, "lessonId": lesson_id, "completed": completed}
    )
    assert response.status_code == status, response.text
    return response.json()


def order_rows(admin_engine, user_id):
    with admin_engine.connect() as conn:
        return {
            table: conn.execute(text(query), {"user": user_id}).scalar()
            for table, query in {
                "orders": "SELECT count(*) FROM commerce.orders WHERE user_id = :user",
                "purchases": "SELECT count(*) FROM commerce.purchases WHERE user_id = :user",
                "outbox": "SELECT count(*) FROM commerce.outbox WHERE payload->>'userId' = :user",
            }.items()
        }


def test_buy_enroll_learn_and_list_orders(api):
    user = api.register()
    level_1 = api.course("level-1")
    course, lessons = level_1["course"], level_1["lessons"]
    asset = asset_titled(api, "CYBERPUNK TEXTURES VOL. 1")

    placed = buy(api, ("course", course["id"]), ("asset", asset["id"]))
    order = placed["order"]
    assert set(order) == {"id", "userId", "totalAmount", "status", "createdAt", "discount", "couponCode"}
    assert (order["userId"], order["totalAmount"], order["status"]) == (user["id"], "178.00", "completed")
    assert [(i["orderId"], i["itemType"], i["itemId"], i["price"]) for i in placed["items"]] == [
        (order["id"], "course", course["id"], "149.00"),
        (order["id"], "asset", asset["id"], "29.00"),
    ]

    enrollment = wait_for_enrollment(api, course["id"])
    assert set(enrollment) == {"id", "userId", "courseId", "enrolledAt", "course", "progress", "resume", "certificate"}
    assert enrollment["userId"] == user["id"] and enrollment["course"]["slug"] == "level-1"
    assert enrollment["progress"] == {"total": 24, "completed": 0, "percentage": 0}
    assert enrollment["certificate"] is None

    first = set_progress(api, enrollment["id"], lessons[0]["id"], True)["progress"]
    assert set(first) == {"id", "enrollmentId", "lessonId", "completed", "completedAt"}
    assert first["completed"] is True and first["completedAt"].endswith("Z")
    assert enrollments(api)[0]["progress"] == {"total": 24, "completed": 1, "percentage": 4}
    set_progress(api, enrollment["id"], lessons[1]["id"], True)
    set_progress(api, enrollment["id"], lessons[1]["id"], True)  # twice counts once
    assert enrollments(api)[0]["progress"] == {"total": 24, "completed": 2, "percentage": 8}

    undone = set_progress(api, enrollment["id"], lessons[0]["id"], False)["progress"]
    assert (undone["id"], undone["completed"], undone["completedAt"]) == (first["id"], False, None)
    assert enrollments(api)[0]["progress"]["percentage"] == 4
    rows = api.get(f"/api/enrollments/{enrollment['id']}/progress").json()["progress"]
    assert {(r["lessonId"], r["completed"]) for r in rows} == {
        (lessons[0]["id"], False),
        (lessons[1]["id"], True),
    }

    listed = api.get("/api/orders").json()["orders"]
    assert listed == [{**order, "items": placed["items"]}]


def test_orders_are_listed_newest_first(api):
    api.register()
    level_1, level_2 = api.course("level-1")["course"], api.course("level-2")["course"]
    first = buy(api, ("course", level_1["id"]))["order"]
    second = buy(api, ("course", level_2["id"]))["order"]
    assert [o["id"] for o in api.get("/api/orders").json()["orders"]] == [second["id"], first["id"]]


def test_prices_come_from_the_catalog_whatever_the_client_sends(api):
    api.register()
    course = api.course("level-2")["course"]
    response = api.post(
        "/api/orders",
        json={
            "items": [{"itemType": "course", "itemId": course["id"], "price": "0.01"}],
            "totalAmount": "0.01",
        },
    )
    assert response.status_code == 201
    assert response.json()["order"]["totalAmount"] == "199.00"


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/api/orders"),
        ("POST", "/api/orders"),
        ("GET", "/api/enrollments"),
        ("POST", "/api/enrollments"),
        ("POST", "/api/progress"),
        ("GET", "/api/enrollments/8f0c5a52-3c1e-4d7b-9a61-2b4e5f6a7c80/progress"),
    ],
)
def test_every_endpoint_needs_a_session(api, method, path):
    body = {"items": [{"itemType": "course", "itemId": str(uuid.uuid4())}]} if method == "POST" else None
    assert api.request(method, path, json=body).status_code == 401


def test_rejected_orders_write_nothing(api, admin_engine):
    user = api.register()
    course = api.course("level-1")["course"]
    asset = asset_titled(api, "CINEMATIC LUTS PACK")
    buy(api, ("course", course["id"]))
    before = order_rows(admin_engine, user["id"])
    unknown = str(uuid.uuid4())
    rejections = [
        ({"items": []}, 400),
        ({}, 400),
        ({"items": [{"itemType": "asset", "itemId": str(uuid.uuid4())} for _ in range(51)]}, 400),
        ({"items": [{"itemType": "bundle", "itemId": asset["id"]}]}, 400),
        ({"items": [{"itemType": "asset", "itemId": unknown}]}, 404),
        ({"items": [{"itemType": "asset", "itemId": "not-an-id"}]}, 404),
        ({"items": [{"itemType": "course", "itemId": asset["id"]}]}, 404),
        (
            {
                "items": [
                    {"itemType": "asset", "itemId": asset["id"]},
                    {"itemType": "asset", "itemId": asset["id"]},
                ]
            },
            400,
        ),
        (
            {
                "items": [
                    {"itemType": "asset", "itemId": asset["id"]},
                    {"itemType": "course", "itemId": course["id"]},
                ]
            },
            409,
        ),
    ]
    for body, status in rejections:
        response = api.post("/api/orders", json=body)
        assert response.status_code == status, (body, response.text)
        assert set(response.json()) == {"message", "code", "details"} and response.json()["message"]
    assert (
        api.post("/api/orders", json={"items": [{"itemType": "course", "itemId": course["id"]}]}).json()[
            "code"
        ]
        == "ALREADY_PURCHASED"
    )
    assert order_rows(admin_engine, user["id"]) == before
    assert len(api.get("/api/orders").json()["orders"]) == 1


def test_enrolling_by_request(api):
    api.register()
    level_1, level_2 = api.course("level-1")["course"], api.course("level-2")["course"]

    unpaid = api.post("/api/enrollments", json={"courseId": level_2["id"]})
    assert unpaid.status_code == 402
    assert unpaid.json()["code"] == "COURSE_NOT_PURCHASED" and "purchased" in unpaid.json()["message"]
    assert api.post("/api/enrollments", json={"courseId": str(uuid.uuid4())}).status_code == 404
    assert api.post("/api/enrollments", json={"courseId": "level-1"}).status_code == 404
    assert api.post("/api/enrollments", json={}).status_code == 400
    assert enrollments(api) == []

    buy(api, ("course", level_1["id"]))
    wait_for_enrollment(api, level_1["id"])
    again = api.post("/api/enrollments", json={"courseId": level_1["id"]})
    assert again.status_code == 409 and again.json()["code"] == "ALREADY_ENROLLED"
    assert len(enrollments(api)) == 1


def test_progress_rejections(api):
    api.register()
    level_1, level_2 = api.course("level-1"), api.course("level-2")
    buy(api, ("course", level_1["course"]["id"]))
    enrollment = wait_for_enrollment(api, level_1["course"]["id"])

    other_course = set_progress(api, enrollment["id"], level_2["lessons"][0]["id"], True, status=400)
    assert other_course["code"] == "LESSON_NOT_IN_COURSE"
    assert (
        set_progress(api, enrollment["id"], str(uuid.uuid4()), True, status=404)["code"] == "LESSON_NOT_FOUND"
    )
    assert set_progress(api, enrollment["id"], "lesson-1", True, status=404)["code"] == "LESSON_NOT_FOUND"
    assert set_progress(api, str(uuid.uuid4()), level_1["lessons"][0]["id"], True, status=404)["code"] == (
        "ENROLLMENT_NOT_FOUND"
    )
    assert set_progress(api, enrollment["id"], level_1["lessons"][0]["id"], "yes", status=400)
    assert api.get(f"/api/enrollments/{enrollment['id']}/progress").json() == {"progress": []}
    assert api.get("/api/enrollments/not-an-id/progress").status_code == 404


def test_another_users_enrollment_progress_and_orders_are_not_found(api_factory):
    alice, bob = api_factory(), api_factory()
    alice.register()
    bob.register()
    level_1 = alice.course("level-1")
    buy(alice, ("course", level_1["course"]["id"]))
    enrollment = wait_for_enrollment(alice, level_1["course"]["id"])
    lesson = level_1["lessons"][0]["id"]
    set_progress(alice, enrollment["id"], lesson, True)
    before = alice.get(f"/api/enrollments/{enrollment['id']}/progress").json()
    missing = bob.get(f"/api/enrollments/{uuid.uuid4()}/progress")

    peek = bob.get(f"/api/enrollments/{enrollment['id']}/progress")
    assert peek.status_code == 404 and peek.json() == missing.json()
    change = bob.post(
        "/api/progress", json={"enrollmentId": enrollment["id"], "lessonId": lesson, "completed": False}
    )
    assert change.status_code == 404 and change.json() == missing.json()
    assert bob.get("/api/orders").json() == {"orders": []}
    assert bob.get("/api/enrollments").json() == {"enrollments": []}
    assert alice.get(f"/api/enrollments/{enrollment['id']}/progress").json() == before
