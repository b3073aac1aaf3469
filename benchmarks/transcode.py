"""How fast the worker's ffmpeg transcodes on this machine: x-realtime per
rendition (seconds of video per second of encoding), one rendition at a
time, then both as the worker does them (one ffmpeg, split filter).

    .venv/bin/python benchmarks/transcode.py [--seconds 20] [--preset veryfast]
"""

import argparse
import tempfile
import time
from pathlib import Path

from media import ffmpeg, generate


def encode(source: Path, out: Path, height: int | None, preset: str) -> float:
    """Seconds to encode ``source`` as one H.264/AAC rendition (or, with
    height None, as the worker's HLS ladder)."""
    started = time.perf_counter()
    if height is None:
        out.mkdir()
        ffmpeg.transcode_hls(source, out, has_audio=True, preset=preset)
    else:
        ffmpeg.run(
            ["-y", "-i", str(source), "-vf", f"scale=-2:{height}", "-c:v", "libx264", "-preset", preset,
             "-c:a", "aac", "-f", "mp4", str(out)],
            f"encoding {height}p",
        )  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--preset", default="veryfast")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        source = generate.title_card(work / "source.mp4", "Benchmark", "1280x720, 24 fps", seconds=args.seconds)
        duration = ffmpeg.probe(source).duration_seconds
        print(f"source: {duration:.1f} s of 1280x720 at 24 fps; preset {args.preset}; ffmpeg {ffmpeg.executable()}")
        for spec in ffmpeg.RENDITIONS:
            elapsed = encode(source, work / f"{spec.name}.mp4", spec.height, args.preset)
            print(f"{spec.name:>5}: {elapsed:6.2f} s  {duration / elapsed:5.2f}x realtime")
        elapsed = encode(source, work / "hls", None, args.preset)
        print(f" HLS ladder (360p + 720p, one ffmpeg): {elapsed:6.2f} s  {duration / elapsed:5.2f}x realtime")


if __name__ == "__main__":
    main()
