"""Shared fixtures: the project root, a copy of the small fixture project, and the golden-file flag."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator import sitelinks

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    """`pytest --update-golden` rewrites the golden files instead of comparing with them."""
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the golden files are to be rewritten."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/project: two events, small registries."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", target)
    return target


def install_fixture(project_root: Path, fixture: Path) -> str:
    """Copy a problem fixture into a project at the path its first line names; return that path.

    A second line `# symlink: TARGET` installs a symbolic link to TARGET there instead (what a pull request can
    commit), `# fifo` a named pipe, and `# replace-dir` first removes the folder the path names (to put a link in
    its place)."""
    lines = fixture.read_bytes().split(b"\n", 2)
    first_line = lines[0].decode().lstrip("\ufeff")
    assert first_line.startswith("# install: "), f"{fixture.name} must start with '# install: <path>'"
    relative = first_line.removeprefix("# install: ").strip()
    second = lines[1].decode(errors="replace") if len(lines) > 1 else ""
    destination = project_root / relative
    if second.startswith("# replace-dir") and destination.is_dir():
        shutil.rmtree(destination)
        second = lines[2].decode(errors="replace").split("\n", 1)[0] if len(lines) > 2 else ""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if second.startswith(("# symlink: ", "# fifo")) and destination.is_file():
        destination.unlink()
    if second.startswith("# symlink: "):
        destination.symlink_to(second.removeprefix("# symlink: ").strip())
    elif second.startswith("# fifo"):
        os.mkfifo(destination)
    else:
        shutil.copyfile(fixture, destination)
    return relative


def mkdocs_config(root: Path = ROOT) -> dict[str, Any]:
    """The project's mkdocs.yml as MkDocs reads it (`!ENV` resolved), with the reader the site build uses: a
    `!!python/name:x.y` tag (which MkDocs imports) reads as the text 'x.y'."""
    config: dict[str, Any] = sitelinks.parse_config((root / "mkdocs.yml").read_text(encoding="utf-8"))
    return config
