"""Run every service's migrations to head (the spec's ``db:push``). Idempotent."""

import sys

from shared import migrations
from shared.settings import SERVICES


def main(services=SERVICES) -> int:
    for service in services:
        migrations.upgrade(service)
        print(f"migrate: {service} is at head")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or SERVICES))
