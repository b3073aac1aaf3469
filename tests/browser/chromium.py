"""How the browser test and the screenshot script start Debian's Chromium.

Never a downloaded browser (downloads fail on this kind of machine). The
flags keep it from reaching for Google's services, which a closed network
refuses many times a second.
"""

import os

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright, executable_path: str = CHROMIUM):
    return playwright.chromium.launch(executable_path=executable_path, args=CHROMIUM_ARGS)
