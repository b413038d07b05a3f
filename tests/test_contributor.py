"""A new contributor's pull request, played out: copy the project (without ../shared), add events the way
CONTRIBUTING.md says, and run what CI runs on it. Valid new events pass, and their pages appear.

The events are made up for the test (example.net is not an outlet); they are never part of the real content.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import settings

from .conftest import ROOT

# What CI needs of the project to check, test the content and build: no ../shared, no .git, no build output, and
# no generator/ (the command line and the MkDocs plugin are the installed package's).
PARTS = (
    "mkdocs.yml",
    "mkdocs.ar.yml",
    "pyproject.toml",
    "CONTRIBUTING.md",
    "content",
    "events",
    "site_templates",
    "tests",
)
NEW_PLACE = """
example-village:
  name: Example village
  aliases: [Mithal]
  name_ar: قرية المثال
  description: A made-up village for the contributor test; no source gives its coordinates.
"""


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A command in the project folder, as a contributor types it (without TIMELINE_* addresses)."""
    env = {k: v for k, v in settings.engine_environment().items() if not k.startswith("TIMELINE_")}
    return subprocess.run([sys.executable, *args], cwd=project, capture_output=True, text=True, env=env, check=False)


def timeline(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`timeline ...` in the project folder."""
    return run(project, "-m", "generator", *args)


def fill_in(path: Path, replacements: dict[str, str]) -> None:
    """Replace each TODO line `timeline new` wrote, as the contributor does in an editor."""
    text = path.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, f"{old!r} not in the new file"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def contribution(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A copy of the project with a new place and two new events, made with `timeline new` and filled in."""
    project = tmp_path_factory.mktemp("contributor") / "timeline"
    project.mkdir()
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache")
            shutil.copytree(source, project / part, ignore=ignore)
        else:
            shutil.copyfile(source, project / part)
    assert not (project.parent / "shared").exists()
    # CONTRIBUTING, section 8: a new place first, without coordinates, with its Arabic name.
    with (project / "events/registry/places.yaml").open("a", encoding="utf-8") as places:
        places.write(NEW_PLACE)
    made = []
    for date, title, kind in (
        ("2018-11~", "Families leave Example village", "displacement"),
        ("2018-23", "Example village emptied over the autumn", "statement"),
    ):
        created = timeline(project, "new", "--date", date, "--title", title)
        assert created.returncode == 0, created.stderr
        path = project / created.stdout.strip()
        fill_in(
            path,
            {
                "kind: TODO": f"kind: {kind}",
                "phase: TODO": "phase: hajin-offensive",
                "places: [TODO]": "places: [example-village]",
                "actors: [TODO]": "actors: [sdf]",
                "summary: TODO What happened and what is known, in a few plain sentences.": (
                    "summary: Families left Example village, *according to* a made-up weekly."
                ),
                "confidence: TODO": "confidence: reported",
                # A publisher the site has never cited, a link without an archived copy, an uncertain date.
                "publisher: TODO": "publisher: Example Weekly",
                "title: TODO": "title: Families leave Example village",
                "url: TODO": f"url: https://example.net/{path.stem}",
                "published: TODO": 'published: "2018-12"',
            },
        )
        made.append(path.stem)
    return project, made


def test_the_check_passes_and_names_only_the_advisory_backlog(contribution: tuple[Path, list[str]]) -> None:
    """`timeline check` (as CI runs it): exit 0; for the new files, only the advisory W102 and W104."""
    project, made = contribution
    whole = timeline(project, "check", "--format", "github")
    assert whole.returncode == 0, whole.stdout
    assert re.fullmatch(
        r"checked \d+ files: 0 errors, 0 warnings \(and \d+ advisory warnings, listed with --strict\)\n", whole.stdout
    ), whole.stdout
    named = timeline(project, "check", *(f"events/2018/{stem}.yaml" for stem in made))
    assert named.returncode == 0, named.stdout
    codes = [line.split(": ", 1)[1][:4] for line in named.stdout.splitlines()[:-1]]
    assert codes == ["W104", "W102", "W104", "W102"]  # each file in line order: its place, then its source
    assert named.stdout.splitlines()[-1] == "checked 2 files: 0 errors, 4 warnings"


@pytest.mark.slow
def test_the_content_tests_pass_without_the_fact_bases(contribution: tuple[Path, list[str]]) -> None:
    """The content rules hold for the new events, in the copy, where ../shared does not exist."""
    project, _ = contribution
    result = run(project, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_content.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\d+ passed", result.stdout) and "failed" not in result.stdout
    audit = timeline(project, "audit")
    assert audit.returncode == 2 and "no fact base" in audit.stderr


@pytest.mark.slow
def test_the_build_has_the_new_pages(contribution: tuple[Path, list[str]]) -> None:
    """`timeline build` (mkdocs --strict): the new events and the new place have their pages, in words."""
    project, made = contribution
    built = timeline(project, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    site = project / "site"
    first, season = (site / "events" / stem / "index.html" for stem in made)
    assert made == ["2018-11-01-families-leave-example-village", "2018-09-01-example-village-emptied-over-the-autumn"]
    assert "c. November 2018" in first.read_text(encoding="utf-8")
    assert "Autumn 2018" in season.read_text(encoding="utf-8")
    place = (site / "places" / "example-village" / "index.html").read_text(encoding="utf-8")
    assert "قرية المثال" in place and "not shown on the maps" in place
    assert made[0] in place and made[1] in place
    assert "Example Weekly" in first.read_text(encoding="utf-8")
    timeline_page = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert f"../events/{made[0]}/" in timeline_page and f"../events/{made[1]}/" in timeline_page


def test_contributing_shows_what_the_check_really_prints(tmp_path: Path) -> None:
    """CONTRIBUTING's sample lines (kind: battle, places: [sousa] in a new file) are what `timeline check` prints."""
    shutil.copytree(ROOT / "events" / "registry", tmp_path / "events" / "registry")
    created = timeline(tmp_path, "new", "--date", "2018-11-20", "--title", "Families flee al-Susah")
    path = tmp_path / created.stdout.strip()
    fill_in(path, {"kind: TODO": "kind: battle", "places: [TODO]": "places: [sousa]"})
    printed = timeline(tmp_path, "check", str(path.relative_to(tmp_path))).stdout.splitlines()
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    sample = guide.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    e013 = next(line for line in printed if " E013 " in line)
    assert sample[0] == e013.replace(
        "territory-lost, clash, counter-attack, strike, civilian-harm, displacement, operational-pause, statement, "
        "estimate",
        "...",
    )
    assert sample[1] in printed
