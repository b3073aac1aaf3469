"""One HLS segment through the gateway's signed media route, against
``python -m http.server`` serving the same file, in one run.

Usage: python benchmarks/segment_serving.py [SEGMENT_FILE] [SECONDS] [CONNECTIONS] [ROUNDS]

Starts its own gateway (uvicorn, one process, a media root in a temporary
directory; it needs the broker of AMQP_URI to start, not the services) and an
http.server over the same folder, then loads each with wrk (when installed)
or an httpx/asyncio loop, and prints requests/s, MB/s and the ratios. Without
SEGMENT_FILE, a 1 MiB file of random bytes stands in for a segment. The
machine is shared: compare the ratio, not the absolute figures. The two are
loaded in turn, ROUNDS times (3 by default), so that a burst of load from
another process weighs on both; the ratio reported is the median round's.
"""

import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from gateway import media_urls
from shared.settings import Settings

SECRET = "benchmark-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_up(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    sys.exit(f"{url} did not come up")


def with_wrk(url: str, seconds: int, connections: int) -> tuple[float, float]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    if "Non-2xx" in out:
        sys.exit(f"errors from {url}:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"Transfer/sec:\s+([\d.]+)(\w+)", out).groups()
    scale = {"B": 1e-6, "KB": 1024 / 1e6, "MB": 1024**2 / 1e6, "GB": 1024**3 / 1e6}[unit]
    return rps, float(value) * scale


def with_httpx(url: str, seconds: int, connections: int) -> tuple[float, float]:
    async def run():
        done, size = 0, 0
        deadline = time.monotonic() + seconds
        async with httpx.AsyncClient(limits=httpx.Limits(max_connections=connections)) as client:

            async def loop():
                nonlocal done, size
                while time.monotonic() < deadline:
                    response = await client.get(url)
                    response.raise_for_status()
                    done, size = done + 1, size + len(response.content)

            started = time.monotonic()
            await asyncio.gather(*(loop() for _ in range(connections)))
            return done / (time.monotonic() - started), size / 1e6 / (time.monotonic() - started)

    return asyncio.run(run())


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] else None
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    connections = int(sys.argv[3]) if len(sys.argv) > 3 else 16
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    load = with_wrk if shutil.which("wrk") else with_httpx
    media_id = str(uuid.uuid4())
    with tempfile.TemporaryDirectory(prefix="segment-bench-") as root:
        folder = Path(root) / "hls" / media_id / "720p"
        folder.mkdir(parents=True)
        segment = folder / "seg_000.m4s"
        if source:
            shutil.copyfile(source, segment)
        else:
            segment.write_bytes(os.urandom(1024 * 1024))
        settings = Settings(session_secret=SECRET)
        prefix, _ = media_urls.folder_url(settings, media_id, None, None)  # public: no session to resolve
        gateway_port, static_port = free_port(), free_port()
        env = {**os.environ, "SESSION_SECRET": SECRET, "MEDIA_ROOT": root, "LOG_LEVEL": "WARNING", "WEB_DIST_DIR": root}
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "--factory", "gateway.app:create_app", "--port", str(gateway_port),
                 "--no-access-log", "--log-level", "warning"],
                env=env,
            ),
            subprocess.Popen(
                [sys.executable, "-m", "http.server", str(static_port), "--bind", "127.0.0.1", "--directory", root],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            ),
        ]
        try:
            gateway_url = f"http://127.0.0.1:{gateway_port}{prefix}720p/seg_000.m4s"
            static_url = f"http://127.0.0.1:{static_port}/hls/{media_id}/720p/seg_000.m4s"
            wait_up(gateway_url)
            wait_up(static_url)
            print(
                f"segment {segment.stat().st_size} bytes, {seconds} s per run, {connections} connections, "
                f"{rounds} rounds, {load.__name__}"
            )
            urls = {"gateway (signed)": gateway_url, "http.server": static_url}
            for url in urls.values():
                load(url, 2, connections)  # warm up
            ratios = []
            for round_ in range(1, rounds + 1):
                results = {name: load(url, seconds, connections) for name, url in urls.items()}
                for name, (rps, mbs) in results.items():
                    print(f"round {round_}  {name:<18} {rps:8.1f} requests/s {mbs:8.1f} MB/s")
                ratios.append(results["gateway (signed)"][0] / results["http.server"][0])
            rounds_text = ", ".join(f"{r:.2f}" for r in ratios)
            print(f"gateway / http.server: {statistics.median(ratios):.2f}x requests/s (median; rounds {rounds_text})")
        finally:
            for process in processes:
                process.terminate()
                process.wait(10)


if __name__ == "__main__":
    main()
