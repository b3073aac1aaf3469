"""The emails the school sends, each as a subject, a plain-text part and an
HTML part, from plain values (no I/O). Everything a user typed or a service
stored is escaped in the HTML part. No mail carries a secret but the one
single-use link a reset mail exists for.

Templates are Python functions rather than a template engine's files: five
short mails, each a few lines, read best next to the values they use.
"""

from dataclasses import dataclass
from html import escape
from urllib.parse import quote

SCHOOL = "Infinite Studio"

WELCOME, RECEIPT, CERTIFICATE, PASSWORD_RESET = "welcome", "receipt", "certificate", "password_reset"
REFUND = "refund"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def _page(title: str, paragraphs: list[str]) -> str:
    """The HTML part: a title and paragraphs (already escaped), in the school's colours."""
    body = "\n".join(f'<p style="margin:0 0 16px">{p}</p>' for p in paragraphs)
    return (
        "<!doctype html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title></head>\n'
        '<body style="margin:0;padding:24px;background:#0b0b14;color:#f2f2f7;'
        'font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5">\n'
        f'<p style="margin:0 0 24px;font-weight:bold;letter-spacing:2px">{SCHOOL.upper()}</p>\n'
        f'<h1 style="font-size:22px;margin:0 0 16px">{escape(title)}</h1>\n'
        f"{body}\n"
        f'<p style="margin:32px 0 0;color:#a0a0b8;font-size:13px">{SCHOOL}, the school of AI filmmaking.</p>\n'
        "</body></html>\n"
    )


def _link(url: str, label: str) -> str:
    return f'<a href="{escape(url, quote=True)}" style="color:#7cc4ff">{escape(label)}</a>'


def _signature(text: str) -> str:
    return f"{text}\n\n-- \n{SCHOOL}, the school of AI filmmaking.\n"


def welcome(username: str, public_url: str) -> Rendered:
    courses = f"{public_url}/"
    return Rendered(
        subject=f"Welcome to {SCHOOL}",
        text=_signature(
            f"Hello {username},\n\n"
            f"Welcome to {SCHOOL}. Your account is ready: pick a course and start filming.\n\n"
            f"The courses: {courses}"
        ),
        html=_page(
            f"Welcome to {SCHOOL}",
            [
                f"Hello {escape(username)},",
                "Your account is ready: pick a course and start filming.",
                _link(courses, "See the courses"),
            ],
        ),
    )


def receipt(username: str, receipt: dict, public_url: str) -> Rendered:
    """``receipt`` as commerce's ``get_receipt`` answers it (wire form: money as "149.00")."""
    order_id, total = receipt["id"], receipt["totalAmount"]
    date = receipt["createdAt"][:10]
    items = receipt["items"]
    pdf = f"{public_url}/api/orders/{quote(order_id)}/receipt"
    width = max([len(item["title"]) for item in items] + [5])
    lines = "\n".join(f"  {item['title']:<{width}}  {'$' + item['price']:>10}" for item in items)
    rows = "".join(
        f'<tr><td style="padding:4px 16px 4px 0">{escape(item["title"])}</td>'
        f'<td style="padding:4px 0;text-align:right">${escape(item["price"])}</td></tr>'
        for item in items
    )
    table = (
        '<table role="presentation" style="border-collapse:collapse">'
        f"{rows}"
        '<tr><td style="padding:8px 16px 4px 0;font-weight:bold">Total</td>'
        f'<td style="padding:8px 0 4px;text-align:right;font-weight:bold">${escape(total)}</td></tr></table>'
    )
    return Rendered(
        subject=f"Your {SCHOOL} receipt: order {order_id[:8]}",
        text=_signature(
            f"Hello {username},\n\n"
            f"Thank you for your order {order_id} of {date}.\n\n"
            f"{lines}\n  {'Total':<{width}}  {'$' + total:>10}\n\n"
            f"The receipt as a PDF (after logging in): {pdf}"
        ),
        html=_page(
            "Thank you for your order",
            [
                f"Hello {escape(username)},",
                f"Your order {escape(order_id)} of {escape(date)}:",
                table,
                _link(pdf, "The receipt as a PDF") + " (after logging in).",
            ],
        ),
    )


def refund(username: str, receipt: dict, refunded_items: list[dict], amount: str, reason: str) -> Rendered:
    """``receipt`` as commerce's ``get_receipt`` answers it; ``refunded_items``
    the refund's ``[{"itemType", "itemId"}]``; ``amount`` Money as "149.00"."""
    order_id = receipt["id"]
    refunded = {(i["itemType"], i["itemId"]) for i in refunded_items}
    items = [item for item in receipt["items"] if (item["itemType"], item["itemId"]) in refunded]
    width = max([len(item["title"]) for item in items] + [5])
    lines = "\n".join(f"  {item['title']:<{width}}  {'$' + item['price']:>10}" for item in items)
    rows = "".join(
        f'<tr><td style="padding:4px 16px 4px 0">{escape(item["title"])}</td>'
        f'<td style="padding:4px 0;text-align:right">${escape(item["price"])}</td></tr>'
        for item in items
    )
    table = (
        '<table role="presentation" style="border-collapse:collapse">'
        f"{rows}"
        '<tr><td style="padding:8px 16px 4px 0;font-weight:bold">Refunded</td>'
        f'<td style="padding:8px 0 4px;text-align:right;font-weight:bold">${escape(amount)}</td></tr></table>'
    )
    return Rendered(
        subject=f"Your {SCHOOL} refund: order {order_id[:8]}",
        text=_signature(
            f"Hello {username},\n\n"
            f"We refunded ${amount} of your order {order_id}.\n\n"
            f"{lines}\n  {'Refunded':<{width}}  {'$' + amount:>10}\n\n"
            f"Reason: {reason}\n\n"
            "A refunded course leaves your dashboard and a refunded asset can no longer be "
            "downloaded; you can buy either again at any time."
        ),
        html=_page(
            "Your refund",
            [
                f"Hello {escape(username)},",
                f"We refunded ${escape(amount)} of your order {escape(order_id)}:",
                table,
                f"Reason: {escape(reason)}",
                "A refunded course leaves your dashboard and a refunded asset can no longer be "
                "downloaded; you can buy either again at any time.",
            ],
        ),
    )


def certificate(learner_name: str, course_title: str, code: str, public_url: str) -> Rendered:
    url = f"{public_url}/certificates/{quote(code)}"
    return Rendered(
        subject=f"Your certificate: {course_title}",
        text=_signature(
            f"Hello {learner_name},\n\n"
            f"You finished {course_title}. Congratulations!\n\n"
            f"Your certificate, code {code}, is here for anyone to verify: {url}"
        ),
        html=_page(
            "You earned a certificate",
            [
                f"Hello {escape(learner_name)},",
                f"You finished <strong>{escape(course_title)}</strong>. Congratulations!",
                f"Your certificate, code {escape(code)}, is here for anyone to verify: "
                + _link(url, url),
            ],
        ),
    )


def password_reset(username: str, token: str, valid_minutes: int, public_url: str) -> Rendered:
    # In the fragment: a browser never sends it to a server, so the token
    # stays out of access logs and Referer headers.
    url = f"{public_url}/reset-password#token={quote(token)}"
    return Rendered(
        subject=f"Reset your {SCHOOL} password",
        text=_signature(
            f"Hello {username},\n\n"
            f"Someone asked to reset the password of your {SCHOOL} account. To choose a new one, "
            f"open this link within {valid_minutes} minutes (it works once):\n\n{url}\n\n"
            "If it was not you, ignore this mail: your password stays as it is."
        ),
        html=_page(
            "Reset your password",
            [
                f"Hello {escape(username)},",
                f"Someone asked to reset the password of your {SCHOOL} account. To choose a new one, "
                f"open this link within {valid_minutes} minutes (it works once):",
                _link(url, "Choose a new password"),
                "If it was not you, ignore this mail: your password stays as it is.",
            ],
        ),
    )
