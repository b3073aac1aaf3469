"""The project's packages (pyproject.toml) and its locks (requirements*.lock),
as `make venv` and deploy/Dockerfile install them."""

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.suite import ROOT

RUNTIME_LOCK = ROOT / "requirements.lock"
DEV_LOCK = ROOT / "requirements-dev.lock"


def logical_lines(path: Path) -> list[str]:
    """Lines of a requirements file, continuations joined, comments dropped."""
    text = re.sub(r"\\\n\s*", " ", path.read_text())
    lines = [re.sub(r"(^|\s)#.*$", "", line).strip() for line in text.splitlines()]
    return [line for line in lines if line]


def lock_entries(path: Path) -> dict[str, tuple[str, frozenset[str]]]:
    """name -> (version, hashes) of a lock; every line must be such a pin."""
    entries = {}
    for line in logical_lines(path):
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==(\S+)((?:\s+--hash=sha256:[0-9a-f]{64})+)", line)
        assert match, f"{path.name}: not a pin with hashes: {line}"
        entries[normalized(match.group(1))] = (match.group(2), frozenset(match.group(3).split()))
    return entries


def in_file_pins(path: Path) -> dict[str, str]:
    """name -> version of an .in file, with the files it includes (-r)."""
    pins = {}
    for line in logical_lines(path):
        if line.startswith("-r "):
            pins.update(in_file_pins(path.parent / line.split()[1]))
        elif not line.startswith("-c "):
            name, sep, version = line.partition("==")
            assert sep and version, f"{path.name}: {line} is not pinned to a version"
            # "moto[server]" is locked as "moto": extras are not part of the name.
            pins[normalized(name.partition("[")[0])] = version
    return pins


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize("source, lock", [("requirements.in", RUNTIME_LOCK), ("requirements-dev.in", DEV_LOCK)])
def test_every_pin_of_an_in_file_is_in_its_lock(source, lock):
    """A changed .in file without `make lock` is caught here."""
    locked = lock_entries(lock)
    for name, version in in_file_pins(ROOT / source).items():
        assert name in locked, f"{name} is in {source} but not in {lock.name}: make lock"
        assert locked[name][0] == version, f"{name}: {version} in {source}, {locked[name][0]} in {lock.name}"


def test_the_dev_lock_holds_the_runtime_lock_unchanged():
    """The tests run on the versions, and files, that the image installs."""
    runtime, dev = lock_entries(RUNTIME_LOCK), lock_entries(DEV_LOCK)
    assert {name: dev.get(name) for name in runtime} == runtime
    assert not {"pytest", "playwright", "honcho"} & set(runtime), "no test tools in the image"


def test_setuptools_still_provides_pkg_resources():
    version = lock_entries(RUNTIME_LOCK)["setuptools"][0]
    assert int(version.split(".")[0]) < 82, "nameko imports pkg_resources, gone from setuptools 82"


def test_the_lock_tool_is_pinned():
    assert re.fullmatch(r"uv==\d+\.\d+\.\d+", " ".join(logical_lines(ROOT / "lock-tool.txt")))


def test_the_venv_is_made_anew_when_a_lock_or_pyproject_changes():
    makefile = (ROOT / "Makefile").read_text()
    prerequisites = re.search(r"^\$\(VENV\)/\.installed:(.*)$", makefile, re.M).group(1).split()
    assert {"requirements.lock", "requirements-dev.lock", "pyproject.toml"} <= set(prerequisites)


def source_modules() -> dict[str, Path]:
    """Where each module of the project should be installed (its path in the
    wheel) -> its file: shared/, deploy/, gateway/gateway/ and every
    services/<name>/<name>/, less tests."""
    roots = [ROOT / "shared", ROOT / "deploy", ROOT / "gateway" / "gateway"]
    roots += [path / path.name for path in sorted((ROOT / "services").iterdir()) if (path / path.name).is_dir()]
    modules = {}
    for root in roots:
        for path in root.rglob("*.py"):
            if "__pycache__" not in path.parts:
                modules[(Path(root.name) / path.relative_to(root)).as_posix()] = path
    return modules


def test_the_distribution_holds_every_module_and_nothing_else(tmp_path):
    """What deploy/Dockerfile installs: the wheel of pyproject.toml, built as
    pip builds it there. A new service missing from pyproject.toml, or a
    subpackage without an __init__.py, would be left out of the image."""
    source = tmp_path / "src"
    ignore = shutil.ignore_patterns(
        ".git", ".venv*", ".lock-tool", ".run", "web", "__pycache__", "build", "*.egg-info", ".pytest_cache"
    )
    shutil.copytree(ROOT, source, ignore=ignore)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
        + ["--wheel-dir", str(tmp_path / "dist"), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        installed = {name for name in archive.namelist() if ".dist-info/" not in name}

    expected = source_modules()
    missing = sorted(set(expected) - installed)
    folders = sorted({str(expected[name].parent.relative_to(ROOT)) for name in missing})
    assert not missing, (
        f"not installed: {missing}; is each of {folders} a package (__init__.py), and its service"
        " in [tool.setuptools.packages.find] where of pyproject.toml?"
    )
    assert installed == set(expected), f"installed but not the project's: {sorted(installed - set(expected))}"
