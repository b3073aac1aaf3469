"""The drawn packs of the seeded assets: what each zip holds, and that each
file is what it says (a .cube a colour tool loads, PNGs, loopable WAVs)."""

import hashlib
import io
import wave
import zipfile

import pytest
from PIL import Image

from catalog import seed_data
from media import packs

ASSETS = {asset["title"]: asset for asset in seed_data.ASSETS}


def parse_cube(text: str) -> tuple[int, list[tuple[float, float, float]]]:
    """A 3D .cube file: its LUT_3D_SIZE and rows, refusing what a colour tool would."""
    size, rows = None, []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword = line.split()[0]
        if keyword == "LUT_3D_SIZE":
            size = int(line.split()[1])
        elif keyword in ("TITLE", "DOMAIN_MIN", "DOMAIN_MAX"):
            continue
        else:
            values = tuple(float(part) for part in line.split())
            assert len(values) == 3, line
            rows.append(values)
    assert size is not None and len(rows) == size**3
    return size, rows


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every seeded asset's pack, zipped once: {title: (pack, zip bytes)}."""
    work = tmp_path_factory.mktemp("packs")
    result = {}
    for title, asset in ASSETS.items():
        pack = packs.build(asset)
        result[title] = (pack, packs.write_zip(pack, work / pack.file_name).read_bytes())
    return result


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def test_every_seeded_asset_has_a_recipe():
    assert all(packs.recipe(asset) for asset in seed_data.ASSETS)
    assert packs.build({"title": "X", "category": "fonts"}) is None


def test_each_zip_has_a_readme_listing_every_file_with_its_checksum(built):
    for title, (pack, data) in built.items():
        files = entries(data)
        assert list(files)[0] == "README.txt" and len(files) > 3
        readme = files.pop("README.txt").decode()
        assert readme.startswith(title) and ASSETS[title]["description"] in readme
        for name, content in files.items():
            assert f"{name}  {len(content)} bytes  {hashlib.sha256(content).hexdigest()}" in readme
        assert pack.file_name == packs.slug(title) + ".zip"


def test_the_same_asset_gives_the_same_bytes(built, tmp_path):
    pack = packs.build(ASSETS["SCI-FI CHARACTER SHEETS"])
    assert packs.write_zip(pack, tmp_path / "again.zip").read_bytes() == built["SCI-FI CHARACTER SHEETS"][1]


@pytest.mark.parametrize(
    ("title", "folder", "size"),
    [
        ("CYBERPUNK TEXTURES VOL. 1", "textures/", (512, 512)),
        ("NEON CITY BACKGROUNDS", "backgrounds/", (1280, 720)),
        ("SCI-FI CHARACTER SHEETS", "sheets/", (1600, 640)),
        ("FANTASY CHARACTER PACK", "sheets/", (1600, 640)),
    ],
)
def test_image_packs_hold_pngs_that_open(built, title, folder, size):
    files = {name: data for name, data in entries(built[title][1]).items() if name != "README.txt"}
    assert files and all(name.startswith(folder) and name.endswith(".png") for name in files)
    for data in files.values():
        image = Image.open(io.BytesIO(data))
        image.load()
        assert (image.format, image.size, image.mode) == ("PNG", size, "RGB")
        assert len(image.resize((32, 32)).getcolors(1024) or range(1025)) > 50  # a picture, not a flat fill


def test_the_lut_pack_holds_33_point_cube_files_in_range(built):
    cubes = {name: data for name, data in entries(built["CINEMATIC LUTS PACK"][1]).items() if name.endswith(".cube")}
    assert len(cubes) == len(packs.LOOKS)
    for name, data in cubes.items():
        size, rows = parse_cube(data.decode("ascii"))
        assert size == 33 and len(rows) == 35937
        assert all(0.0 <= value <= 1.0 for row in rows for value in row)
        # A grade, not the identity, and not a flat colour: black stays darker than white.
        black, white = rows[0], rows[-1]
        assert sum(white) - sum(black) > 1.5, name
        identity = [(r / 32, g / 32, b / 32) for b in range(33) for g in range(33) for r in range(33)]
        assert max(abs(a - b) for row, ident in zip(rows, identity) for a, b in zip(row, ident)) > 0.03


def test_a_lut_grades_an_image_as_pillow_loads_it():
    table = packs.lut_table(packs.LOOKS[2])  # bleach bypass: less saturated
    red = Image.new("RGB", (4, 4), (200, 40, 40))
    graded = packs.apply_lut(red, table).getpixel((0, 0))
    assert graded[0] - graded[1] < 160


def test_the_film_curve_keeps_its_ends_and_middle():
    for contrast in (0.85, 1.0, 1.45):
        assert packs._s_curve(0.0, contrast) == 0.0 and packs._s_curve(1.0, contrast) == 1.0
        assert packs._s_curve(0.5, contrast) == pytest.approx(0.5)
        values = [packs._s_curve(i / 32, contrast) for i in range(33)]
        assert values == sorted(values)


def test_the_soundscapes_are_loopable_16_bit_wavs(built):
    loops = {name: data for name, data in entries(built["AMBIENT SOUNDSCAPES"][1]).items() if name.endswith(".wav")}
    assert len(loops) == len(packs.ATMOSPHERES)
    for name, data in loops.items():
        with wave.open(io.BytesIO(data)) as reader:
            assert (reader.getnchannels(), reader.getsampwidth(), reader.getframerate()) == (1, 2, packs.SAMPLE_RATE)
            assert reader.getnframes() == packs.SAMPLE_RATE * packs.LOOP_SECONDS
            frames = memoryview(reader.readframes(reader.getnframes())).cast("h")
        assert max(abs(s) for s in frames) > 10000  # audible
        # The end runs into the start: no jump bigger than the loop's own steps.
        steps = sorted(abs(frames[i + 1] - frames[i]) for i in range(len(frames) - 1))
        assert abs(frames[0] - frames[-1]) <= steps[int(len(steps) * 0.999)], name


def test_each_preview_is_a_16_by_9_jpeg(built, tmp_path):
    for title, (pack, _) in built.items():
        path = packs.write_preview(pack, tmp_path / f"{packs.slug(title)}.jpg")
        image = Image.open(path)
        assert (image.format, image.size) == ("JPEG", packs.PREVIEW_SIZE)
        assert path.stat().st_size < 400_000
