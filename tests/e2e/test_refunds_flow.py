"""Refunds end to end on the real suite (/api/admin/orders): every route with
every role; a refunded course leaves the learner's enrollments while an
asset of the same order still downloads, a refunded asset no longer does,
the buyer is mailed, and both can be bought again; a refund made while
learning is down is answered at once and revokes the enrollment exactly
once when learning is back."""

import os
import shutil
import subprocess
import sys
import uuid
from urllib.parse import unquote, urlsplit

import pytest
from nameko.standalone.events import event_dispatcher
from sqlalchemy import text

from shared.events import COMMERCE, ORDER_REFUNDED, event_queue_name
from tests.support.api_client import ApiClient
from tests.support.mail import parts, wait_for_mail
from tests.support.suite import ROOT, wait_until

DEADLINE = 20
LEARNING_QUEUE = event_queue_name(COMMERCE, ORDER_REFUNDED, "learning", "handle_order_refunded")
ASSET_TITLE = "CYBERPUNK TEXTURES VOL. 1"


def make_role(email: str, role: str) -> None:
    """``make admin`` as an operator runs it: ``python -m auth.admin``."""
    done = subprocess.run(
        [sys.executable, "-m", "auth.admin", email, "--role", role],
        cwd=ROOT, env=os.environ, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def people(suite):
    """A client per role, each logged in as a user of that role."""
    clients = {}
    for role in ("learner", "instructor", "admin"):
        client = ApiClient(suite.url)
        client.register()
        if role != "learner":
            make_role(client.user["email"], role)
        clients[role] = client
    clients["visitor"] = ApiClient(suite.url)
    yield clients
    for client in clients.values():
        client.close()


def item(kind: str, thing: dict) -> dict:
    return {"itemType": kind, "itemId": thing["id"]}


def place_order(client, *items) -> dict:
    response = client.post("/api/orders", json={"items": list(items)})
    assert response.status_code == 201, response.text
    return response.json()["order"]


def enrolled(client) -> list[str]:
    response = client.get("/api/enrollments")
    assert response.status_code == 200, response.text
    return [e["courseId"] for e in response.json()["enrollments"]]


def refund(admin, order_id, status=201, **body) -> dict:
    response = admin.post(f"/api/admin/orders/{order_id}/refunds", json={"reason": "Bought by mistake", **body})
    assert response.status_code == status, response.text
    return response.json()


def scalar(admin_engine, query, **params):
    with admin_engine.connect() as conn:
        return conn.execute(text(query), params).scalar()


@pytest.fixture(scope="module")
def buyer(suite):
    """A learner who bought level-1 and an asset in one order."""
    with ApiClient(suite.url) as client:
        client.register()
        client.level_1 = client.course("level-1")
        client.asset = next(a for a in client.assets() if a["title"] == ASSET_TITLE)
        client.order = place_order(client, item("course", client.level_1["course"]), item("asset", client.asset))
        wait_until(lambda: client.level_1["course"]["id"] in enrolled(client), DEADLINE, message="the enrollment")
        yield client


def routes(order_id: str, user_id: str) -> list[tuple[str, str, dict]]:
    return [
        ("GET", "/api/admin/orders", {"params": {"userId": user_id}}),
        ("GET", f"/api/admin/orders/{order_id}", {}),
        ("POST", f"/api/admin/orders/{order_id}/refunds", {"json": {"reason": "Not allowed"}}),
    ]


@pytest.mark.parametrize(("role", "status"), [("visitor", 401), ("learner", 403), ("instructor", 403)])
def test_order_routes_refuse_who_is_not_admin(people, buyer, role, status):
    for method, path, kwargs in routes(buyer.order["id"], buyer.user["id"]):
        response = people[role].request(method, path, **kwargs)
        assert response.status_code == status, (method, path, response.text)
        if status == 403:
            assert response.json()["code"] == "ROLE_REQUIRED"
    assert buyer.get("/api/orders").json()["orders"][0]["status"] == "completed"


def test_an_admin_lists_and_reads_orders(people, buyer):
    admin = people["admin"]
    listed = admin.get("/api/admin/orders", params={"userId": buyer.user["id"]})
    assert listed.status_code == 200, listed.text
    [order] = listed.json()["orders"]
    assert (order["id"], order["userId"], order["totalAmount"]) == (buyer.order["id"], buyer.user["id"], "178.00")
    assert order["refunds"] == [] and [i["refunded"] for i in order["items"]] == [False, False]
    one = admin.get(f"/api/admin/orders/{order['id']}")
    assert one.status_code == 200 and one.json() == {"order": order}
    everyone = admin.get("/api/admin/orders", params={"limit": 1})
    assert everyone.status_code == 200 and len(everyone.json()["orders"]) == 1
    assert admin.get("/api/admin/orders", params={"userId": "nobody"}).json() == {"orders": []}


@pytest.mark.parametrize(
    ("path", "body", "status", "code"),
    [
        ("{order}", {}, 400, None),
        ("{order}", {"reason": ""}, 400, None),
        ("{order}", {"reason": "x" * 501}, 400, None),
        ("{order}", {"reason": "R", "items": []}, 400, None),
        ("{order}", {"reason": "R", "items": [{"itemType": "course", "itemId": str(uuid.uuid4())}]}, 400, "ITEM_NOT_IN_ORDER"),
        ("{order}", {"reason": "R", "items": [{"itemType": "bundle", "itemId": str(uuid.uuid4())}]}, 400, None),
        (str(uuid.uuid4()), {"reason": "R"}, 404, "ORDER_NOT_FOUND"),
        ("not-an-order", {"reason": "R"}, 404, "ORDER_NOT_FOUND"),
    ],
)
def test_a_bad_refund_is_refused_and_changes_nothing(people, buyer, path, body, status, code):
    admin = people["admin"]
    response = admin.post(f"/api/admin/orders/{path.format(order=buyer.order['id'])}/refunds", json=body)
    assert response.status_code == status, response.text
    assert "code" in response.json() and (code is None or response.json()["code"] == code)
    assert admin.get(f"/api/admin/orders/{buyer.order['id']}").json()["order"]["refunds"] == []


def test_a_bad_limit_is_refused(people):
    for limit in (0, 201, "many"):
        response = people["admin"].get("/api/admin/orders", params={"limit": limit})
        assert response.status_code == 400, response.text


def download(client, asset) -> int:
    return client.get(f"/api/assets/{asset['id']}/download").status_code


def test_refunds_revoke_what_they_give_back_and_it_can_be_bought_again(people, buyer, suite):
    admin, course, asset = people["admin"], buyer.level_1["course"], buyer.asset
    gated = next(lesson for lesson in buyer.level_1["lessons"] if not lesson["preview"])
    assert download(buyer, asset) == 200
    assert buyer.get(f"/api/lessons/{gated['id']}").status_code == 200

    # The course: it leaves the learner's enrollments; the asset still downloads.
    answer = refund(admin, buyer.order["id"], items=[item("course", course)])
    assert answer["refund"]["amount"] == "149.00" and answer["refund"]["createdBy"] == admin.user["id"]
    assert answer["refund"]["items"] == [{"itemType": "course", "itemId": course["id"], "price": "149.00"}]
    assert answer["order"]["status"] == "partially_refunded"
    wait_until(lambda: course["id"] not in enrolled(buyer), DEADLINE, message="the enrollment to be revoked")
    assert buyer.get(f"/api/lessons/{gated['id']}").status_code == 402
    assert download(buyer, asset) == 200
    [mine] = buyer.get("/api/orders").json()["orders"]
    assert mine["status"] == "partially_refunded" and "refunds" not in mine
    assert {i["itemType"]: i["refunded"] for i in mine["items"]} == {"course": True, "asset": False}
    again = admin.post(f"/api/admin/orders/{buyer.order['id']}/refunds", json={"reason": "R", "items": [item("course", course)]})
    assert again.status_code == 409 and again.json()["code"] == "ALREADY_REFUNDED"

    # The rest (the asset): downloads stop.
    rest = refund(admin, buyer.order["id"])
    assert rest["refund"]["amount"] == "29.00" and rest["order"]["status"] == "refunded"
    assert [r["amount"] for r in rest["order"]["refunds"]] == ["149.00", "29.00"]
    assert download(buyer, asset) == 402
    assert refund(admin, buyer.order["id"], status=409)["code"] == "ALREADY_REFUNDED"

    # One mail per refund, to the buyer (and the welcome and the receipt before them).
    mails = [m for m in wait_for_mail(suite.mail_dir, buyer.user["email"], 4) if "refund" in m["Subject"]]
    assert len(mails) == 2 and all(buyer.order["id"][:8] in m["Subject"] for m in mails)
    bodies = [parts(m)[0] for m in mails]
    assert any(course["title"] in b and "$149.00" in b and "Bought by mistake" in b for b in bodies)
    assert any(asset["title"] in b and "$29.00" in b for b in bodies)

    # Bought again: the enrollment comes back, and the download.
    place_order(buyer, item("course", course), item("asset", asset))
    wait_until(lambda: course["id"] in enrolled(buyer), DEADLINE, message="the enrollment back")
    assert download(buyer, asset) == 200
    assert buyer.get(f"/api/lessons/{gated['id']}").status_code == 200

    sales = admin.get("/api/admin/sales").json()
    assert sales["refunds"] >= 2 and sales["days"][-1]["refunds"] >= 2
    assert float(sales["days"][-1]["refunded"]) >= 178.0


def redeliver(payload: dict) -> None:
    """Publish an order refunded event again, as commerce would (a redelivery)."""
    event_dispatcher({"AMQP_URI": os.environ["AMQP_URI"]}, mandatory=True)(COMMERCE, ORDER_REFUNDED, payload)


def queue_depth(name: str) -> int:
    """Messages in a queue, delivered-but-unacknowledged included."""
    vhost = unquote(urlsplit(os.environ["AMQP_URI"]).path.lstrip("/")) or "/"
    rabbitmqctl = shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"
    listed = subprocess.run(
        [rabbitmqctl, "-q", "list_queues", "-p", vhost, "name", "messages"],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout
    return int(dict(line.split("\t") for line in listed.splitlines() if "\t" in line)[name])


def test_a_refund_while_learning_is_down_revokes_once_it_is_back(people, suite, admin_engine):
    admin = people["admin"]
    with ApiClient(suite.url) as learner:
        learner.register()
        course = learner.course("level-2")["course"]
        order = place_order(learner, item("course", course))
        wait_until(lambda: course["id"] in enrolled(learner), DEADLINE, message="the enrollment")

        with suite.service_down("learning"):
            answer = refund(admin, order["id"], reason="Refunded while learning was down")
            assert answer["order"]["status"] == "refunded"
            # Published by commerce, kept by learning's durable queue meanwhile.
            wait_until(
                lambda: scalar(
                    admin_engine,
                    "SELECT payload FROM commerce.outbox WHERE aggregate_id = :id AND event_type = :t"
                    " AND published_at IS NOT NULL",
                    id=order["id"], t=ORDER_REFUNDED,
                ),
                DEADLINE, message="the refund's event to be published",
            )

        wait_until(lambda: course["id"] not in enrolled(learner), DEADLINE, message="the enrollment to be revoked")
        payload = scalar(
            admin_engine, "SELECT payload FROM commerce.outbox WHERE aggregate_id = :id AND event_type = :t",
            id=order["id"], t=ORDER_REFUNDED,
        )
        revoked_at = "SELECT revoked_at FROM learning.enrollments WHERE user_id = :u AND course_id = :c"
        first = scalar(admin_engine, revoked_at, u=learner.user["id"], c=course["id"])
        assert first is not None

        # The same event again changes nothing.
        redeliver(payload)
        wait_until(lambda: queue_depth(LEARNING_QUEUE) == 0, DEADLINE, interval=0.3, message="learning's queue to drain")
        processed = "SELECT count(*) FROM learning.processed_events WHERE event_id = :e"
        assert scalar(admin_engine, processed, e=payload["eventId"]) == 1
        failed = "SELECT count(*) FROM learning.failed_events WHERE event_id = :e"
        assert scalar(admin_engine, failed, e=payload["eventId"]) == 0
        assert scalar(admin_engine, revoked_at, u=learner.user["id"], c=course["id"]) == first
        assert enrolled(learner) == []
