"""The mails as a person reads them: both parts, the school's name, what
they must say, and nothing a user typed left unescaped in the HTML."""

from notifications import templates
from notifications.smtp import SmtpServer, build_message
from shared.settings import Settings

URL = "https://studio.example"
RECEIPT = {
    "id": "7d1c0f5e-9a55-4d7c-9d55-2a0d2b5e6f10",
    "totalAmount": "178.00",
    "createdAt": "2026-12-01T10:00:00Z",
    "items": [
        {"title": "MASTER THE BASICS", "price": "149.00"},
        {"title": "CYBERPUNK <TEXTURES>", "price": "29.00"},
    ],
}


def test_every_mail_names_the_school_in_both_parts():
    for rendered in (
        templates.welcome("ann", URL),
        templates.receipt("ann", RECEIPT, URL),
        templates.certificate("ann", "Level 1", "ABCDEFGHJKMN", URL),
        templates.password_reset("ann", "tok", 60, URL),
    ):
        assert templates.SCHOOL in rendered.text and templates.SCHOOL in rendered.html


def test_a_receipt_lists_each_item_with_its_price_and_the_total():
    rendered = templates.receipt("ann", RECEIPT, URL)
    for expected in ("MASTER THE BASICS", "$149.00", "$29.00", "Total", "$178.00", RECEIPT["id"]):
        assert expected in rendered.text
    assert "CYBERPUNK &lt;TEXTURES&gt;" in rendered.html and "<TEXTURES>" not in rendered.html
    assert f"{URL}/api/orders/{RECEIPT['id']}/receipt" in rendered.text


def test_a_reset_link_carries_its_token_in_the_fragment():
    rendered = templates.password_reset("ann", "abc_-123", 60, URL)
    assert f"{URL}/reset-password#token=abc_-123" in rendered.text
    assert "60 minutes" in rendered.text


def test_a_certificate_mail_links_the_public_page():
    rendered = templates.certificate("<ann>", "Level 1", "ABCDEFGHJKMN", URL)
    assert f"{URL}/certificates/ABCDEFGHJKMN" in rendered.text
    assert "&lt;ann&gt;" in rendered.html


def test_a_message_has_a_text_and_an_html_part_and_a_stable_id():
    rendered = templates.welcome("ann", URL)
    message = build_message("m-1", "Infinite Studio <no-reply@studio.example>", "a@x.io", "Hi", rendered.text, rendered.html)
    assert message["Message-ID"] == "<m-1@studio.example>"
    assert message.get_body(("plain",)).get_content().startswith("Hello ann")
    assert "<html" in message.get_body(("html",)).get_content()


def test_the_smtp_url_names_the_scheme_and_port():
    server = SmtpServer.from_settings(Settings(smtp_url="smtp+starttls://relay.example"))
    assert (server.scheme, server.host, server.port) == ("smtp+starttls", "relay.example", 587)
    assert SmtpServer.from_settings(Settings(smtp_url="smtps://relay.example:2465")).port == 2465
