"""Certificates and receipts through the gateway, on the real suite: finish a
course and its certificate is issued once, with one ``course_completed``
relayed; the PDFs say what they must, to whom they must."""

import io
import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from kombu import Connection, Queue
from nameko.standalone.events import get_event_exchange
from pypdf import PdfReader
from sqlalchemy import text

from shared.events import COURSE_COMPLETED, LEARNING, CourseCompleted
from tests.support.api_client import ApiClient
from tests.support.suite import wait_until

DEADLINE = 15


def buy(api, *items):
    response = api.post("/api/orders", json={"items": [{"itemType": t, "itemId": i} for t, i in items]})
    assert response.status_code == 201, response.text
    return response.json()


def enrollment_in(api, course_id):
    def found():
        response = api.get("/api/enrollments")
        assert response.status_code == 200, response.text
        return next((e for e in response.json()["enrollments"] if e["courseId"] == course_id), None)

    return wait_until(found, DEADLINE, message=f"the enrollment in {course_id}")


def set_progress(api, enrollment_id, lesson_id, completed=True):
    response = api.post(
        "/api/progress", json={"enrollmentId": enrollment_id, "lessonId": lesson_id, "completed": completed}
    )
    assert response.status_code == 200, response.text


def pdf_text(response) -> str:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def issued(admin_engine, enrollment_id) -> dict:
    """learning's certificate and outbox rows of an enrollment."""
    with admin_engine.connect() as conn:
        return {
            "certificates": conn.execute(
                text("SELECT count(*) FROM learning.certificates WHERE enrollment_id = :id"), {"id": enrollment_id}
            ).scalar(),
            "events": conn.execute(
                text("SELECT count(*) FROM learning.outbox WHERE aggregate_id = :id AND event_type = :type"),
                {"id": enrollment_id, "type": COURSE_COMPLETED},
            ).scalar(),
            "pending": conn.execute(
                text("SELECT count(*) FROM learning.outbox WHERE aggregate_id = :id AND published_at IS NULL"),
                {"id": enrollment_id},
            ).scalar(),
        }


@contextmanager
def course_completed_events():
    """A queue of our own on learning's events exchange, for the duration:
    ``read()`` gives the course completed events it has received so far."""
    queue = Queue(
        f"test-course-completed-{uuid.uuid4().hex[:8]}",
        exchange=get_event_exchange(LEARNING, {}),
        routing_key=COURSE_COMPLETED,
        exclusive=True,
        auto_delete=True,
    )
    with Connection(os.environ["AMQP_URI"]) as conn:
        bound = queue(conn.channel())
        bound.declare()
        received = []

        def read():
            while (message := bound.get(no_ack=True)) is not None:
                received.append(CourseCompleted.read(message.payload))
            return received

        yield read


@pytest.fixture
def level_1_learner(api):
    user = api.register()
    level_1 = api.course("level-1")
    buy(api, ("course", level_1["course"]["id"]))
    enrollment = enrollment_in(api, level_1["course"]["id"])
    return user, level_1, enrollment


def test_finishing_the_24_lessons_issues_one_certificate_and_one_relayed_event(api, admin_engine, level_1_learner):
    user, level_1, enrollment = level_1_learner
    lessons = [lesson["id"] for lesson in level_1["lessons"]]
    assert len(lessons) == 24 and enrollment["certificate"] is None

    with course_completed_events() as events:
        for lesson_id in lessons[:23]:
            set_progress(api, enrollment["id"], lesson_id)
        assert enrollment_in(api, level_1["course"]["id"])["certificate"] is None
        set_progress(api, enrollment["id"], lessons[23])

        certificate = enrollment_in(api, level_1["course"]["id"])["certificate"]
        assert set(certificate) == {"code", "issuedAt"} and certificate["issuedAt"].endswith("Z")
        wait_until(lambda: issued(admin_engine, enrollment["id"])["pending"] == 0, DEADLINE, message="the relay")
        (event,) = wait_until(
            lambda: [e for e in events() if e.enrollment_id == enrollment["id"]], DEADLINE, message="the event"
        )
        assert (event.user_id, event.course_id, event.certificate_code) == (
            user["id"], level_1["course"]["id"], certificate["code"]
        )
        assert (event.learner_name, event.course_title) == (user["username"], level_1["course"]["title"])

        # Unmarked and marked again: the certificate stays, nothing new is issued.
        set_progress(api, enrollment["id"], lessons[3], completed=False)
        after = enrollment_in(api, level_1["course"]["id"])
        assert after["progress"]["percentage"] == 96 and after["certificate"] == certificate
        set_progress(api, enrollment["id"], lessons[3])
        assert enrollment_in(api, level_1["course"]["id"])["certificate"] == certificate
        assert issued(admin_engine, enrollment["id"]) == {"certificates": 1, "events": 1, "pending": 0}
        assert [e for e in events() if e.enrollment_id == enrollment["id"]] == [event]

    verified = api.get(f"/api/certificates/{certificate['code']}")
    assert verified.status_code == 200
    assert verified.json() == {
        "code": certificate["code"],
        "learnerName": user["username"],
        "courseTitle": level_1["course"]["title"],
        "completedAt": certificate["issuedAt"],
    }
    text = pdf_text(api.get(f"/api/certificates/{certificate['code']}/pdf"))
    for expected in (user["username"], level_1["course"]["title"], certificate["code"], "/certificates/"):
        assert expected in text


def test_concurrent_completions_of_the_last_lessons_issue_one_certificate(api, admin_engine, level_1_learner):
    _, level_1, enrollment = level_1_learner
    lessons = [lesson["id"] for lesson in level_1["lessons"]]
    for lesson_id in lessons[:21]:
        set_progress(api, enrollment["id"], lesson_id)
    cookies = dict(api.cookies)

    def complete(lesson_id):
        with ApiClient(str(api.base_url), cookies=cookies) as client:
            set_progress(client, enrollment["id"], lesson_id)

    # The last three lessons, each three times, all at once.
    with ThreadPoolExecutor(max_workers=9) as pool:
        list(pool.map(complete, lessons[21:] * 3))

    assert enrollment_in(api, level_1["course"]["id"])["progress"]["percentage"] == 100
    assert enrollment_in(api, level_1["course"]["id"])["certificate"] is not None
    assert issued(admin_engine, enrollment["id"])["certificates"] == 1
    assert issued(admin_engine, enrollment["id"])["events"] == 1


@pytest.mark.parametrize("path", ["/api/certificates/{code}", "/api/certificates/{code}/pdf"])
def test_an_unknown_certificate_is_a_json_404_for_anyone(api, path):
    for code in ("ZZZZZZZZZZZZ", "not-a-code"):
        response = api.get(path.format(code=code))
        assert response.status_code == 404
        assert response.json()["code"] == "CERTIFICATE_NOT_FOUND"


def test_the_buyer_gets_a_pdf_receipt_and_anyone_else_a_404(api_factory):
    alice, bob = api_factory(), api_factory()
    buyer = alice.register()
    bob.register()
    course = alice.course("level-1")["course"]
    asset = next(a for a in alice.assets() if a["title"] == "CYBERPUNK TEXTURES VOL. 1")
    order = buy(alice, ("course", course["id"]), ("asset", asset["id"]))["order"]

    response = alice.get(f"/api/orders/{order['id']}/receipt")
    assert response.headers["content-disposition"].startswith("attachment;")
    text = pdf_text(response)
    for expected in (
        order["id"],
        f"{buyer['username']} <{buyer['email']}>",
        course["title"],
        "$149.00",
        asset["title"],
        "$29.00",
        "$178.00",
    ):
        assert expected in text

    unknown = bob.get(f"/api/orders/{uuid.uuid4()}/receipt")
    peek = bob.get(f"/api/orders/{order['id']}/receipt")
    assert peek.status_code == unknown.status_code == 404 and peek.json() == unknown.json()
    assert alice.get("/api/orders/not-an-id/receipt").status_code == 404
    alice.cookies.clear()
    assert alice.get(f"/api/orders/{order['id']}/receipt").status_code == 401
