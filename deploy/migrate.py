"""Run every service's migrations to head (the spec's ``db:push``). Idempotent."""

import sys

from shared import migrations
from shared.settings import SERVICES, format_server, get_settings, server_of


def main(services=SERVICES) -> int:
    for service in services:
        # As the service's own role, on the service's own server.
        migrations.upgrade(service)
        server = format_server(server_of(get_settings().database_url_for(service)))
        print(f"migrate: {service} is at head on {server}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or SERVICES))
