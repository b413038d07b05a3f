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

from generator import pipeline
from generator.output import render

from .conftest import EPOCH, HOSTILE_PAGE, ROOT, add_page, digest, local_environment, small_project

# The editable install's traces in site-packages: left out of what the fresh environment borrows.
OWN_INSTALL = ("campaign_timeline", "__editable__", "_campaign_timeline")
# What the wheel is built from: the sources, with tools/ beside them as in the checkout (it must stay out).
SOURCES = ("pyproject.toml", "README.md", "generator", "site_templates", "tools")


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
    """The wheel holds exactly the package: every file of generator/ (the modules, the event, export and editor
    schemas, the blocklist, the base map with its provenance) and every page template of site_templates/ (not
    the theme overrides, which a project keeps beside its mkdocs.yml), with its metadata and the plugin's entry
    point; nothing else (no tools/, which is beside it in the sources, no tests, events or content)."""
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    package = {
        f"generator/{p.relative_to(ROOT / 'generator').as_posix()}"
        for p in (ROOT / "generator").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    templates = {f"generator/site_templates/{p.name}" for p in (ROOT / "site_templates").iterdir() if p.is_file()}
    (info,) = {n.split("/", 1)[0] for n in names if ".dist-info/" in n}
    metadata = {f"{info}/{name}" for name in ("METADATA", "WHEEL", "entry_points.txt", "top_level.txt", "RECORD")}
    assert sorted(names ^ (package | templates | metadata)) == []
    # The rule above covers each kind of data file the package reads.
    for kind in (
        "data/*.schema.json",
        "data/editor/*.schema.json",
        "data/geo/*.geojson",
        "data/geo/README.md",
        "data/*.txt",
    ):
        assert list((ROOT / "generator").glob(kind)), kind
    assert (ROOT / "tools" / "__init__.py").is_file()  # offered to the build, and left out
    assert len([t for t in templates if t.endswith(".md.j2")]) == len(list((ROOT / "site_templates").glob("*.j2")))
    text = archive.read(f"{info}/entry_points.txt").decode()
    assert "[mkdocs.plugins]\ntimeline = generator.engines.plugin:TimelinePlugin\n" in text
    assert "[console_scripts]\ntimeline = generator.cli:main\n" in text


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
    """The shared build's project without the page templates: events, content (with the hostile page), the
    contributors' guide, mkdocs.yml, mkdocs.ar.yml and the theme overrides it names (MkDocs reads those from the
    project, not from the package); no generator/ either."""
    target.mkdir(parents=True)
    for part in ("events", "content", "site_templates/theme"):
        shutil.copytree(ROOT / part, target / part)
    for part in ("mkdocs.yml", "mkdocs.ar.yml", "CONTRIBUTING.md"):
        shutil.copyfile(ROOT / part, target / part)
    add_page(target, "hostile.md", HOSTILE_PAGE)
    return target


def run_in_project(python: Path, project: Path, *args: str) -> None:
    """Run `python *args` in a project folder for a local build, asserting it succeeds (with its output if not)."""
    result = subprocess.run(
        [python, *args],
        cwd=project,  # not this checkout, whose generator/ `python -m` would import first
        env={**local_environment(SOURCE_DATE_EPOCH=EPOCH), "PYTHONPATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def html_pages(site: Path) -> list[str]:
    """The site-relative paths of a built site's HTML pages, sorted."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.mark.slow
def test_the_installed_wheel_builds_the_same_site(wheel: Path, built: Path, tmp_path: Path) -> None:
    """Same pages, same bytes: `timeline build` (MkDocs, strict, with the plugin found by its entry point) from
    the wheel in a fresh environment, of a project folder without templates or code, against the shared build of
    the same project by the editable install."""
    python = fresh_environment(tmp_path / "venv", wheel)
    where = subprocess.run(
        [
            python,
            "-c",
            "import generator.engines.plugin as p, generator.output.render as r; print(p.__file__); "
            "print(r.TEMPLATES_DIR)",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert len(where) == 2 and all(Path(line).is_relative_to(tmp_path / "venv" / "lib") for line in where), where
    project = bare_project(tmp_path / "wheel-project")
    run_in_project(python, project, "-m", "generator", "--root", str(project), "build")
    from_wheel, editable = project / "site", built / "site"
    pages = html_pages(editable)
    catalog = pipeline.check(built).catalog
    assert catalog is not None
    assert {"index.html", "hostile/index.html", *(f"events/{e.id}/index.html" for e in catalog.events)} <= set(pages)
    assert html_pages(from_wheel) == pages
    assert digest(from_wheel) == digest(editable)


def test_theme_overrides_alone_keep_the_package_templates(tmp_path: Path) -> None:
    """site_templates/ with only the theme overrides mkdocs.yml names renders with the package's page templates;
    a project's own page templates win."""
    (tmp_path / "site_templates" / "theme" / "partials").mkdir(parents=True)
    (tmp_path / "site_templates" / "theme" / "partials" / "source.html").write_text("<a></a>", encoding="utf-8")
    assert render.templates_for(tmp_path) == render.TEMPLATES_DIR
    (tmp_path / "site_templates" / "event.md.j2").write_text("{{ event.id }}", encoding="utf-8")
    assert render.templates_for(tmp_path) == (tmp_path / "site_templates").resolve()


@pytest.mark.slow
def test_plain_mkdocs_build_from_the_wheel_is_the_editable_installs(wheel: Path, tmp_path: Path) -> None:
    """`mkdocs build` itself (the plugin found by its entry point, no `timeline` command) of two copies of a
    project gives the same pages and bytes from the wheel in a fresh environment as from the editable install."""
    pythons = {"wheel": fresh_environment(tmp_path / "venv", wheel), "editable": Path(sys.executable)}
    sites = {}
    for install, python in pythons.items():
        project = small_project(tmp_path / install / "project")
        run_in_project(python, project, "-m", "mkdocs", "build", "--strict")
        sites[install] = project / "site"
    pages = html_pages(sites["editable"])
    assert {"index.html", "timeline/index.html"} <= set(pages)
    assert html_pages(sites["wheel"]) == pages
    assert digest(sites["wheel"]) == digest(sites["editable"])
