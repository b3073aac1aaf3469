"""Operators' command for mail that could not be sent and events that could
not be handled: list them, replay the parked ones.

    python -m notifications.replay                 # list parked mail and failed events
    python -m notifications.replay --replay        # send every parked mail again
    python -m notifications.replay --replay ID ... # only these (mail id or eventId)
    python -m notifications.replay --replay-events [ID ...]   # parked events, handled again

A replayed mail goes out once more with the same Message-ID. A mail parked as
"interrupted during the send" may have been delivered already: look in the
relay's log before replaying it. Connects as the ``notifications`` role
(settings from the environment); the running service's timers do the sending.
"""

import argparse
import json
import sys

from sqlalchemy.orm import Session

from notifications import failures, mails
from shared.db import service_engine


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m notifications.replay", description=__doc__.splitlines()[0])
    parser.add_argument("--replay", nargs="*", metavar="ID", help="send parked mail again (all, or these ids)")
    parser.add_argument("--replay-events", nargs="*", metavar="ID", help="handle parked events again")
    args = parser.parse_args(argv)
    engine = service_engine("notifications", pool_size=1)
    try:
        with Session(engine) as db, db.begin():
            if args.replay is not None:
                print(f"replay: {mails.replay_parked(db, args.replay or None)} parked mail(s) sent back for sending")
            if args.replay_events is not None:
                replayed = failures.replay_parked(db, args.replay_events or None)
                print(f"replay: {replayed} parked event(s) sent back for retry")
            if args.replay is None and args.replay_events is None:
                for row in mails.list_mail(db, mails.PARKED):
                    print(json.dumps({"mail": row}))
                for row in failures.list_failed(db):
                    print(json.dumps({"event": row}))
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
