"""Operators' command: import a video for a lesson and queue its transcode,
or store an asset's pack (a zip) or preview (a JPEG).

    python -m media.importer --lesson LESSON_ID FILE
    make media-import LESSON=LESSON_ID FILE=video.mp4
    python -m media.importer --asset ASSET_ID --pack FILE.zip
    python -m media.importer --asset ASSET_ID --preview FILE.jpg

Connects as the ``media`` role and stores into the configured media storage
(settings from the environment, as the service), so it need not be running:
the ``media_uploaded`` event waits in the outbox until the media service's
relay publishes it, and the worker's durable queue keeps it until a worker
takes it. Importing the same file for the same owner twice does nothing. A pack is
downloadable by its buyers at once; a preview shows in the store once the
asset's ``imageUrl`` names it (the seed sets it, deploy/seed.py).
"""

import argparse
import json
import os
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


def store_file(owner_type: str, owner_id: str, kind: str, path: str) -> dict:
    engine = service_engine("media", pool_size=1)
    try:
        with Session(engine, expire_on_commit=False) as db, db.begin():
            storage = storage_from_settings(get_settings())
            return objects.store_file(db, storage, owner_type, owner_id, kind, path, os.path.basename(path))
    finally:
        engine.dispose()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m media.importer", description=__doc__.splitlines()[0])
    owner = parser.add_mutually_exclusive_group(required=True)
    owner.add_argument("--lesson", metavar="LESSON_ID", help="the lesson the video is for")
    owner.add_argument("--asset", metavar="ASSET_ID", help="the asset the pack or preview is for")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--pack", action="store_const", dest="kind", const="pack", help="FILE is the asset's zip")
    kind.add_argument("--preview", action="store_const", dest="kind", const="preview", help="FILE is its JPEG")
    parser.add_argument("file", help="the video, zip or JPEG file")
    args = parser.parse_args(argv)
    if (args.asset is None) != (args.kind is None):
        parser.error("--pack or --preview goes with --asset, and only with it")
    try:
        if args.asset:
            media = store_file("asset", args.asset, args.kind, args.file)
        else:
            media = import_file("lesson", args.lesson, args.file)
    except InvalidInput as exc:
        print(f"import: {exc.message} {json.dumps(exc.details)}", file=sys.stderr)
        return 2
    print(json.dumps(media))
    return 0


if __name__ == "__main__":
    sys.exit(main())
