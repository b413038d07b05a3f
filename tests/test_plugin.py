"""The installed MkDocs plugin `timeline`: found by its entry point, it generates the pages inside MkDocs' own
build, and `mkdocs serve` keeps previewing the last good pages while an event file is broken."""

from __future__ import annotations

import logging
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from generator import pipeline, settings
from generator.engines.plugin import TimelinePlugin

from .conftest import FIXTURES, install_fixture, small_project

BROKEN_LINE = "events/2018/2018-09-20-enum.yaml:5:7: E013 kind 'battle' is not allowed"


def config_for(project: Path, command: str) -> MkDocsConfig:
    """The project's MkDocs config as `mkdocs <command>` loads it, building into the project's site/."""
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command=command, dirty=False)
    return config


def plugin_of(config: MkDocsConfig) -> TimelinePlugin:
    """The timeline plugin instance MkDocs loaded for this config."""
    plugin = config.plugins["timeline"]
    assert isinstance(plugin, TimelinePlugin)
    return plugin


@pytest.fixture(scope="module")
def plugin_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small project: the fixture events with the real config and content (no generator/ in it: the plugin
    comes from the installed package). What the plugin does holds for any project."""
    return small_project(tmp_path_factory.mktemp("plugin") / "project")


def event_page(project: Path, event_id: str) -> str:
    """The built page of one event."""
    return (project / "site" / "events" / event_id / "index.html").read_text(encoding="utf-8")


def test_the_plugin_is_registered_by_entry_point() -> None:
    """mkdocs.yml's `- timeline` resolves to this package's plugin class."""
    (found,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "timeline"]
    assert found.load() is TimelinePlugin


def test_the_plugin_sets_the_site_identity(plugin_project: Path) -> None:
    """The site's name and description come from generator/settings.py."""
    config = config_for(plugin_project, "build")
    config.site_name, config.site_description = "something else", None
    config = config.plugins.on_config(config)
    assert (config.site_name, config.site_description) == (settings.SITE_TITLE, settings.SITE_DESCRIPTION)


def test_serve_keeps_the_last_good_pages_of_the_session(plugin_project: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A rebuild with a broken event logs the exact problem and still serves every page of the last good run."""
    config = config_for(plugin_project, "serve")
    build(config)
    catalog = pipeline.check(plugin_project).catalog
    assert catalog is not None
    good = {e.id: event_page(plugin_project, e.id) for e in catalog.events}
    generated = plugin_of(config).pages
    # The pages handed to MkDocs are the pipeline's own result, kept on the plugin instance.
    assert generated == pipeline.build(plugin_project).pages
    broken = plugin_project / install_fixture(plugin_project, FIXTURES / "problems" / "E013-enum.yaml")
    (plugin_project / "build" / "generated" / "index.md").unlink()  # the session's pages, not the disk's, are served
    try:
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.timeline"):
            build(config)
    finally:
        broken.unlink()
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors[0].startswith(BROKEN_LINE)
    assert errors[-1] == "1 problem(s) in the inputs: the preview shows the last good version until they are fixed"
    assert plugin_of(config).pages == generated
    assert {e.id: event_page(plugin_project, e.id) for e in catalog.events} == good
    assert (plugin_project / "site" / "index.html").is_file()


def test_serve_started_on_a_broken_file_previews_the_last_pages_on_disk(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Before its first good build, a serve session falls back to what the last good run left in build/generated."""
    # Another copy: the plugin instance, which MkDocs keeps for the whole process, has no good build of this one.
    plugin_project = small_project(tmp_path / "project")
    assert pipeline.build(plugin_project).written is not None
    broken = plugin_project / install_fixture(plugin_project, FIXTURES / "problems" / "E013-enum.yaml")
    try:
        config = config_for(plugin_project, "serve")
        with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.timeline"):
            build(config)
    finally:
        broken.unlink()
    assert next(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR).startswith(BROKEN_LINE)
    on_disk = plugin_project / pipeline.GENERATED_DIR
    assert plugin_of(config).pages == {
        p.relative_to(on_disk).as_posix(): p for p in sorted(on_disk.rglob("*")) if p.is_file() and p.name[0] != "."
    }
    catalog = pipeline.check(plugin_project).catalog
    assert catalog is not None
    for event in catalog.events:
        assert f"event {event.id}." in event_page(plugin_project, event.id)


def test_serve_with_no_good_pages_anywhere_stops_with_every_problem(tmp_path: Path) -> None:
    """With nothing good to fall back on (no good build in this session, none on disk), `mkdocs serve` stops as
    `mkdocs build` does: every problem line, then what it did not do."""
    project = small_project(tmp_path / "project")
    install_fixture(project, FIXTURES / "problems" / "E013-enum.yaml")
    config = config_for(project, "serve")
    with pytest.raises(Abort) as aborted:
        build(config)
    lines = str(aborted.value).splitlines()
    assert lines[0].startswith(BROKEN_LINE)
    assert lines[-1] == "1 problem(s) in the inputs: nothing was generated or built."
    assert not (project / "site").exists() and not (project / pipeline.GENERATED_DIR).exists()


def test_build_with_a_broken_file_stops_before_the_site_is_touched(tmp_path: Path) -> None:
    """`mkdocs build` (not serve) aborts with every problem line, even when old pages are on disk."""
    project = small_project(tmp_path / "project")
    assert pipeline.build(project).written is not None
    install_fixture(project, FIXTURES / "problems" / "E013-enum.yaml")
    config = config_for(project, "build")
    with pytest.raises(Abort) as aborted:
        build(config)
    lines = str(aborted.value).splitlines()
    assert lines[0].startswith(BROKEN_LINE)
    assert lines[-1] == "1 problem(s) in the inputs: nothing was generated or built."
    assert not (project / "site").exists()


class _Server:
    """What `mkdocs serve` hands the plugin: here, only the paths it is asked to watch."""

    def __init__(self) -> None:
        """Nothing watched yet."""
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        """Remember one watched path."""
        self.watched.append(path)


def test_serve_rebuilds_on_events_templates_code_and_the_guide(plugin_project: Path) -> None:
    """`mkdocs serve` watches the events, the templates, the generator and CONTRIBUTING.md (a page of the site)."""
    config = config_for(plugin_project, "serve")
    server = _Server()
    plugin_of(config).on_serve(server, config=config, builder=None)
    watched = {Path(path) for path in server.watched}
    project = plugin_project.resolve()
    assert {project / "events", project / "site_templates", project / "CONTRIBUTING.md"} <= watched
    assert Path(__file__).resolve().parent.parent / "generator" in watched
