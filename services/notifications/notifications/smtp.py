"""Handing a message to the SMTP server of ``SMTP_URL`` (stdlib smtplib),
and the message itself (stdlib email: a text part and an HTML alternative).

    smtp://host:port            plain (the local mail-sink; a relay on a private network)
    smtp+starttls://host:port   upgraded with STARTTLS before anything is sent
    smtps://host:port           TLS from the first byte

``SMTP_USERNAME`` / ``SMTP_PASSWORD`` log in when set. Any exception from
``send`` means the server did not accept the message (it never answered
250 to its data), so it may be tried again.
"""

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import urlsplit

from shared.settings import Settings

DEFAULT_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


@dataclass(frozen=True)
class SmtpServer:
    scheme: str
    host: str
    port: int
    username: str | None
    password: str | None
    timeout: float

    @classmethod
    def from_settings(cls, settings: Settings) -> "SmtpServer":
        url = urlsplit(settings.smtp_url)
        if url.scheme not in DEFAULT_PORTS or not url.hostname:
            raise ValueError(f"SMTP_URL must be smtp://, smtp+starttls:// or smtps://host[:port], not {settings.smtp_url!r}")
        return cls(
            scheme=url.scheme,
            host=url.hostname,
            port=url.port or DEFAULT_PORTS[url.scheme],
            username=settings.smtp_username,
            password=settings.smtp_password,
            timeout=settings.smtp_timeout_seconds,
        )

    def send(self, message: EmailMessage) -> None:
        """Hand ``message`` over; raises unless the server accepted it for every recipient."""
        if self.scheme == "smtps":
            client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        with client:
            if self.scheme == "smtp+starttls":
                client.starttls(context=ssl.create_default_context())
            if self.username:
                client.login(self.username, self.password or "")
            refused = client.send_message(message)
        if refused:
            raise smtplib.SMTPRecipientsRefused(refused)


def message_id_domain(mail_from: str) -> str:
    address = mail_from.rpartition("<")[2].rstrip(">")
    return address.rpartition("@")[2] or "localhost"


def build_message(
    mail_id: str, sender: str, recipient: str, subject: str, text: str, html: str
) -> EmailMessage:
    """The message of one mail row. Its Message-ID is made from the row's id:
    the same mail sent again (a replay) carries the same id, which mail
    clients use to show it once."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = f"<{mail_id}@{message_id_domain(sender)}>"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message
