"""The built wheel is the whole generator: it carries the templates, the base map and the schemas, and installed
into a fresh virtual environment it builds the same site as the editable install, from a project folder that
holds only events, content, the config (no generator/, no site_templates/).

Offline: the wheel is built without build isolation, and the fresh environment sees the dependencies already
installed in this one through a .pth file (this environment's own install of the package left out)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from generator import render, settings

from .conftest import ROOT
from .test_site import digest

EPOCH = "1553299200"
# The editable install's traces in site-packages: left out of what the fresh environment borrows.
OWN_INSTALL = ("campaign_timeline", "__editable__", "_campaign_timeline")
# What the wheel is built from.
SOURCES = ("pyproject.toml", "README.md", "generator", "site_templates")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built from a clean copy of the sources (setuptools would reuse a stale build/)."""
    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    for part in SOURCES:
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copyfile
        copy(ROOT / part, source / part)
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(out)]
    subprocess.run([*command, str(source)], check=True, capture_output=True)
    (built,) = out.glob("campaign_timeline-*.whl")
    return built


def test_the_wheel_carries_templates_map_and_schemas(wheel: Path) -> None:
    """Every template, the base map with its provenance, every schema, and the plugin's entry point."""
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = (
        [f"generator/site_templates/{t.name}" for t in sorted((ROOT / "site_templates").glob("*.j2"))]
        + [f"generator/{p.relative_to(ROOT / 'generator').as_posix()}" for p in (ROOT / "generator").rglob("*.json")]
        + ["generator/geo/euphrates-valley.geojson", "generator/geo/README.md", "generator/plugin.py"]
    )
    assert len(wanted) > 15
    assert sorted(set(wanted) - names) == []
    assert not [n for n in names if n.startswith(("tests/", "events/", "content/"))]
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[mkdocs.plugins]\ntimeline = generator.plugin:TimelinePlugin\n" in text


def fresh_environment(folder: Path, wheel: Path) -> Path:
    """A new virtual environment with the wheel installed and this environment's dependencies visible; its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    purelib = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The dependencies: every entry of this environment's site-packages but the package's own install, linked.
    borrowed = folder / "borrowed"
    borrowed.mkdir()
    ours = Path(sysconfig.get_paths()["purelib"])
    for entry in ours.iterdir():
        if not entry.name.startswith(OWN_INSTALL) and not entry.name.endswith(".pth"):
            (borrowed / entry.name).symlink_to(entry)
    (purelib / "borrowed.pth").write_text(f"{borrowed}\n", encoding="utf-8")
    # This environment's pip installs the wheel into the fresh one (offline, no dependencies to fetch).
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--target", str(purelib), wheel],
        check=True,
        capture_output=True,
    )
    return python


def bare_project(target: Path) -> Path:
    """The real project without generator/ and the page templates: events, content, the contributors' guide,
    mkdocs.yml and the theme overrides it names (MkDocs reads those from the project, not from the package)."""
    target.mkdir(parents=True)
    for part in ("events", "content", "site_templates/theme"):
        shutil.copytree(ROOT / part, target / part)
    for part in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copyfile(ROOT / part, target / part)
    return target


def mkdocs_build(python: Path, project: Path) -> Path:
    """`mkdocs build --strict` of the project with the given interpreter; its site folder."""
    result = subprocess.run(
        [python, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=project,
        env={**settings.engine_environment(SOURCE_DATE_EPOCH=EPOCH), "PYTHONPATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_the_installed_wheel_builds_the_same_site(wheel: Path, tmp_path: Path) -> None:
    """Same pages, same bytes: the wheel in a fresh environment against the editable install."""
    python = fresh_environment(tmp_path / "venv", wheel)
    where = subprocess.run(
        [
            python,
            "-c",
            "import generator.plugin as p, generator.render as r; print(p.__file__); print(r.TEMPLATES_DIR)",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert all(Path(line).is_relative_to(tmp_path / "venv" / "lib") for line in where), where
    from_wheel = mkdocs_build(python, bare_project(tmp_path / "wheel-project"))
    editable = mkdocs_build(Path(sys.executable), bare_project(tmp_path / "editable-project"))
    pages = sorted(p.relative_to(editable).as_posix() for p in editable.rglob("*.html"))
    assert len(pages) > 100
    assert sorted(p.relative_to(from_wheel).as_posix() for p in from_wheel.rglob("*.html")) == pages
    assert digest(from_wheel) == digest(editable)


def test_theme_overrides_alone_keep_the_package_templates(tmp_path: Path) -> None:
    """site_templates/ with only the theme overrides mkdocs.yml names renders with the package's page templates;
    a project's own page templates win."""
    (tmp_path / "site_templates" / "theme" / "partials").mkdir(parents=True)
    (tmp_path / "site_templates" / "theme" / "partials" / "source.html").write_text("<a></a>", encoding="utf-8")
    assert render.templates_for(tmp_path) == render.TEMPLATES_DIR
    (tmp_path / "site_templates" / "event.md.j2").write_text("{{ event.id }}", encoding="utf-8")
    assert render.templates_for(tmp_path) == (tmp_path / "site_templates").resolve()
