"""Placeholder videos made by ffmpeg's own sources: moving test imagery, a
title card (module, number, title) and a sine tone. The seed gives every
lesson one; the tests and the benchmark use short ones.

The title is drawn by the ``ass`` (libass) filter with the Roboto font of the
``font-roboto`` wheel: the wheel's ffmpeg has no ``drawtext`` filter, and a
fresh machine may have no font at all.
"""

from pathlib import Path

from media import ffmpeg

_ASS = """[Script Info]
ScriptType: v4.00+
PlayResX: {width}
PlayResY: {height}
WrapStyle: 0

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, \
Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, \
MarginR, MarginV, Encoding
Style: Title,Roboto,{title_size},&H00FFFFFF,&H00FFFFFF,&H00000000,&H90000000,1,0,0,0,100,100,0,0,3,{pad},0,5,\
{margin},{margin},{margin},1
Style: Kicker,Roboto,{kicker_size},&H00FFFFFF,&H00FFFFFF,&H00000000,&H90000000,0,0,0,0,100,100,0,0,3,{pad},0,8,\
{margin},{margin},{margin},1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:00.00,9:59:59.00,Kicker,,0,0,0,,{kicker}
Dialogue: 0,0:00:00.00,9:59:59.00,Title,,0,0,0,,{title}
"""


def font_dir() -> str:
    import font_roboto

    return str(Path(font_roboto.__file__).parent / "files")


def _ass_text(text: str) -> str:
    # ASS markup: braces start override tags and a backslash escapes.
    return text.replace("\\", "/").replace("{", "(").replace("}", ")").replace("\n", " ")


def title_card(
    target: Path,
    title: str,
    kicker: str = "",
    seconds: float = 10,
    height: int = 720,
    fps: int = 24,
    hue: float = 0,
    tone_hz: int = 440,
    preset: str = "ultrafast",
) -> Path:
    """An H.264/AAC MP4 of ``seconds`` at ``height`` (16:9)."""
    width = height * 16 // 9
    card = target.with_suffix(".ass")
    card.write_text(
        _ASS.format(
            width=width,
            height=height,
            title_size=height // 14,
            kicker_size=height // 24,
            pad=max(2, height // 90),
            margin=height // 12,
            kicker=_ass_text(kicker),
            title=_ass_text(title),
        ),
        encoding="utf-8",
    )
    try:
        ffmpeg.run(
            ["-y",
             "-f", "lavfi", "-i", f"testsrc2=size={width}x{height}:rate={fps}",
             "-f", "lavfi", "-i", f"sine=frequency={tone_hz}:sample_rate=48000",
             "-t", f"{seconds}",
             "-vf", f"hue=h={hue:.0f}+t*12,ass={card}:fontsdir={font_dir()}",
             "-c:v", "libx264", "-preset", preset, "-crf", "30", "-pix_fmt", "yuv420p",
             "-c:a", "aac", "-b:a", "64k", "-shortest", "-movflags", "+faststart", str(target)],
            "making a title card",
        )  # fmt: skip
    finally:
        card.unlink(missing_ok=True)
    return target
