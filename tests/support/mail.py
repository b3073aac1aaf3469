"""Reading the mail a suite's local SMTP server (deploy/mail_sink.py) kept in
its Maildir, as a person's mail client would."""

import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from pathlib import Path

from tests.support.suite import wait_until


def messages_to(mail_dir: Path, address: str) -> list[EmailMessage]:
    """Every message kept for ``address``, oldest first (a Maildir's new/ holds
    one file per message; the sink never moves them to cur/)."""
    found = []
    files = sorted((Path(mail_dir) / "new").glob("*"), key=lambda f: f.stat().st_mtime_ns) if (Path(mail_dir) / "new").is_dir() else []
    for file in files:
        with file.open("rb") as handle:
            message = BytesParser(policy=policy.default).parse(handle)
        if address.lower() in str(message["To"]).lower():
            found.append(message)
    return found


def wait_for_mail(mail_dir: Path, address: str, count: int = 1, timeout: float = 20) -> list[EmailMessage]:
    return wait_until(
        lambda: (found := messages_to(mail_dir, address)) and len(found) >= count and found,
        timeout,
        interval=0.2,
        message=f"{count} mail(s) to {address}",
    )


def wait_for_mail_to_each(mail_dir: Path, addresses: list[str], count: int, timeout: float = 60) -> None:
    """Until each of ``addresses`` has ``count`` messages; each file's headers
    read once, for many addresses and many messages (the benchmark's buyers)."""
    recipients: dict[str, str] = {}  # file name: its To header, lowercased

    def arrived():
        new = Path(mail_dir) / "new"
        for file in new.glob("*") if new.is_dir() else ():
            if file.name not in recipients:
                with file.open("rb") as handle:
                    recipients[file.name] = str(BytesHeaderParser(policy=policy.default).parse(handle)["To"]).lower()
        return all(sum(address.lower() in to for to in recipients.values()) >= count for address in addresses)

    wait_until(arrived, timeout, interval=0.2, message=f"{count} mail(s) to each of {len(addresses)} addresses")


def parts(message: EmailMessage) -> tuple[str, str]:
    """The plain-text and the HTML part."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def reset_token(message: EmailMessage) -> str:
    """The token of the reset link in a reset mail's text part."""
    text, _ = parts(message)
    match = re.search(r"/reset-password#token=([A-Za-z0-9_\-]+)", text)
    assert match, text
    return match.group(1)
