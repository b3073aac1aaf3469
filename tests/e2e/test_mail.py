"""Mail on the real suite, sent to its own local SMTP server (the Procfile's
mail-sink, an aiosmtpd process on a free loopback port): a welcome on
registration, a receipt after checkout, a certificate at 100 %, each once
even when its event comes again; mail waits while the SMTP server is down
and arrives when it is back; a password reset from the link in its mail;
a password change."""

import os
import time

from kombu import Connection
from nameko.standalone.events import get_event_exchange
from sqlalchemy import text

from shared.events import COMMERCE, ORDER_COMPLETED
from tests.support.api_client import PASSWORD, ApiClient
from tests.support.mail import messages_to, parts, reset_token, wait_for_mail
from tests.support.suite import wait_until

SCHOOL = "Infinite Studio"
NEW_PASSWORD = "a new and longer passphrase"
# How long a second copy of a mail would take to arrive, were it sent: the
# mail timer runs every second.
QUIET_SECONDS = 3


def mail_rows(admin_engine, recipient) -> list[dict]:
    with admin_engine.connect() as conn:
        return [
            dict(row._mapping)
            for row in conn.execute(
                text(
                    "SELECT event_id, template, status, attempts, body_text FROM notifications.mails"
                    " WHERE recipient = :to ORDER BY created_at"
                ),
                {"to": recipient},
            )
        ]


def test_registration_sends_one_welcome_mail_with_text_and_html(api, suite, admin_engine):
    user = api.register()
    (welcome,) = wait_for_mail(suite.mail_dir, user["email"])
    assert welcome["Subject"] == f"Welcome to {SCHOOL}"
    assert SCHOOL in str(welcome["From"]) and welcome["Message-ID"]
    body, html = parts(welcome)
    assert user["username"] in body and SCHOOL in body
    assert user["username"] in html and "<html" in html
    assert PASSWORD not in body + html
    time.sleep(QUIET_SECONDS)
    assert len(messages_to(suite.mail_dir, user["email"])) == 1
    (row,) = mail_rows(admin_engine, user["email"])
    assert (row["template"], row["status"], row["body_text"]) == ("welcome", "sent", None)


def published_order_event(admin_engine, order_id) -> dict:
    def published():
        with admin_engine.connect() as conn:
            return conn.execute(
                text("SELECT payload FROM commerce.outbox WHERE aggregate_id = :id AND published_at IS NOT NULL"),
                {"id": order_id},
            ).scalar()

    return wait_until(published, 15, message="the order's event to be published")


def test_checkout_mails_one_receipt_even_when_its_event_comes_twice(api, suite, admin_engine):
    user = api.register()
    course = api.course("level-1")["course"]
    asset = next(a for a in api.assets() if a["title"] == "CYBERPUNK TEXTURES VOL. 1")
    response = api.post(
        "/api/orders",
        json={"items": [{"itemType": "course", "itemId": course["id"]}, {"itemType": "asset", "itemId": asset["id"]}]},
    )
    assert response.status_code == 201, response.text
    order = response.json()["order"]

    receipt = next(m for m in wait_for_mail(suite.mail_dir, user["email"], 2) if "receipt" in m["Subject"])
    body, html = parts(receipt)
    for expected in (order["id"], course["title"], "$149.00", asset["title"], "$29.00", "Total", "$178.00"):
        assert expected in body, expected
        assert expected in html, expected
    assert f"/api/orders/{order['id']}/receipt" in body

    # The same event again, as a broker redelivery or a relay that published
    # twice would bring it: nothing new is sent.
    event = published_order_event(admin_engine, order["id"])
    with Connection(os.environ["AMQP_URI"]) as conn:
        producer = conn.Producer()
        producer.publish(
            event,
            exchange=get_event_exchange(COMMERCE, {}),
            routing_key=ORDER_COMPLETED,
            serializer="json",
            delivery_mode=2,
            declare=[get_event_exchange(COMMERCE, {})],
        )
    time.sleep(QUIET_SECONDS)
    receipts = [m for m in messages_to(suite.mail_dir, user["email"]) if "receipt" in m["Subject"]]
    assert len(receipts) == 1
    rows = [r for r in mail_rows(admin_engine, user["email"]) if r["template"] == "receipt"]
    assert [(r["event_id"], r["status"]) for r in rows] == [(event["eventId"], "sent")]


def test_finishing_a_course_mails_its_certificate_with_the_link(api, suite):
    user = api.register()
    level_1 = api.buy_course("level-1")
    enrollment = next(e for e in api.get("/api/enrollments").json()["enrollments"])
    for lesson in level_1["lessons"]:
        response = api.post(
            "/api/progress", json={"enrollmentId": enrollment["id"], "lessonId": lesson["id"], "completed": True}
        )
        assert response.status_code == 200, response.text
    code = next(e for e in api.get("/api/enrollments").json()["enrollments"])["certificate"]["code"]

    mails = wait_for_mail(suite.mail_dir, user["email"], 3)
    (certificate,) = [m for m in mails if "certificate" in m["Subject"]]
    body, html = parts(certificate)
    assert level_1["course"]["title"] in body and code in body
    assert f"/certificates/{code}" in body and f"/certificates/{code}" in html


def test_mail_waits_while_the_smtp_server_is_down_and_arrives_after(api, suite, admin_engine):
    (sink,) = suite.processes["mail-sink"]
    suite.stop(sink)
    try:
        user = api.register()  # registration does not wait on mail
        assert api.get("/api/auth/me").status_code == 200
        time.sleep(30)
        assert messages_to(suite.mail_dir, user["email"]) == []
        (row,) = mail_rows(admin_engine, user["email"])
        assert row["status"] in ("pending", "sending") and row["attempts"] >= 3, row
    finally:
        suite.start("mail-sink")
    (welcome,) = wait_for_mail(suite.mail_dir, user["email"], timeout=30)
    assert welcome["Subject"] == f"Welcome to {SCHOOL}"


def test_a_password_reset_from_the_mailed_link_ends_every_session(api_factory, suite, admin_engine):
    first, second, visitor = api_factory(), api_factory(), api_factory()
    user = first.register()
    assert second.post("/api/auth/login", json={"email": user["email"], "password": PASSWORD}).status_code == 200

    unknown = visitor.post("/api/auth/password-reset", json={"email": f"nobody-{user['username']}@example.com"})
    asked = visitor.post("/api/auth/password-reset", json={"email": user["email"].upper()})
    assert asked.status_code == unknown.status_code == 202
    assert asked.content == unknown.content

    reset = next(m for m in wait_for_mail(suite.mail_dir, user["email"], 2) if "Reset" in m["Subject"])
    token = reset_token(reset)
    assert len(token) >= 22  # 128 bits and more, in base64url
    # auth keeps no copy of the token once its event is out.
    with admin_engine.connect() as conn:
        payloads = conn.execute(
            text("SELECT payload FROM auth.outbox WHERE event_type = 'password_reset_requested' AND aggregate_id = :id"),
            {"id": user["id"]},
        ).scalars().all()
        assert payloads and all("token" not in p for p in payloads)
        assert token not in str(conn.execute(text("SELECT token_hash FROM auth.password_resets")).scalars().all())

    weak = visitor.post("/api/auth/password-reset/confirm", json={"token": token, "password": "short"})
    assert weak.status_code == 400 and "password" in weak.json()["details"]["fields"]
    done = visitor.post("/api/auth/password-reset/confirm", json={"token": token, "password": NEW_PASSWORD})
    assert done.status_code == 204, done.text

    assert first.get("/api/auth/me").status_code == 401
    assert second.get("/api/auth/me").status_code == 401
    again = visitor.post("/api/auth/password-reset/confirm", json={"token": token, "password": NEW_PASSWORD + "!"})
    made_up = visitor.post("/api/auth/password-reset/confirm", json={"token": "x" * 43, "password": NEW_PASSWORD})
    assert again.status_code == made_up.status_code == 400
    assert again.json() == made_up.json() and again.json()["code"] == "RESET_TOKEN_INVALID"
    old = visitor.post("/api/auth/login", json={"email": user["email"], "password": PASSWORD})
    new = visitor.post("/api/auth/login", json={"email": user["email"], "password": NEW_PASSWORD})
    assert (old.status_code, new.status_code) == (401, 200)
    # The unknown address got nothing.
    assert messages_to(suite.mail_dir, f"nobody-{user['username']}@example.com") == []


def test_changing_the_password_keeps_this_session_under_a_new_cookie_and_ends_the_others(api_factory):
    this, other = api_factory(), api_factory()
    user = this.register()
    assert other.post("/api/auth/login", json={"email": user["email"], "password": PASSWORD}).status_code == 200
    before = dict(this.cookies)

    wrong = this.put("/api/auth/password", json={"currentPassword": "not it at all", "newPassword": NEW_PASSWORD})
    assert wrong.status_code == 401 and wrong.json()["code"] == "CURRENT_PASSWORD_WRONG"
    assert this.get("/api/auth/me").status_code == 200 and other.get("/api/auth/me").status_code == 200

    changed = this.put("/api/auth/password", json={"currentPassword": PASSWORD, "newPassword": NEW_PASSWORD})
    assert changed.status_code == 204, changed.text
    assert dict(this.cookies) != before
    assert this.get("/api/auth/me").json()["user"]["id"] == user["id"]
    assert other.get("/api/auth/me").status_code == 401
    with ApiClient(str(this.base_url), cookies=before) as stale:
        assert stale.get("/api/auth/me").status_code == 401
    fresh = other.post("/api/auth/login", json={"email": user["email"], "password": NEW_PASSWORD})
    assert fresh.status_code == 200
