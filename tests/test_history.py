"""What the build adds for contributors: "Last updated" from git, the error catalogue page, the published schema."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import pipeline
from generator.input.history import last_updated, parse_log
from generator.input.schema import SCHEMA_PATH
from generator.output import filters
from generator.output.render import render_site
from generator.problems import CODES

from .conftest import FIXTURES

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")
SUSAH = "events/2018/2018-09-20-sdf-takes-al-susah.yaml"
RETAKES = "events/2018/2018-10-01-isis-retakes-al-susah.yaml"


def git(repo: Path, *args: str, day: str = "2020-01-01") -> str:
    """Run git in `repo` with a fixed identity and commit date, so the history is the same on every run."""
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_CONFIG_GLOBAL": os.devnull}
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main"]
    return subprocess.run([*command, *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(project: Path) -> Path:
    """The fixture project as a repository of three commits on three days."""
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "first", day="2021-03-01")
    susah = project / SUSAH
    susah.write_text(susah.read_text(encoding="utf-8").replace("title: SDF takes", "title: The SDF takes"), "utf-8")
    git(project, "commit", "-q", "-am", "edit one event", day="2021-04-15")
    (project / "README.md").write_text("not an event\n", encoding="utf-8")
    git(project, "add", "README.md")
    git(project, "commit", "-q", "-m", "not an event", day="2021-05-30")
    return project


def event_page(root: Path, path: str) -> str:
    """The generated Markdown of one event page, built the way `timeline generate` builds it."""
    result = pipeline.build(root, root / "build" / "generated")
    assert result.written is not None
    event_id = Path(path).stem
    return result.pages[f"events/{event_id}.md"]


@needs_git
def test_dates_come_from_the_last_commit_of_each_file(repo: Path) -> None:
    """One git log for all files: each event gets the day of the last commit that changed it."""
    assert last_updated(repo) == {
        SUSAH: "2021-04-15",
        RETAKES: "2021-03-01",
        "events/registry/actors.yaml": "2021-03-01",
        "events/registry/phases.yaml": "2021-03-01",
        "events/registry/places.yaml": "2021-03-01",
    }


@needs_git
def test_a_change_to_comments_or_blank_lines_only_is_not_an_update(repo: Path) -> None:
    """Moving the schema rewrites every file's editor line: the readers' dates stay those of the last content edit."""
    for path in (SUSAH, RETAKES):
        text = (repo / path).read_text(encoding="utf-8")
        (repo / path).write_text(f"# yaml-language-server: $schema=elsewhere.json\n{text}\n  \n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "schema line and blank lines", day="2022-06-01")
    assert {path: last_updated(repo)[path] for path in (SUSAH, RETAKES)} == {SUSAH: "2021-04-15", RETAKES: "2021-03-01"}
    (repo / RETAKES).write_text((repo / RETAKES).read_text(encoding="utf-8") + "tags: [new]\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "a real edit", day="2022-07-01")
    assert last_updated(repo)[RETAKES] == "2022-07-01"


@needs_git
def test_event_pages_say_when_they_were_last_updated(repo: Path) -> None:
    """The date is the page's last line; it is the same on every build (no clock)."""
    assert event_page(repo, SUSAH).endswith("#reporting-an-error).\n\nLast updated: 2021-04-15.\n")
    assert event_page(repo, RETAKES).endswith("\n\nLast updated: 2021-03-01.\n")


def test_without_history_there_is_no_date(project: Path) -> None:
    """A tarball (no .git): the build works and the pages have no "Last updated" line."""
    assert last_updated(project) == {}
    assert event_page(project, SUSAH).endswith("#reporting-an-error).\n")


@needs_git
def test_without_git_there_is_no_date(repo: Path) -> None:
    """git not installed: no dates, no failure."""
    assert last_updated(repo, git="git-that-is-not-installed") == {}


@needs_git
def test_a_shallow_clone_gives_dates_only_for_files_changed_since_the_cut(repo: Path, tmp_path: Path) -> None:
    """The oldest fetched commit lists every file, changed there or not: its files get no date, not a wrong one."""
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "2", repo.as_uri(), str(shallow))
    assert git(shallow, "rev-parse", "--is-shallow-repository").strip() == "true"
    assert last_updated(shallow) == {}  # the events last changed in commit 2, the cut-off point of this clone
    (shallow / RETAKES).write_text("changed\n", encoding="utf-8")
    git(shallow, "commit", "-q", "-am", "after the cut", day="2022-02-02")
    assert last_updated(shallow) == {RETAKES: "2022-02-02"}


def test_parse_log() -> None:
    """Newest first wins; a parentless commit counts in a full history but not as a shallow cut-off."""
    log = "\0" + "2021-05-01 bbb\n\nevents/a.yaml\n" + "\0" + "2021-01-01 \n\nevents/a.yaml\nevents/b.yaml\n"
    assert parse_log(log, shallow=False) == {"events/a.yaml": "2021-05-01", "events/b.yaml": "2021-01-01"}
    assert parse_log(log, shallow=True) == {"events/a.yaml": "2021-05-01"}
    assert parse_log("", shallow=False) == {}


def test_error_catalogue_lists_every_code(project: Path) -> None:
    """The Error codes page has one heading per code in the table, in table order, with example and fix."""
    catalog = pipeline.check(project).catalog
    assert catalog is not None
    page = render_site(catalog)["errors.md"]
    headings = [line for line in page.splitlines() if line.startswith("### ")]
    assert headings == [
        f"### {c.code}: {filters.md(c.title)}{' (advisory)' if c.advisory else ''}" for c in CODES.values()
    ]
    for code in CODES.values():
        section = page.split(f"### {code.code}: ", 1)[1].split("\n### ", 1)[0]
        assert f"**Fix:** {filters.md_code(code.fix)}" in section
        assert "\n".join("    " + line for line in code.example.splitlines()) in section
    errors_part, warnings_part = page.split("\n## Warnings\n")
    by_severity = {
        part: [c.code for c in CODES.values() if f"### {c.code}:" in text]
        for part, text in (("errors", errors_part), ("warnings", warnings_part))
    }
    assert by_severity == {
        "errors": [c.code for c in CODES.values() if c.severity == "error"],
        "warnings": [c.code for c in CODES.values() if c.severity == "warning"],
    }


def test_the_schema_is_published_with_the_site(project: Path) -> None:
    """The build writes the repository's schema, byte for byte, to schema/timeline.schema.json."""
    out = project / "build" / "generated"
    result = pipeline.build(project, out)
    assert result.written is not None
    assert (out / "schema" / "timeline.schema.json").read_bytes() == SCHEMA_PATH.read_bytes()


def test_last_updated_never_reaches_the_golden_pages() -> None:
    """The golden files are rendered without history, so they stay the same on every machine."""
    golden = FIXTURES.parent / "golden" / "events" / "2018-09-20-sdf-takes-al-susah.md"
    assert "Last updated" not in golden.read_text(encoding="utf-8")
