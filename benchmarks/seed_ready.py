"""From an empty media store until all 56 seed lessons are ready, on this
machine, in the order `make run` does it: `make db-seed` makes and imports a
title card per lesson (the seed's own code path, ``python -m deploy.seed``),
then the suite starts and the media worker transcodes them in the background
while catalog records each one.

    .venv/bin/python benchmarks/seed_ready.py [--workers 1] [--timeout 1800] [--keep]

Everything is its own: a database (DATABASE_URL's name + ``_seed_bench``,
made afresh and dropped afterwards unless --keep), a vhost of AMQP_URI's
broker (needs rabbitmqctl), a media root in a temporary directory. Prints
how long the seed's videos took, the suite's start, the first and the last
lesson to show ``ready`` through GET /api/courses/{slug}, and the lessons
per minute. Bounded: gives up after --timeout seconds, and at once when a
lesson shows ``failed``. The machine is shared: other work slows it down.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests' support code: the suite as processes, private database and vhost

from tests.support.environment import drop_private_database, private_database, private_vhost  # noqa: E402
from tests.support.suite import Suite, log_dir_for  # noqa: E402

SLUGS = ("level-1", "level-2")
LESSONS = 56


def statuses(url: str) -> list[str | None]:
    lessons = []
    with httpx.Client(base_url=url, timeout=10) as client:
        for slug in SLUGS:
            lessons += client.get(f"/api/courses/{slug}").raise_for_status().json()["lessons"]
    return [(lesson["video"] or {}).get("status") for lesson in lessons]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=1, help="media-worker instances (make run SCALE=...)")
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    os.environ.setdefault("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/infinite_studio")
    amqp_uri = private_vhost(os.environ.get("AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/"), "seed-bench")
    media_root = tempfile.mkdtemp(prefix="seed-bench-media-")
    os.environ.update({"MEDIA_ROOT": media_root, "SEED_VIDEOS": "false", "LOG_LEVEL": "WARNING"})
    os.environ.setdefault("SESSION_SECRET", "seed-bench")
    print(f"media root {media_root}, {args.workers} media worker(s), preset {os.environ.get('TRANSCODE_PRESET', 'veryfast')}")
    env = private_database(amqp_uri, "seed_bench")  # bootstrap, migrations, the catalogue: no video yet
    suite = None
    try:
        started = time.monotonic()
        seed = subprocess.run(
            [sys.executable, "-m", "deploy.seed"], env={**os.environ, **env, "SEED_VIDEOS": "true"},
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        seeded = time.monotonic()
        print(seed.stdout.strip().splitlines()[-1])
        print(f"seed: {LESSONS} videos made and imported in {seeded - started:.0f} s")

        suite = Suite(log_dir_for("seed-bench"), env=env)
        for name in suite.commands:
            for _ in range(args.workers if name == "media-worker" else 1):
                suite.start(name)
        suite.wait_ready()
        up = time.monotonic()
        print(f"suite: /api/ready after {up - seeded:.0f} s")

        first = None
        last_report = 0.0
        while True:
            now = time.monotonic()
            seen = statuses(suite.url)
            ready = seen.count("ready")
            if ready and first is None:
                first = now
            if "failed" in seen:
                print(f"a lesson failed ({seen.count('failed')}); logs in {suite.log_dir}")
                return 1
            if ready == LESSONS:
                break
            if now - started > args.timeout:
                print(f"gave up after {args.timeout:.0f} s with {ready}/{LESSONS} ready; logs in {suite.log_dir}")
                return 1
            if now - last_report >= 15:
                print(f"  {now - started:5.0f} s: {ready:2}/{LESSONS} ready, {seen.count('processing')} processing")
                last_report = now
            time.sleep(1)
        done = time.monotonic()
        transcoding = done - up
        print(f"first lesson ready {first - up:.0f} s after /api/ready, all {LESSONS} after {transcoding:.0f} s "
              f"({LESSONS / transcoding * 60:.1f} lessons/min)")  # fmt: skip
        print(f"total from an empty media store: {done - started:.0f} s "
              f"(seed {seeded - started:.0f} s + start {up - seeded:.0f} s + transcodes {transcoding:.0f} s)")  # fmt: skip
        return 0
    finally:
        if suite is not None:
            suite.stop_all()
        if not args.keep:
            drop_private_database(env)
        shutil.rmtree(media_root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
