"""Operators' command: import a video for a lesson and queue its transcode.

    python -m media.importer --lesson LESSON_ID FILE
    make media-import LESSON=LESSON_ID FILE=video.mp4

Connects as the ``media`` role and stores into the configured media storage
(settings from the environment, as the service), so it need not be running:
the ``media_uploaded`` event waits in the outbox until the media service's
relay publishes it, and the worker's durable queue keeps it until a worker
takes it. Importing the same file for the same lesson twice does nothing.
"""

import argparse
import json
import sys

from sqlalchemy.orm import Session

from media import objects
from media.storage import storage_from_settings
from shared.db import service_engine
from shared.errors import InvalidInput
from shared.settings import get_settings


def import_file(owner_type: str, owner_id: str, path: str) -> dict:
    engine = service_engine("media", pool_size=1)
    try:
        with Session(engine, expire_on_commit=False) as db, db.begin():
            return objects.import_media(db, storage_from_settings(get_settings()), owner_type, owner_id, path)
    finally:
        engine.dispose()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m media.importer", description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", required=True, metavar="LESSON_ID", help="the lesson the video is for")
    parser.add_argument("file", help="the video file")
    args = parser.parse_args(argv)
    try:
        media = import_file("lesson", args.lesson, args.file)
    except InvalidInput as exc:
        print(f"import: {exc.message} {json.dumps(exc.details)}", file=sys.stderr)
        return 2
    print(json.dumps(media))
    return 0


if __name__ == "__main__":
    sys.exit(main())
