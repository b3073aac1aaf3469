"""ffmpeg, the binary of the ``imageio-ffmpeg`` wheel (never a system one):
probing a source, transcoding it to HLS renditions and a poster.

Each function runs one ffmpeg process and raises ``BadSource`` when ffmpeg
refuses the input: no retry can make a corrupt file play. An ffmpeg stopped
by a signal (a stop of the worker's process group, as honcho's or a
terminal's Ctrl-C, or the OOM killer) says nothing of the input: that raises
``Interrupted``, which the job's retries take care of.
"""

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from shared.events import PoisonEvent

SEGMENT_SECONDS = 4
TIMEOUT_SECONDS = 30 * 60


@dataclass(frozen=True)
class RenditionSpec:
    name: str
    height: int
    video_bitrate: str
    audio_bitrate: str


RENDITIONS = (
    RenditionSpec("360p", 360, "800k", "96k"),
    RenditionSpec("720p", 720, "2800k", "128k"),
)


class BadSource(PoisonEvent):
    """ffmpeg cannot read or transcode the source."""


class Interrupted(RuntimeError):
    """ffmpeg was stopped by a signal before it finished."""


# What ffmpeg prints when it ends on SIGINT or SIGTERM (then exiting with 255).
_STOPPED_BY_SIGNAL = "Exiting normally, received signal"


@dataclass(frozen=True)
class Probe:
    duration_seconds: float
    has_audio: bool
    has_video: bool


def executable() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def _last_lines(stderr: str, n: int = 3) -> str:
    lines = [line.strip() for line in stderr.strip().splitlines() if line.strip()]
    return " | ".join(lines[-n:])[:500] or "no output"


def run(args: list[str], what: str) -> str:
    """Run ffmpeg with ``args``; its stderr. BadSource when it fails,
    Interrupted when a signal stopped it."""
    done = subprocess.run(
        [executable(), "-hide_banner", "-nostdin", *args],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=TIMEOUT_SECONDS,
    )
    if done.returncode < 0 or (done.returncode == 255 and _STOPPED_BY_SIGNAL in done.stderr):
        raise Interrupted(f"{what} interrupted: {_last_lines(done.stderr)}")
    if done.returncode != 0:
        raise BadSource(f"{what} failed: {_last_lines(done.stderr)}")
    return done.stderr


_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")


def probe(path: str | Path) -> Probe:
    """Duration and streams of a media file (or an HLS playlist), read by
    decoding it to nowhere: the duration of what actually plays."""
    stderr = run(["-i", str(path), "-map", "0", "-f", "null", "-"], "probing the source")
    # The last "time=" of the decode pass is the played duration; the
    # container's "Duration:" header is the fallback.
    times = re.findall(r"time=(\d+):(\d\d):(\d\d(?:\.\d+)?)", stderr)
    found = times[-1] if times else None
    if found is None:
        header = _DURATION.search(stderr)
        found = header.groups() if header else None
    if found is None:
        raise BadSource("probing the source failed: no duration")
    hours, minutes, seconds = found
    duration = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    has_video = re.search(r"Stream #\d+:\d+.*: Video:", stderr) is not None
    has_audio = re.search(r"Stream #\d+:\d+.*: Audio:", stderr) is not None
    if not has_video or duration <= 0:
        raise BadSource("the source has no video")
    return Probe(duration, has_audio, has_video)


@dataclass(frozen=True)
class Output:
    name: str
    height: int
    width: int
    bandwidth: int
    playlist: str  # relative to the output directory


def transcode_hls(source: Path, out_dir: Path, has_audio: bool, preset: str = "veryfast") -> list[Output]:
    """``source`` as HLS in ``out_dir``: ``master.m3u8`` and, per rendition,
    ``<name>/index.m3u8`` with its init and fMP4 segments (H.264/AAC, a keyframe at every
    segment boundary so that each rendition switches cleanly)."""
    count = len(RENDITIONS)
    split = f"[0:v]split={count}" + "".join(f"[s{i}]" for i in range(count))
    scales = [f"[s{i}]scale=-2:{r.height}[v{i}]" for i, r in enumerate(RENDITIONS)]
    args = ["-y", "-i", str(source), "-filter_complex", ";".join([split, *scales])]
    stream_map = []
    for i, r in enumerate(RENDITIONS):
        args += ["-map", f"[v{i}]", f"-b:v:{i}", r.video_bitrate, f"-maxrate:v:{i}", r.video_bitrate,
                 f"-bufsize:v:{i}", r.video_bitrate]
        if has_audio:
            args += ["-map", "0:a:0", f"-b:a:{i}", r.audio_bitrate]
            stream_map.append(f"v:{i},a:{i},name:{r.name}")
        else:
            stream_map.append(f"v:{i},name:{r.name}")
    args += [
        "-c:v", "libx264", "-preset", preset, "-profile:v", "main", "-pix_fmt", "yuv420p",
        "-force_key_frames", f"expr:gte(t,n_forced*{SEGMENT_SECONDS})", "-sc_threshold", "0",
        "-c:a", "aac", "-ac", "2", "-ar", "48000",
        # fMP4 segments: this ffmpeg build crashes reading MPEG-TS back, and
        # hls.js and Safari play fMP4 HLS alike.
        "-f", "hls", "-hls_time", str(SEGMENT_SECONDS), "-hls_playlist_type", "vod",
        "-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", "init.mp4",
        "-hls_segment_filename", str(out_dir / "%v" / "seg_%03d.m4s"),
        "-master_pl_name", "master.m3u8",
        "-var_stream_map", " ".join(stream_map),
        str(out_dir / "%v" / "index.m3u8"),
    ]  # fmt: skip
    for r in RENDITIONS:
        (out_dir / r.name).mkdir(parents=True, exist_ok=True)
    run(args, "transcoding")
    return read_master(out_dir / "master.m3u8")


_STREAM_INF = re.compile(r"#EXT-X-STREAM-INF:(?P<attrs>.*)\n(?P<uri>[^#\n][^\n]*)")


def read_master(path: Path) -> list[Output]:
    """The renditions a master playlist lists, with the bandwidth and
    resolution ffmpeg measured."""
    outputs = []
    for match in _STREAM_INF.finditer(path.read_text()):
        attrs = match.group("attrs")
        bandwidth = int(re.search(r"BANDWIDTH=(\d+)", attrs).group(1))
        width, height = (int(v) for v in re.search(r"RESOLUTION=(\d+)x(\d+)", attrs).groups())
        uri = match.group("uri").strip()
        outputs.append(Output(uri.split("/")[0], height, width, bandwidth, uri))
    if len(outputs) != len(RENDITIONS):
        raise BadSource(f"transcoding produced {len(outputs)} renditions, not {len(RENDITIONS)}")
    return sorted(outputs, key=lambda o: o.height)


def poster(source: Path, target: Path, at_seconds: float) -> None:
    """A JPEG of the frame at ``at_seconds``, 720 pixels high at most."""
    run(
        ["-y", "-ss", f"{at_seconds:.2f}", "-i", str(source), "-frames:v", "1",
         "-vf", "scale=-2:'min(720,ih)'", "-q:v", "3", str(target)],
        "making the poster",
    )  # fmt: skip
