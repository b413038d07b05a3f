"""Shared fixtures: the project root, a copy of the small fixture project, the golden-file flag, and the sites
built once per test run for every test that only reads them.

A site build takes seconds, so each site is built once per run (`built_once`), under a file lock in the folder
every pytest-xdist worker of the run shares: the first worker to ask builds it, the others wait and read it. A
test that changes a project or its site works on its own copy (`writable_copy`)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

from generator import settings
from generator.output import sitelinks

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# What a site build reads of the real project: events, registries, content, templates, config, the guide.
PROJECT_PARTS = ("mkdocs.yml", "mkdocs.ar.yml", "CONTRIBUTING.md", "content", "events", "site_templates")
# A fixed build date: the sitemap's dates, and so the whole site, are the same whenever a test builds it.
EPOCH = "1553299200"
# A hand-written page that a theme or an engine would publish as it is, but the sanitizer pass must not; the
# shared sites carry it (out of the navigation), so that every test of the built site also reads a hostile page.
HOSTILE_PAGE = """# Hostile page

<p onclick="alert(1)">Click me</p>
<script>alert(2)</script>
<a href="javascript:alert(3)">a link</a>

[Home](index.md)

## __config

## Source 1
"""


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


def copy_project(target: Path) -> Path:
    """A copy of the real project (events, registries, content, templates, config) for the installed plugin."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
        else:
            shutil.copyfile(source, target / part)
    return target


def small_project(target: Path) -> Path:
    """The fixture project (two events, small registries: every template used) with the real site's config,
    content, guide and theme overrides: a whole site in a second, for rules that hold for any project."""
    shutil.copytree(FIXTURES / "project", target)
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copytree(ROOT / "site_templates" / "theme", target / "site_templates" / "theme")
    for part in ("mkdocs.yml", "mkdocs.ar.yml", "CONTRIBUTING.md"):
        shutil.copyfile(ROOT / part, target / part)
    return target


def add_page(project: Path, name: str, text: str) -> Path:
    """A hand-written page in content/, kept out of the navigation as generated pages are."""
    config = project / "mkdocs.yml"
    listed = config.read_text(encoding="utf-8")
    if f"  /{name}\n" not in listed:
        config.write_text(listed.replace("not_in_nav: |\n", f"not_in_nav: |\n  /{name}\n", 1), encoding="utf-8")
    page = project / "content" / name
    page.write_text(text, encoding="utf-8")
    return page


def local_environment(**extra: str) -> dict[str, str]:
    """A site engine's environment for a local build: no repository or site address, whatever the shell has."""
    environment = settings.engine_environment(**extra)
    for name in ("TIMELINE_REPO_URL", "TIMELINE_SITE_URL"):
        if name not in extra:
            environment.pop(name, None)
    return environment


def timeline(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command line the way a maintainer does."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project), *args],
        capture_output=True,
        text=True,
        env=settings.engine_environment() if env is None else env,
        check=False,
    )


def digest(folder: Path) -> str:
    """One hash over every file's path and bytes."""
    hasher = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        hasher.update(file.relative_to(folder).as_posix().encode() + b"\0" + file.read_bytes())
    return hasher.hexdigest()


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder `name` that `make(folder)` fills, made once per test run and shared by every test that reads it.

    With pytest-xdist the workers of one run share the parent of their temporary folders: the first worker to
    ask makes the folder under a file lock, the others wait for the lock and find it made (the xdist docs' way of
    making session data once). A failed `make` leaves no folder, so the next test to ask fails the same way."""
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "built-once"
    shared.mkdir(exist_ok=True)
    folder, done = shared / name, shared / f"{name}.done"
    with FileLock(str(shared / f"{name}.lock")):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            done.touch()
    return folder


def built_site(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    project: Callable[[Path], object],
    *build_args: str,
    env: dict[str, str] | None = None,
) -> Path:
    """A project made by `project(folder)` and built with `timeline build *build_args`, once per test run; the
    project folder (its site in site/). Local by default: no repository or site address, the fixed EPOCH."""
    environment = local_environment(SOURCE_DATE_EPOCH=EPOCH) if env is None else env

    def make(folder: Path) -> None:
        """Make the project and build it; a failed build fails every test that reads it, with its output."""
        project(folder)
        result = timeline(folder, "build", *build_args, env=environment)
        assert result.returncode == 0, result.stdout + result.stderr
        engine = build_args[build_args.index("--engine") + 1] if "--engine" in build_args else "mkdocs"
        assert result.stdout.startswith("built ") and result.stdout.endswith(
            f"into {folder / 'site'}/ with {engine} (preview: python3 -m http.server -d {folder / 'site'} 8000)\n"
        ), result.stdout

    return built_once(tmp_path_factory, name, make)


def real_project_with_hostile_page(target: Path) -> Path:
    """The real project with HOSTILE_PAGE as content/hostile.md (out of the navigation)."""
    add_page(copy_project(target), "hostile.md", HOSTILE_PAGE)
    return target


def writable_copy(project: Path, target: Path) -> Path:
    """A copy of a shared project and its site, for a test that changes either."""
    shutil.copytree(project, target, symlinks=True)
    return target


def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project (plus the hostile page) built once with `timeline build`, as `make site` does."""
    return built_site(tmp_path_factory, "real-mkdocs", real_project_with_hostile_page)


def real_zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same project built once with `timeline build --engine zensical`."""
    return built_site(tmp_path_factory, "real-zensical", real_project_with_hostile_page, "--engine", "zensical")


def small_engine_site(tmp_path_factory: pytest.TempPathFactory, engine: str) -> Path:
    """The small project built once with an engine."""
    return built_site(tmp_path_factory, f"small-{engine}", small_project, "--engine", engine)


# The shared builds, by the fixture that reads them, in the order the background build makes them (the one most
# tests read first).
SHARED_BUILDS: dict[str, tuple[Callable[[pytest.TempPathFactory], Path], ...]] = {
    "built": (real_site,),
    "small_site": (lambda f: small_engine_site(f, "mkdocs"), lambda f: small_engine_site(f, "zensical")),
    "built_zensical": (real_zensical_site,),
}


@pytest.fixture(scope="session", autouse=True)
def shared_builds_in_background(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Start the shared builds the run's tests read, one after the other in a background thread of one worker,
    as the run begins: the tests that need no site run meanwhile, where otherwise a worker would wait idle on the
    lock for the half minute the real site takes. A test that reads a build still waits on its lock (and a failed
    background build is made, and fails, again for the test that asks)."""
    if os.environ.get("PYTEST_XDIST_WORKER", "gw0") != "gw0":
        yield
        return
    wanted = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    makers = [make for fixture, makes in SHARED_BUILDS.items() if fixture in wanted for make in makes]

    def make_all() -> None:
        """Make each shared build; a failure is left for the test that reads it to report."""
        for make in makers:
            with contextlib.suppress(AssertionError, OSError, subprocess.SubprocessError):
                make(tmp_path_factory)

    # Made here, not in the thread: the first getbasetemp() empties the folder, and racing a test's own first use
    # it deleted that test's files.
    tmp_path_factory.getbasetemp()
    thread = threading.Thread(target=make_all, name="shared builds", daemon=True)
    thread.start()
    yield
    # Never leave a build running after the run.
    thread.join()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project (plus the hostile page) built once with `timeline build`, as `make site` does; read only."""
    return real_site(tmp_path_factory)


@pytest.fixture(scope="session")
def built_zensical(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same project built once with `timeline build --engine zensical`; read only."""
    return real_zensical_site(tmp_path_factory)


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The small project built once per run with an engine: engine -> project folder; read only."""

    def with_engine(engine: str) -> Path:
        """The small project's shared build with `engine`."""
        return small_engine_site(tmp_path_factory, engine)

    return with_engine
