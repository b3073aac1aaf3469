"""Give an existing account a role, from the command line (the first admin
has nobody to ask in the app): ``make admin EMAIL=ann@example.com``, or

    python -m auth.admin ann@example.com [--role instructor]

Runs as auth's own role, on auth's database, like the service, and then
tells the gateways, as the service's ``set_role`` does: ``session_ended`` for
the user, so that no gateway process keeps showing the old role.
"""

import argparse
import sys

from nameko.standalone.events import event_dispatcher
from sqlalchemy.orm import Session

from auth import users
from shared.db import service_engine
from shared.errors import DomainError
from shared.events import SESSION_ENDED, SessionEnded
from shared.roles import ADMIN, ROLES
from shared.settings import get_settings


def tell_the_gateways(user_id: str) -> None:
    """``session_ended`` for ``user_id`` from auth, as the service announces it.
    Without a broker the role still changed; the gateways show it once their
    kept sessions expire (SESSION_CACHE_SECONDS)."""
    settings = get_settings()
    try:
        dispatch = event_dispatcher({"AMQP_URI": settings.amqp_uri})
        dispatch("auth", SESSION_ENDED, SessionEnded.new(user_id=user_id).to_payload())
    except Exception as exc:  # the change is committed: say so, and why the gateways may lag
        print(f"auth.admin: the gateways were not told ({exc!r}); they show the new role "
              f"within {settings.session_cache_seconds:g} s", file=sys.stderr)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m auth.admin", description=__doc__.splitlines()[0])
    parser.add_argument("email")
    parser.add_argument("--role", choices=ROLES, default=ADMIN)
    args = parser.parse_args(argv)
    engine = service_engine("auth", pool_size=1)
    try:
        with Session(engine) as db, db.begin():
            user = users.set_role(db, users.find_by_email(db, args.email)["id"], args.role)
    except DomainError as exc:
        print(f"auth.admin: {exc.message}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    tell_the_gateways(user["id"])
    print(f"auth.admin: {user['email']} is now {user['role']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
