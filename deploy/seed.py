"""Load the seed content (the spec's ``db:seed``). Idempotent."""

import sys

from sqlalchemy.orm import Session

from catalog import seed
from shared.db import service_engine


def main() -> int:
    engine = service_engine("catalog", pool_size=1)
    with Session(engine) as session, session.begin():
        print("seed:", seed.seed(session))
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
