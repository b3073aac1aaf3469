"""The files of the seeded assets: a pack (a zip with a README) and a
preview image for each, drawn procedurally, so that a fresh machine has real
files to sell without shipping any.

- textures: grimy, neon-lit surfaces (PNG, 512 px square);
- backgrounds: rainy night cityscapes with their wet reflections (PNG, 1280x720);
- character sheets: turnaround sheets, four views of a figure (PNG, 1600x640);
- LUTs: film-emulation grades as 33-point 3D ``.cube`` files (Adobe/Resolve
  format: ``LUT_3D_SIZE 33``, then 35937 rows of "R G B", red fastest);
- soundscapes: loopable atmospheres, 16-bit mono WAV at 22.05 kHz.

Everything is drawn from a random generator seeded by the asset's title and
the zip's entries carry a fixed time, so the same asset gives the same bytes
on every machine: a second seed stores nothing new even when it draws again.
Pure Python and Pillow, kept small: the whole seed draws in a few seconds.
"""

import array
import hashlib
import io
import math
import random
import re
import wave
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

PREVIEW_SIZE = (960, 540)  # the store's 16:9 frame, as a JPEG
LUT_SIZE = 33
SAMPLE_RATE = 22050
LOOP_SECONDS = 6
# A fixed time for every zip entry: the same pack, byte for byte, each time.
ENTRY_TIME = (2026, 1, 1, 0, 0, 0)


@dataclass
class Pack:
    """What an asset's zip holds (name -> bytes, README apart) and its preview."""

    file_name: str
    title: str
    description: str
    kind: str
    entries: list[tuple[str, bytes]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    preview: Image.Image | None = None


def _font(size: int, weight: str = "Bold") -> ImageFont.FreeTypeFont:
    from media.generate import font_dir

    return ImageFont.truetype(str(Path(font_dir()) / f"Roboto-{weight}.ttf"), size)


def _rng(*parts) -> random.Random:
    return random.Random(hashlib.sha256("\n".join(map(str, parts)).encode()).digest())


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _png(image: Image.Image) -> bytes:
    # zlib's fastest level: a third of the time of the default for ~10 % more bytes.
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False, compress_level=1)
    return out.getvalue()


def _hex(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


# --- images -----------------------------------------------------------------


def value_noise(rng: random.Random, size: tuple[int, int], octaves=(4, 8, 16, 32, 64, 128)) -> Image.Image:
    """Fractal noise ('L'): random cells at several scales, smoothly enlarged
    and blended, finest last and faintest."""
    width, height = size
    result = None
    for index, cells in enumerate(octaves):
        cells_y = max(2, cells * height // width)
        octave = Image.frombytes("L", (cells, cells_y), rng.randbytes(cells * cells_y))
        octave = octave.resize(size, Image.Resampling.BICUBIC)
        result = octave if result is None else Image.blend(result, octave, 0.5 / (index + 1) + 0.1)
    return ImageOps.autocontrast(result, cutoff=1)


def _glow(layer: Image.Image, radius: float) -> Image.Image:
    """A bright layer and its halo."""
    return ImageChops.add(layer, layer.filter(ImageFilter.GaussianBlur(radius)))


def surface(rng: random.Random, size: int, dark: str, mid: str, light: str, neon: str, style: str) -> Image.Image:
    """One texture: coloured fractal grime, panel seams or circuit traces, neon light."""
    grime = value_noise(rng, (size, size))
    image = ImageOps.colorize(grime, dark, light, mid).convert("RGB")
    lines = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(lines)
    accent = _hex(neon)
    if style == "panels":
        step = size // rng.choice((4, 6, 8))
        for at in range(0, size, step):
            draw.line([(at, 0), (at, size)], fill=(0, 0, 0), width=3)
            draw.line([(0, at), (size, at)], fill=(0, 0, 0), width=3)
        image = ImageChops.multiply(image, ImageOps.invert(lines.convert("L")).convert("RGB"))
        lines = Image.new("RGB", (size, size))
        draw = ImageDraw.Draw(lines)
        for _ in range(rng.randint(3, 7)):
            x, y = rng.randrange(0, size, step), rng.randrange(0, size, step)
            draw.rectangle([x + 6, y + 6, x + step - 6, y + 12], fill=accent)
    elif style == "circuit":
        for _ in range(40):
            x, y = rng.randrange(size), rng.randrange(size)
            points = [(x, y)]
            for _ in range(rng.randint(2, 5)):
                if rng.random() < 0.5:
                    x += rng.randint(-size // 4, size // 4)
                else:
                    y += rng.randint(-size // 4, size // 4)
                points.append((x, y))
            draw.line(points, fill=accent, width=2)
            draw.ellipse([x - 4, y - 4, x + 4, y + 4], outline=accent, width=2)
    else:  # scratches: worn metal, wet concrete
        for _ in range(120):
            x, y = rng.randrange(size), rng.randrange(size)
            length, angle = rng.randint(8, size // 5), rng.uniform(-0.4, 0.4) + (math.pi / 2 if style == "rain" else 0)
            shade = tuple(min(255, int(c * rng.uniform(0.3, 0.9))) for c in accent)
            draw.line([(x, y), (x + length * math.cos(angle), y + length * math.sin(angle))], fill=shade, width=1)
    return ImageChops.add(image, _glow(lines, 4))


def cityscape(rng: random.Random, size: tuple[int, int], sky: tuple[str, str], neons: list[str]) -> Image.Image:
    """A night street in the rain: a hazy sky, three rows of towers with lit
    windows and signs, rain, and the wet street reflecting it all."""
    width, height = size
    horizon = int(height * 0.72)
    gradient = Image.linear_gradient("L").resize((width, horizon))
    image = Image.new("RGB", size, _hex(sky[0]))
    image.paste(ImageOps.colorize(gradient, sky[0], sky[1]), (0, 0))
    lights = Image.new("RGB", size)
    light_draw = ImageDraw.Draw(lights)
    draw = ImageDraw.Draw(image)
    for row, (shade, scale) in enumerate(((60, 0.55), (35, 0.75), (14, 1.0))):
        x = -rng.randint(0, 40)
        while x < width:
            tower_width = int(rng.randint(40, 120) * scale)
            top = horizon - int(rng.randint(80, horizon - 40) * scale)
            tint = tuple(int(shade * k) for k in (0.8, 0.85, 1.2))
            draw.rectangle([x, top, x + tower_width, horizon], fill=tint)
            window = max(3, int(6 * scale))
            for wy in range(top + 8, horizon - 6, window * 2):
                for wx in range(x + 5, x + tower_width - 5, window * 2):
                    if rng.random() < 0.28:
                        warm = rng.random() < 0.6
                        color = (255, 196, 120) if warm else _hex(rng.choice(neons))
                        dim = 0.35 + 0.35 * row
                        light_draw.rectangle(
                            [wx, wy, wx + window - 1, wy + window - 1], fill=tuple(int(c * dim) for c in color)
                        )
            if row == 2 and rng.random() < 0.45:
                sign_x = x + rng.randint(4, max(5, tower_width - 14))
                sign_top = rng.randint(top + 10, max(top + 11, horizon - 120))
                light_draw.rectangle([sign_x, sign_top, sign_x + 9, sign_top + rng.randint(50, 110)], fill=_hex(rng.choice(neons)))
            x += tower_width + rng.randint(2, 18)
    image = ImageChops.add(image, _glow(lights, 6))
    # The wet street: the city upside down, blurred, darker, streaked.
    reflection = image.crop((0, horizon - (height - horizon), width, horizon)).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    reflection = reflection.filter(ImageFilter.BoxBlur(3)).resize((width, height - horizon))
    reflection = Image.blend(Image.new("RGB", reflection.size, (6, 6, 12)), reflection, 0.55)
    image.paste(reflection, (0, horizon))
    rain = Image.new("L", size)
    rain_draw = ImageDraw.Draw(rain)
    for _ in range(width * height // 900):
        x, y, length = rng.randrange(width), rng.randrange(height), rng.randint(8, 26)
        rain_draw.line([(x, y), (x - length * 0.18, y + length)], fill=rng.randint(40, 110), width=1)
    return ImageChops.add(image, Image.merge("RGB", (rain, rain, rain)).filter(ImageFilter.BoxBlur(0.6)))


_VIEWS = (("FRONT", 1.0, 0), ("3/4", 0.8, 1), ("SIDE", 0.5, 2), ("BACK", 1.0, 3))


def _figure(draw: ImageDraw.ImageDraw, cx: int, floor: int, tall: int, turn: float, view: int, look: dict) -> None:
    """One view of a figure standing on ``floor``: ``turn`` narrows it as it turns."""
    head = tall // 8
    shoulders, hips = int(head * 2.2 * turn) + 6, int(head * 1.5 * turn) + 6
    neck_y, waist_y, knee_y = floor - tall + head * 2, floor - tall + int(head * 4.2), floor - int(head * 1.9)
    suit, trim, skin, glow = look["suit"], look["trim"], look["skin"], look["glow"]
    if look.get("cape") and view != 0:
        draw.polygon([(cx - shoulders, neck_y + 4), (cx + shoulders, neck_y + 4),
                      (cx + shoulders + 18, floor - 20), (cx - shoulders - 18, floor - 20)], fill=look["cape"])
    # legs, torso, arms
    for side in (-1, 1):
        foot_x = cx + side * int(hips * 0.55)
        draw.polygon([(cx + side * 4, waist_y), (cx + side * hips, waist_y), (foot_x + side * 8, floor),
                      (foot_x - side * 10, floor)], fill=suit)
        draw.rectangle([foot_x - 12, floor - 10, foot_x + 12, floor], fill=trim)
        draw.line([(cx + side * hips * 0.6, knee_y), (foot_x, knee_y)], fill=trim, width=3)
        hand_x = cx + side * (shoulders + 10)
        draw.line([(cx + side * shoulders, neck_y + 10), (hand_x, waist_y + head)], fill=suit, width=max(8, int(head * 0.55 * turn) + 6))
        draw.ellipse([hand_x - 7, waist_y + head - 7, hand_x + 7, waist_y + head + 7], fill=skin)
    draw.polygon([(cx - shoulders, neck_y), (cx + shoulders, neck_y), (cx + hips, waist_y), (cx - hips, waist_y)], fill=suit)
    draw.rectangle([cx - hips, waist_y - 8, cx + hips, waist_y], fill=trim)
    if look.get("pads"):
        for side in (-1, 1):
            x = cx + side * shoulders
            draw.ellipse([x - 16, neck_y - 8, x + 16, neck_y + 18], fill=trim)
    # head: face, hair or helmet, the visor or eyes where the view shows them
    top = floor - tall
    width = int(head * (0.85 if view == 2 else 1.0)) // 2 + 10
    draw.ellipse([cx - width, top, cx + width, top + head + 12], fill=skin if view != 3 else look["hair"])
    draw.chord([cx - width - 2, top - 4, cx + width + 2, top + head], 180, 360, fill=look["hair"])
    if look.get("horns"):
        for side in (-1, 1):
            draw.polygon([(cx + side * (width - 6), top + 10), (cx + side * (width + 14), top - 22),
                          (cx + side * (width - 14), top + 4)], fill=trim)
    if view in (0, 1):
        eye_y = top + head // 2 + 4
        shift = 0 if view == 0 else width // 3
        if look.get("visor"):
            draw.rectangle([cx - width + 4 + shift, eye_y - 5, cx + width - 6 + shift // 2, eye_y + 5], fill=glow)
        else:
            for side in (-1, 1):
                ex = cx + shift + side * width // 2
                draw.ellipse([ex - 3, eye_y - 3, ex + 3, eye_y + 3], fill=glow)
    elif view == 2:
        draw.rectangle([cx + width - 10, top + head // 2, cx + width, top + head // 2 + 6], fill=glow)
    if look.get("staff"):
        x = cx + shoulders + 22
        draw.line([(x, floor), (x, top - 20)], fill=look["trim"], width=6)
        draw.ellipse([x - 10, top - 36, x + 10, top - 16], fill=glow)


def character_sheet(rng: random.Random, pack_title: str, name: str, look: dict, size=(1600, 640)) -> Image.Image:
    """A turnaround sheet: the figure from the front, at three quarters, from
    the side and from behind, on a measured grid, named."""
    width, height = size
    image = Image.new("RGB", size, _hex(look["paper"]))
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 40):
        draw.line([(0, y), (width, y)], fill=_hex(look["grid"]))
    for x in range(0, width, 40):
        draw.line([(x, 0), (x, height)], fill=_hex(look["grid"]))
    floor, tall = height - 70, int((height - 170) * rng.uniform(0.88, 1.0))
    draw.line([(40, floor), (width - 40, floor)], fill=_hex(look["ink"]), width=2)
    draw.line([(40, floor - tall), (width - 40, floor - tall)], fill=_hex(look["ink"]), width=1)
    label, small = _font(30), _font(18, "Medium")
    draw.text((40, 22), f"{name.upper()}", font=label, fill=_hex(look["ink"]))
    draw.text((width - 40, 30), f"{pack_title} · TURNAROUND", font=small, fill=_hex(look["ink"]), anchor="ra")
    for index, (view_name, turn, view) in enumerate(_VIEWS):
        cx = int(width * (index + 0.5) / len(_VIEWS))
        _figure(draw, cx, floor, tall, turn, view, look)
        draw.text((cx, floor + 18), view_name, font=small, fill=_hex(look["ink"]), anchor="ma")
    return image


# --- LUTs -------------------------------------------------------------------


@dataclass(frozen=True)
class Look:
    """A film-emulation grade: a contrast curve, per-channel lift and gain,
    saturation, a tint of the shadows and one of the highlights, a faded
    black point."""

    name: str
    contrast: float = 1.0
    lift: tuple[float, float, float] = (0.0, 0.0, 0.0)
    gain: tuple[float, float, float] = (1.0, 1.0, 1.0)
    saturation: float = 1.0
    shadows: tuple[float, float, float] = (0.0, 0.0, 0.0)
    highlights: tuple[float, float, float] = (0.0, 0.0, 0.0)
    fade: float = 0.0


LOOKS = (
    Look("Teal and Orange", contrast=1.25, saturation=1.1, shadows=(-0.06, 0.02, 0.07), highlights=(0.07, 0.02, -0.06)),
    Look("Warm Print", contrast=1.15, lift=(0.02, 0.01, 0.0), gain=(1.04, 1.0, 0.9), saturation=0.95, fade=0.03),
    Look("Bleach Bypass", contrast=1.45, saturation=0.45, gain=(0.98, 1.0, 1.0)),
    Look("Cool Night", contrast=1.1, gain=(0.85, 0.95, 1.08), shadows=(-0.02, 0.0, 0.05), saturation=0.8),
    Look("Faded Film", contrast=0.85, lift=(0.03, 0.03, 0.05), saturation=0.8, fade=0.08, highlights=(0.03, 0.02, 0.0)),
    Look("Golden Hour", contrast=1.1, gain=(1.08, 1.0, 0.82), highlights=(0.06, 0.03, -0.03), saturation=1.15),
    Look("Cross Process", contrast=1.3, lift=(0.0, 0.02, 0.08), gain=(1.05, 1.08, 0.8), saturation=1.2),
    Look("Silver Mono", contrast=1.3, saturation=0.0, shadows=(0.0, 0.0, 0.02), fade=0.02),
)


def _s_curve(x: float, contrast: float) -> float:
    """A filmic contrast curve through (0, 0), (0.5, 0.5) and (1, 1): a toe
    and a shoulder steeper or gentler by ``contrast``."""
    if x <= 0.0 or x >= 1.0:
        return min(1.0, max(0.0, x))
    a = x**contrast
    return a / (a + (1.0 - x) ** contrast)


def lut_table(look: Look, size: int = LUT_SIZE) -> list[tuple[float, float, float]]:
    """The grade at every point of a ``size``^3 grid, red fastest, in [0, 1]."""
    curves = [
        [look.fade + (1.0 - look.fade) * min(1.0, max(0.0, look.lift[c] + look.gain[c] * _s_curve(i / (size - 1), look.contrast)))
         for i in range(size)]
        for c in range(3)
    ]
    red, green, blue = curves
    sat, (sr, sg, sb), (hr, hg, hb) = look.saturation, look.shadows, look.highlights
    rows = []
    for b in range(size):
        for g in range(size):
            for r in range(size):
                x, y, z = red[r], green[g], blue[b]
                luma = 0.2126 * x + 0.7152 * y + 0.0722 * z
                low, high = (1.0 - luma) ** 2, luma**2
                x = luma + (x - luma) * sat + sr * low + hr * high
                y = luma + (y - luma) * sat + sg * low + hg * high
                z = luma + (z - luma) * sat + sb * low + hb * high
                rows.append((min(1.0, max(0.0, x)), min(1.0, max(0.0, y)), min(1.0, max(0.0, z))))
    return rows


def cube_text(title: str, table: list[tuple[float, float, float]], size: int = LUT_SIZE) -> bytes:
    """A 3D LUT in the .cube format."""
    head = f'TITLE "{title}"\n# Infinite Studio - {title}\nLUT_3D_SIZE {size}\nDOMAIN_MIN 0.0 0.0 0.0\nDOMAIN_MAX 1.0 1.0 1.0\n'
    return (head + "".join(f"{r:.6f} {g:.6f} {b:.6f}\n" for r, g, b in table)).encode("ascii")


def apply_lut(image: Image.Image, table: list[tuple[float, float, float]], size: int = LUT_SIZE) -> Image.Image:
    """``image`` graded by a LUT table (Pillow's own 3D LUT filter)."""
    flat = [value for row in table for value in row]
    return image.filter(ImageFilter.Color3DLUT(size, flat))


def test_scene(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """A scene to show grades on: a dusk sky, a sun, hills, skin-like tones."""
    width, height = size
    sky = ImageOps.colorize(Image.linear_gradient("L").resize(size), "#1c3f78", "#f2b27a").convert("RGB")
    draw = ImageDraw.Draw(sky)
    draw.ellipse([width * 0.62, height * 0.28, width * 0.78, height * 0.28 + width * 0.16], fill=(255, 226, 170))
    for layer, color in enumerate(((70, 96, 80), (44, 66, 58), (24, 36, 34))):
        points = [(0, height)]
        for x in range(0, width + 40, 40):
            points.append((x, height * (0.55 + 0.12 * layer) + rng.uniform(-18, 18)))
        points.append((width, height))
        draw.polygon(points, fill=color)
    draw.ellipse([width * 0.14, height * 0.5, width * 0.26, height * 0.5 + width * 0.12], fill=(214, 160, 128))
    return sky.filter(ImageFilter.GaussianBlur(1))


# --- sound ------------------------------------------------------------------


@dataclass(frozen=True)
class Atmosphere:
    name: str
    rumble: float  # low, brown-ish noise (wind, traffic, distant city)
    hiss: float  # brighter noise (rain, air)
    hum: tuple[tuple[int, float], ...] = ()  # (cycles per loop, level): mains hum, machines
    swell: int = 0  # gusts per loop
    drops: int = 0  # drops or clicks per loop


ATMOSPHERES = (
    Atmosphere("Rain on Glass", rumble=0.25, hiss=0.35, drops=90),
    Atmosphere("Server Room", rumble=0.2, hiss=0.12, hum=((60 * LOOP_SECONDS, 0.12), (120 * LOOP_SECONDS, 0.06), (180 * LOOP_SECONDS, 0.03))),
    Atmosphere("Night Wind", rumble=0.6, hiss=0.1, swell=2),
    Atmosphere("Neon Alley", rumble=0.4, hiss=0.08, hum=((120 * LOOP_SECONDS, 0.05), (240 * LOOP_SECONDS, 0.025)), swell=1, drops=12),
)


def soundscape(rng: random.Random, atmosphere: Atmosphere, seconds: int = LOOP_SECONDS, rate: int = SAMPLE_RATE) -> bytes:
    """A loop of ``seconds`` as a 16-bit mono WAV. Its tones and swells
    repeat a whole number of times per loop, and the noise's last half
    second is cross-faded into its first, so it plays on without a click."""
    count, fade = seconds * rate, rate // 2
    total = count + fade
    noise = [rng.random() * 2.0 - 1.0 for _ in range(total)]
    low, high, previous, samples = 0.0, 0.0, 0.0, [0.0] * total
    for i, white in enumerate(noise):
        low += (white - low) * 0.02  # a one-pole low-pass: the rumble
        high = white - previous  # a first difference: the hiss
        previous = white
        samples[i] = atmosphere.rumble * low * 6.0 + atmosphere.hiss * high * 0.5
    for i in range(fade):  # the tail faded into the head
        mix = i / fade
        samples[i] = samples[i] * mix + samples[count + i] * (1.0 - mix)
    del samples[count:]
    step = 2.0 * math.pi / count
    if atmosphere.swell:
        for i in range(count):
            samples[i] *= 0.65 + 0.35 * math.sin(atmosphere.swell * step * i)
    for cycles, level in atmosphere.hum:
        for i in range(count):
            samples[i] += level * math.sin(cycles * step * i)
    for _ in range(atmosphere.drops):
        start, pitch, length = rng.randrange(count), rng.uniform(1800, 4200), rng.randint(150, 600)
        level = rng.uniform(0.08, 0.3)
        for j in range(length):
            at = (start + j) % count
            samples[at] += level * math.exp(-6.0 * j / length) * math.sin(2 * math.pi * pitch * j / rate)
    peak = max(1e-9, max(abs(s) for s in samples))
    pcm = array.array("h", (int(s / peak * 0.7 * 32767) for s in samples))
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(pcm.tobytes())
    return out.getvalue()


def waveform(data: bytes, size: tuple[int, int], color: tuple[int, int, int]) -> Image.Image:
    """A WAV's outline, as an editor draws it."""
    with wave.open(io.BytesIO(data)) as reader:
        pcm = array.array("h", reader.readframes(reader.getnframes()))
    width, height = size
    image = Image.new("RGB", size, (10, 14, 20))
    draw = ImageDraw.Draw(image)
    per = max(1, len(pcm) // width)
    for x in range(width):
        chunk = pcm[x * per:(x + 1) * per] or array.array("h", [0])
        top, bottom = max(chunk) / 32768, min(chunk) / 32768
        draw.line([(x, height / 2 - top * height / 2), (x, height / 2 - bottom * height / 2)], fill=color)
    return image


# --- packs ------------------------------------------------------------------


SURFACE_STYLES = (
    ("Circuit Grime", "circuit", ("#07060d", "#2b2140", "#8a7aa8", "#ff3dd6")),
    ("Rusted Hull Panels", "panels", ("#120904", "#5a2e17", "#c08a5a", "#ffb347")),
    ("Wet Concrete", "rain", ("#050608", "#2c3036", "#8d949c", "#46c8ff")),
    ("Data Center Floor", "panels", ("#04070b", "#14324a", "#5aa0c8", "#39f3ff")),
    ("Scratched Chrome", "scratches", ("#0a0a0c", "#4a4c55", "#d5d8e0", "#c7c9ff")),
    ("Toxic Moss", "circuit", ("#020702", "#1d3a16", "#7fbf4f", "#b6ff3b")),
    ("Neon Tile", "panels", ("#0b0410", "#3a1254", "#b070e0", "#ff4fa0")),
    ("Oil Slick Asphalt", "rain", ("#030305", "#1c1a26", "#5f5a7a", "#ff7b3b")),
)
CITY_SKIES = (
    ("Magenta Haze", ("#0a0618", "#6b1f5e"), ["#ff3dd6", "#39f3ff", "#ffd23b"]),
    ("Cyan Rain", ("#030a14", "#1a4b66"), ["#39f3ff", "#ff4fa0", "#7dff6a"]),
    ("Smog Orange", ("#120604", "#7a3a12"), ["#ffb347", "#ff3d6e", "#3bd1ff"]),
    ("Violet Midnight", ("#05040f", "#3a2a7a"), ["#b070ff", "#ff3dd6", "#39f3ff"]),
    ("Green Neon Fog", ("#020a08", "#1f5a45"), ["#7dff6a", "#ff4fa0", "#ffd23b"]),
    ("Red Alert District", ("#0f0306", "#6a1020"), ["#ff3b3b", "#39f3ff", "#ffe066"]),
)
SCI_FI_CAST = (
    ("Orbital Pilot", {"suit": "#e8ecf2", "trim": "#ff7a1a", "skin": "#c99a7e", "hair": "#2a2a33", "glow": "#39f3ff", "visor": True, "pads": True}),
    ("Android Courier", {"suit": "#b9c3cf", "trim": "#3b4a5c", "skin": "#dfe6ee", "hair": "#dfe6ee", "glow": "#ff3dd6", "visor": True}),
    ("Scrapyard Scavenger", {"suit": "#6b5a44", "trim": "#2f2a24", "skin": "#8f6a52", "hair": "#1b1712", "glow": "#b6ff3b", "pads": True}),
    ("Station Marshal", {"suit": "#22324a", "trim": "#d6b45a", "skin": "#6e4b3a", "hair": "#141414", "glow": "#ffd23b"}),
)
FANTASY_CAST = (
    ("Forest Ranger", {"suit": "#3f5a32", "trim": "#6b4a2a", "skin": "#d2a482", "hair": "#7a4a1e", "glow": "#2a2a2a", "cape": "#2c4226"}),
    ("Storm Mage", {"suit": "#2a2f6a", "trim": "#c8b26a", "skin": "#e0bfa0", "hair": "#d8d8e0", "glow": "#7fd7ff", "cape": "#1c1f4a", "staff": True}),
    ("Iron Knight", {"suit": "#9aa3ad", "trim": "#5a2222", "skin": "#c49a80", "hair": "#555b63", "glow": "#1a1a1a", "pads": True, "cape": "#6a1c1c"}),
    ("Cave Troll", {"suit": "#5b6b4a", "trim": "#3a3024", "skin": "#7f9468", "hair": "#3f4a33", "glow": "#ffcf3b", "horns": True}),
)
SHEET_PAPER = {
    "sci-fi": {"paper": "#0e141c", "grid": "#1a2633", "ink": "#9fb6cc"},
    "fantasy": {"paper": "#efe4cc", "grid": "#dccfb1", "ink": "#5a4630"},
}


def _collage(images: list[Image.Image], size=PREVIEW_SIZE, columns: int = 3) -> Image.Image:
    width, height = size
    sheet = Image.new("RGB", size, (8, 8, 12))
    rows = math.ceil(len(images) / columns)
    cell_w, cell_h = width // columns, height // rows
    for index, image in enumerate(images):
        tile = ImageOps.fit(image, (cell_w - 6, cell_h - 6), Image.Resampling.LANCZOS)
        sheet.paste(tile, ((index % columns) * cell_w + 3, (index // columns) * cell_h + 3))
    return sheet


def _with_title(image: Image.Image, title: str, line: str, accent: str) -> Image.Image:
    """The preview's caption band: the pack's name and what it holds."""
    width, height = image.size
    band = Image.new("RGB", (width, 96), (6, 6, 10))
    image = image.copy()
    image.paste(Image.blend(image.crop((0, height - 96, width, height)), band, 0.78), (0, height - 96))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height - 96, 8, height], fill=_hex(accent))
    draw.text((28, height - 84), title, font=_font(36), fill=(255, 255, 255))
    draw.text((28, height - 38), line, font=_font(20, "Medium"), fill=(200, 204, 214))
    return image


def _textures(asset: dict, rng: random.Random) -> Pack:
    pack = _pack(asset, "textures")
    images = []
    for name, style, (dark, mid, light, neon) in SURFACE_STYLES:
        image = surface(rng, 512, dark, mid, light, neon, style)
        images.append(image)
        pack.entries.append((f"textures/{slug(name)}.png", _png(image)))
    pack.notes = [f"{len(images)} surface textures, PNG, 512 x 512 px, sRGB."]
    pack.preview = _with_title(_collage(images[:6]), asset["title"], f"{len(images)} PNG textures · 512 px", "#ff3dd6")
    return pack


def _backgrounds(asset: dict, rng: random.Random) -> Pack:
    pack = _pack(asset, "backgrounds")
    images = []
    for name, sky, neons in CITY_SKIES:
        image = cityscape(rng, (1280, 720), sky, neons)
        images.append(image)
        pack.entries.append((f"backgrounds/{slug(name)}.png", _png(image)))
    pack.notes = [f"{len(images)} night city backgrounds, PNG, 1280 x 720 px, sRGB."]
    preview = _collage(images[:4], columns=2)
    pack.preview = _with_title(preview, asset["title"], f"{len(images)} PNG backgrounds · 1280 x 720", "#ff4fa0")
    return pack


def _characters(asset: dict, rng: random.Random) -> Pack:
    fantasy = "FANTASY" in asset["title"].upper()
    cast, paper = (FANTASY_CAST, SHEET_PAPER["fantasy"]) if fantasy else (SCI_FI_CAST, SHEET_PAPER["sci-fi"])
    pack = _pack(asset, "character sheets")
    sheets = []
    for name, look in cast:
        sheet = character_sheet(rng, asset["title"], name, {**look, **paper})
        sheets.append(sheet)
        pack.entries.append((f"sheets/{slug(name)}-turnaround.png", _png(sheet)))
    pack.notes = [f"{len(sheets)} turnaround sheets (front, 3/4, side, back), PNG, 1600 x 640 px."]
    preview = Image.new("RGB", PREVIEW_SIZE, _hex(paper["paper"]))
    for index, sheet in enumerate(sheets[:4]):  # 2 x 2, each whole
        preview.paste(sheet.resize((474, 190), Image.Resampling.LANCZOS), (6 + (index % 2) * 480, 28 + (index // 2) * 196))
    accent = "#c8b26a" if fantasy else "#39f3ff"
    pack.preview = _with_title(preview, asset["title"], f"{len(sheets)} PNG turnaround sheets", accent)
    return pack


def _luts(asset: dict, rng: random.Random) -> Pack:
    pack = _pack(asset, "LUTs")
    scene = test_scene(rng, (240, 444))
    strips = []
    for look in LOOKS:
        table = lut_table(look)
        pack.entries.append((f"luts/{slug(look.name)}.cube", cube_text(look.name, table)))
        if len(strips) < 4:
            strips.append((look.name, apply_lut(scene, table)))
    pack.notes = [
        f"{len(LOOKS)} film-emulation grades as 3D LUTs: .cube, {LUT_SIZE} points per axis, input and output in",
        "the 0-1 range (Rec. 709 / sRGB display-referred). Load them in DaVinci Resolve, Premiere Pro,",
        "After Effects, Final Cut Pro, OBS or ffmpeg (lut3d filter).",
    ]
    preview = Image.new("RGB", PREVIEW_SIZE, (8, 8, 12))
    draw = ImageDraw.Draw(preview)
    for index, (name, strip) in enumerate(strips):
        preview.paste(strip, (index * 240, 0))
        draw.text((index * 240 + 12, 12), name.upper(), font=_font(18), fill=(255, 255, 255))
    pack.preview = _with_title(preview, asset["title"], f"{len(LOOKS)} .cube LUTs · 33-point", "#ffb347")
    return pack


def _soundscapes(asset: dict, rng: random.Random) -> Pack:
    pack = _pack(asset, "soundscapes")
    preview = Image.new("RGB", PREVIEW_SIZE, (8, 10, 14))
    draw = ImageDraw.Draw(preview)
    for index, atmosphere in enumerate(ATMOSPHERES):
        data = soundscape(rng, atmosphere)
        pack.entries.append((f"loops/{slug(atmosphere.name)}.wav", data))
        top = 12 + index * 108
        preview.paste(waveform(data, (920, 80), (52, 211, 153)), (20, top + 24))
        draw.text((20, top), atmosphere.name.upper(), font=_font(18), fill=(220, 230, 240))
    pack.notes = [
        f"{len(ATMOSPHERES)} loopable atmospheres, WAV, 16-bit mono, {SAMPLE_RATE} Hz, {LOOP_SECONDS} s each:",
        "the end runs into the start, so each one loops without a click.",
    ]
    pack.preview = _with_title(preview, asset["title"], f"{len(ATMOSPHERES)} WAV loops · 16-bit", "#34d399")
    return pack


def _pack(asset: dict, kind: str) -> Pack:
    return Pack(f"{slug(asset['title'])}.zip", asset["title"], asset.get("description", ""), kind)


def recipe(asset: dict):
    """How an asset's pack is drawn (by its category), or None for a
    category no recipe knows."""
    category = asset.get("category")
    if category == "textures":
        return _backgrounds if "BACKGROUND" in asset["title"].upper() else _textures
    return {"characters": _characters, "luts": _luts, "sound": _soundscapes}.get(category)


def build(asset: dict) -> Pack | None:
    """``asset``: {"title", "description", "category"}. Its pack, drawn; None
    when no recipe knows its category."""
    make = recipe(asset)
    return make(asset, _rng("pack", asset["title"])) if make else None


def readme(pack: Pack) -> bytes:
    lines = [
        pack.title,
        "=" * len(pack.title),
        "",
        pack.description,
        "",
        *pack.notes,
        "",
        "Contents (SHA-256 of each file):",
        "",
        *(f"  {name}  {len(data)} bytes  {hashlib.sha256(data).hexdigest()}" for name, data in pack.entries),
        "",
        "Licence: for use in your own films, stills and projects, commercial ones included.",
        "Not for resale or redistribution as a pack of its own.",
        "",
        "Infinite Studio - the AI filmmaking school",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def write_zip(pack: Pack, target: Path) -> Path:
    """The pack as a zip: README.txt first, then its files. PNGs are stored
    as they are (they are compressed already); the rest is deflated."""
    with zipfile.ZipFile(target, "w") as archive:
        entries = [("README.txt", readme(pack)), *pack.entries]
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ENTRY_TIME)
            info.compress_type = zipfile.ZIP_STORED if name.endswith(".png") else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=6)
    return target


def write_preview(pack: Pack, target: Path) -> Path:
    """The preview as a JPEG: a tenth of a PNG of the same noisy pictures,
    for a page that shows six of them."""
    pack.preview.save(target, "JPEG", quality=85, optimize=True, progressive=True)
    return target

