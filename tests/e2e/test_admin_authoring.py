"""Staff's authoring routes (/api/admin/courses, lessons, assets) on the real
suite: every route with every role (a visitor 401, a learner 403, an
instructor and an admin allowed), and an instructor's course from draft to
the store (within a second: the gateway's cache hears the change), reordered,
deleted; an edited price leaves the orders already placed as they were."""

import time
import uuid

import pytest

from shared.errors import Forbidden
from tests.e2e.test_admin_api import make_role
from tests.e2e.test_certificates_and_receipts import pdf_text
from tests.support.api_client import ApiClient, unique
from tests.support.rpc import rpc_call
from tests.support.suite import wait_until
from tests.support.written import remove_written

pytestmark = pytest.mark.suite

MISSING = "00000000-0000-4000-8000-000000000000"
COURSE_PREFIX, ASSET_PREFIX = "light-", "PACK "


@pytest.fixture(scope="module")
def people(suite):
    clients = {"visitor": ApiClient(suite.url)}
    for role in ("learner", "instructor", "admin"):
        client = ApiClient(suite.url)
        client.register()
        if role != "learner":
            done = make_role(client.user["email"], role)
            assert done.returncode == 0, done.stderr
        clients[role] = client
    yield clients
    remove_written(courses=COURSE_PREFIX, assets=ASSET_PREFIX)
    for client in clients.values():
        client.close()


def course_body(**overrides) -> dict:
    return {
        "title": "LIGHTING FOR AI FILM", "slug": unique(COURSE_PREFIX), "description": "Light every shot on purpose.",
        "shortDescription": "Lighting", "price": "59.00", "level": "03", "duration": "1.0 HOURS",
        "color": "acidGreen", **overrides,
    }


def lesson_body(module: int, number: int, **overrides) -> dict:
    return {"moduleNumber": module, "moduleName": f"Module {module}", "lessonNumber": number,
            "title": f"Lesson {module}.{number}", "duration": 10, **overrides}


def asset_body(**overrides) -> dict:
    return {"title": unique(ASSET_PREFIX), "description": "Foley.", "price": "19.00", "category": "sound",
            "fileFormat": "WAV", "color": "signalOrange", **overrides}


def created(response, key: str) -> dict:
    assert response.status_code == 201, response.text
    return response.json()[key]


def every_route(author: ApiClient) -> list[tuple[str, str, dict, int]]:
    """(method, path, kwargs, status for staff) for each route, on fresh rows of ``author``'s."""
    course = created(author.post("/api/admin/courses", json=course_body()), "course")
    lesson = created(author.post(f"/api/admin/courses/{course['id']}/lessons", json=lesson_body(1, 1)), "lesson")
    doomed = created(author.post(f"/api/admin/courses/{course['id']}/lessons", json=lesson_body(1, 2)), "lesson")
    asset = created(author.post("/api/admin/assets", json=asset_body()), "asset")
    doomed_asset = created(author.post("/api/admin/assets", json=asset_body()), "asset")
    doomed_course = created(author.post("/api/admin/courses", json=course_body()), "course")
    return [
        ("GET", "/api/admin/courses", {}, 200),
        ("POST", "/api/admin/courses", {"json": course_body()}, 201),
        ("GET", f"/api/admin/courses/{course['id']}", {}, 200),
        ("PUT", f"/api/admin/courses/{course['id']}", {"json": course_body(slug=course["slug"], title="NEW TITLE")}, 200),
        ("POST", f"/api/admin/courses/{course['id']}/lessons", {"json": lesson_body(2, 1)}, 201),
        ("PUT", f"/api/admin/lessons/{lesson['id']}", {"json": {"title": "Renamed"}}, 200),
        ("DELETE", f"/api/admin/lessons/{doomed['id']}", {}, 204),
        ("PUT", f"/api/admin/courses/{course['id']}/outline",
         {"json": {"modules": [{"moduleName": "All", "lessonIds": [lesson["id"]]}]}}, 400),  # 2.1 is not named
        ("DELETE", f"/api/admin/courses/{doomed_course['id']}", {}, 204),
        ("GET", "/api/admin/assets", {}, 200),
        ("POST", "/api/admin/assets", {"json": asset_body()}, 201),
        ("PUT", f"/api/admin/assets/{asset['id']}", {"json": asset_body(title=asset["title"], price="21.00")}, 200),
        ("DELETE", f"/api/admin/assets/{doomed_asset['id']}", {}, 204),
    ]


ROUTE_COUNT = 13


@pytest.mark.parametrize(("role", "status"), [("visitor", 401), ("learner", 403)])
def test_authoring_routes_refuse_visitors_and_learners(people, role, status):
    routes = every_route(people["admin"])
    assert len(routes) == ROUTE_COUNT
    for method, path, kwargs, _ in routes:
        response = people[role].request(method, path, **kwargs)
        assert response.status_code == status, (method, path, response.text)
        if status == 403:
            assert response.json()["code"] == "ROLE_REQUIRED"
    # Nothing was changed by the refused calls.
    course_path = routes[2][1]
    assert people["admin"].get(course_path).json()["course"]["title"] == "LIGHTING FOR AI FILM"


@pytest.mark.parametrize("role", ["instructor", "admin"])
def test_instructors_and_admins_may_use_every_authoring_route(people, role):
    for method, path, kwargs, status in every_route(people[role]):
        response = people[role].request(method, path, **kwargs)
        assert response.status_code == status, (method, path, response.text)
        if status == 400:
            assert response.json()["code"] == "OUTLINE_MISMATCH"


def test_catalog_refuses_a_learner_called_directly(people):
    learner = {"id": people["learner"].user["id"], "role": "learner"}
    with pytest.raises(Forbidden):
        rpc_call("catalog", "create_course", learner, course_body())
    with pytest.raises(Forbidden):
        rpc_call("catalog", "admin_list_courses", learner)


def test_an_instructors_course_from_draft_to_the_store_then_reordered_and_deleted(people):
    instructor, learner, visitor = people["instructor"], people["learner"], people["visitor"]
    course = created(instructor.post("/api/admin/courses", json=course_body()), "course")
    assert course["status"] == "draft"
    first = created(instructor.post(f"/api/admin/courses/{course['id']}/lessons",
                                    json=lesson_body(1, 1, preview=True, status="published")), "lesson")
    second = created(instructor.post(f"/api/admin/courses/{course['id']}/lessons",
                                     json=lesson_body(1, 2, status="published")), "lesson")
    # Warm the cache while it is a draft: the list, and a 404 for the page.
    assert course["slug"] not in {c["slug"] for c in visitor.get("/api/courses").json()["courses"]}
    assert visitor.get(f"/api/courses/{course['slug']}").status_code == 404
    assert learner.get(f"/api/lessons/{first['id']}").status_code == 404
    draft_order = learner.post("/api/orders", json={"items": [{"itemType": "course", "itemId": course["id"]}]})
    assert draft_order.status_code == 404 and draft_order.json()["code"] == "ITEM_NOT_FOUND"

    published = instructor.put(f"/api/admin/courses/{course['id']}", json=course_body(slug=course["slug"], status="published"))
    assert published.status_code == 200 and published.json()["course"]["lessonsCount"] == 2
    started = time.monotonic()
    wait_until(
        lambda: course["slug"] in {c["slug"] for c in visitor.get("/api/courses").json()["courses"]},
        1.0, message="the published course in the store",
    )
    assert time.monotonic() - started < 1.0
    page = visitor.get(f"/api/courses/{course['slug']}").json()
    assert [lesson["id"] for lesson in page["lessons"]] == [first["id"], second["id"]]
    assert visitor.get(f"/api/lessons/{first['id']}").status_code == 200  # the preview

    reordered = instructor.put(f"/api/admin/courses/{course['id']}/outline", json={"modules": [
        {"moduleName": "Basics", "lessonIds": [second["id"]]}, {"moduleName": "More", "lessonIds": [first["id"]]},
    ]})
    assert reordered.status_code == 200, reordered.text
    wait_until(
        lambda: [(l["id"], l["moduleNumber"], l["moduleName"]) for l in visitor.get(f"/api/courses/{course['slug']}").json()["lessons"]]
        == [(second["id"], 1, "Basics"), (first["id"], 2, "More")],
        1.0, message="the new outline in the store",
    )

    assert instructor.delete(f"/api/admin/courses/{course['id']}").status_code == 204
    wait_until(lambda: visitor.get(f"/api/courses/{course['slug']}").status_code == 404, 1.0, message="the course gone")
    assert course["slug"] not in {c["slug"] for c in visitor.get("/api/courses").json()["courses"]}
    assert course["id"] not in {c["id"] for c in instructor.get("/api/admin/courses").json()["courses"]}
    assert instructor.get(f"/api/admin/courses/{course['id']}").status_code == 404


def test_a_new_price_leaves_orders_placed_at_the_old_one(people, suite):
    admin = people["admin"]
    course = created(admin.post("/api/admin/courses", json=course_body(price="30.00", status="published")), "course")
    with ApiClient(suite.url) as buyer:
        buyer.register()
        order = buyer.post("/api/orders", json={"items": [{"itemType": "course", "itemId": course["id"]}]})
        assert order.status_code == 201, order.text
        edited = admin.put(f"/api/admin/courses/{course['id']}", json=course_body(slug=course["slug"], price="45.00"))
        assert edited.json()["course"]["price"] == "45.00"
        (placed,) = buyer.get("/api/orders").json()["orders"]
        assert (placed["totalAmount"], placed["items"][0]["price"]) == ("30.00", "30.00")
        # Unpublished, the course stays on the dashboard of who bought it.
        unpublished = admin.put(f"/api/admin/courses/{course['id']}", json=course_body(slug=course["slug"], status="draft"))
        assert unpublished.status_code == 200
        wait_until(
            lambda: course["id"] in {e["courseId"] for e in buyer.get("/api/enrollments").json()["enrollments"]},
            10, message="the enrollment",
        )
        # And its receipt still names it.
        receipt = buyer.get(f"/api/orders/{placed['id']}/receipt")
        assert receipt.status_code == 200
        assert course["title"] in pdf_text(receipt)
    with ApiClient(suite.url) as later:
        later.register()
        admin.put(f"/api/admin/courses/{course['id']}", json=course_body(slug=course["slug"], price="45.00", status="published"))
        wait_until(lambda: later.get(f"/api/courses/{course['slug']}").status_code == 200, 1.0, message="republished")
        order = later.post("/api/orders", json={"items": [{"itemType": "course", "itemId": course["id"]}]})
        assert order.status_code == 201 and order.json()["order"]["totalAmount"] == "45.00"


def test_bad_input_is_a_clear_400_or_409_and_changes_nothing(people):
    admin = people["admin"]
    before = admin.get("/api/admin/courses").json()["courses"]
    for body, code in [
        (course_body(slug="Bad Slug"), "VALIDATION_ERROR"),
        (course_body(price="12.5"), "VALIDATION_ERROR"),
        (course_body(title=""), "VALIDATION_ERROR"),
        (course_body(slug="level-1"), "SLUG_TAKEN"),
    ]:
        response = admin.post("/api/admin/courses", json=body)
        assert response.status_code in (400, 409) and response.json()["code"] == code, response.text
    assert admin.get("/api/admin/courses").json()["courses"] == before
    course = created(admin.post("/api/admin/courses", json=course_body()), "course")
    created(admin.post(f"/api/admin/courses/{course['id']}/lessons", json=lesson_body(1, 1)), "lesson")
    taken = admin.post(f"/api/admin/courses/{course['id']}/lessons", json=lesson_body(1, 1))
    assert taken.status_code == 409 and taken.json()["code"] == "LESSON_NUMBER_TAKEN"
    assert admin.post(f"/api/admin/courses/{course['id']}/lessons", json=lesson_body(0, 1)).status_code == 400
    assert admin.get(f"/api/admin/courses/{uuid.uuid4()}").status_code == 404
    assert admin.put(f"/api/admin/lessons/{MISSING}", json={"title": "x"}).status_code == 404
    assert admin.delete("/api/admin/assets/nope").status_code == 404
    outline = admin.put(f"/api/admin/courses/{course['id']}/outline", json={"modules": [{"moduleName": "X", "lessonIds": [MISSING]}]})
    assert outline.status_code == 400 and outline.json()["code"] == "OUTLINE_MISMATCH"


def test_a_draft_asset_stays_out_of_the_store_until_published(people):
    admin, visitor = people["admin"], people["visitor"]
    asset = created(admin.post("/api/admin/assets", json=asset_body()), "asset")
    assert asset["id"] not in {a["id"] for a in visitor.get("/api/assets").json()["assets"]}
    assert visitor.get(f"/api/assets/{asset['id']}").status_code == 404
    assert admin.put(f"/api/admin/assets/{asset['id']}", json=asset_body(title=asset["title"], status="published")).status_code == 200
    wait_until(lambda: visitor.get(f"/api/assets/{asset['id']}").status_code == 200, 1.0, message="the published asset")
    assert admin.delete(f"/api/admin/assets/{asset['id']}").status_code == 204
    wait_until(lambda: visitor.get(f"/api/assets/{asset['id']}").status_code == 404, 1.0, message="the asset gone")


def test_authors_upload_to_drafts_before_they_publish(people):
    instructor = people["instructor"]
    course = created(instructor.post("/api/admin/courses", json=course_body()), "course")
    lesson = created(instructor.post(f"/api/admin/courses/{course['id']}/lessons", json=lesson_body(1, 1)), "lesson")
    asset = created(instructor.post("/api/admin/assets", json=asset_body()), "asset")
    assert (course["status"], lesson["status"], asset["status"]) == ("draft", "draft", "draft")
    for owner_type, owner, kind, name in (("lesson", lesson, "video", "intro.mp4"), ("asset", asset, "pack", "pack.zip")):
        upload = instructor.post(
            "/api/admin/uploads",
            json={"ownerType": owner_type, "ownerId": owner["id"], "kind": kind, "fileName": name, "size": 1024},
        )
        assert upload.status_code == 201, upload.text
        assert upload.json()["upload"]["status"] == "receiving"
