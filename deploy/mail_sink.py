"""The local SMTP server of `make run` (the Procfile's ``mail-sink``): it
accepts every message on the port of ``SMTP_URL`` and keeps it, as sent, in
the Maildir ``MAIL_DIR`` (.run/mail by default; one file per message in
``new/``, readable by any mail client or ``python -m mailbox``). It sends
nothing anywhere: with SMTP_URL pointing at a real relay it receives nothing.

    python -m deploy.mail_sink

Listens on HOST (127.0.0.1 locally, 0.0.0.0 in a container) and serves
``GET /health`` on its PORT, as the workers do, for the health checks.
"""

import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox

from shared.settings import get_settings


class _Health(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        found = self.path == "/health"
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"ok\n" if found else b"not found\n")

    def log_message(self, *args):  # no access log line per probe
        pass


def main() -> int:
    settings = get_settings()
    url = urlsplit(settings.smtp_url)
    port = url.port or 25
    maildir = Path(settings.mail_dir)
    maildir.parent.mkdir(parents=True, exist_ok=True)
    controller = Controller(Mailbox(str(maildir)), hostname=settings.host, port=port)
    controller.start()
    health = None
    if settings.service_metrics_port:
        health = ThreadingHTTPServer((settings.host, settings.service_metrics_port), _Health)
        threading.Thread(target=health.serve_forever, daemon=True).start()
    print(f"mail-sink: SMTP on {settings.host}:{port}; every message is kept in the Maildir {maildir}", flush=True)

    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    stopped.wait()
    controller.stop()
    if health is not None:
        health.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
