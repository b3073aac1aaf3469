"""Give an existing account a role, from the command line (the first admin
has nobody to ask in the app): ``make admin EMAIL=ann@example.com``, or

    python -m auth.admin ann@example.com [--role instructor]

Runs as auth's own role, on auth's database, like the service.
"""

import argparse
import sys

from sqlalchemy.orm import Session

from auth import users
from shared.db import service_engine
from shared.errors import DomainError
from shared.roles import ADMIN, ROLES


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
    print(f"auth.admin: {user['email']} is now {user['role']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
