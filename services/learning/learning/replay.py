"""Operators' command for failed events: list them, replay the parked ones.

    python -m learning.replay             # list failed events (pending and parked)
    python -m learning.replay --parked    # list parked events only
    python -m learning.replay --replay    # send every parked event back for retry
    python -m learning.replay --replay ID ...   # only these (row id or eventId)

Connects as the ``learning`` role (settings from the environment, as the
service); the running service's timer does the retrying.
"""

import argparse
import json
import sys

from sqlalchemy.orm import Session

from learning import failures
from shared.db import service_engine


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m learning.replay", description=__doc__.splitlines()[0])
    parser.add_argument("--parked", action="store_true", help="list parked events only")
    parser.add_argument("--replay", nargs="*", metavar="ID", help="replay parked events (all, or these ids)")
    args = parser.parse_args(argv)
    engine = service_engine("learning", pool_size=1)
    try:
        with Session(engine) as db, db.begin():
            if args.replay is not None:
                replayed = failures.replay_parked(db, args.replay or None)
                print(f"replay: {replayed} parked event(s) sent back for retry")
            else:
                for row in failures.list_failed(db, failures.PARKED if args.parked else None):
                    print(json.dumps(row))
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
