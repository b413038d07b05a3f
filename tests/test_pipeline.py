"""The command line and the write stage: exit codes, summaries, writing only what changed, losing nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator import cli, pipeline
from generator.output.render import page_plan, render_site

from .conftest import FIXTURES, install_fixture


def run(project: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in-process; return exit code, stdout and stderr."""
    code = cli.main(["--root", str(project), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def tree_digest(folder: Path) -> dict[str, str]:
    """Path -> sha256 of every file under a folder."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_check_clean(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A clean project: exit 0 and a one-line summary."""
    # The fixture project's sources have no archive links and al-Bahrah no coordinates: advisory, so only counted.
    assert run(project, "check", capsys=capsys) == (
        0,
        "checked 5 files: 0 errors, 0 warnings (and 3 advisory warnings, listed with --strict)\n",
        "",
    )


def test_check_with_problems(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Problems one per line, then the summary, all on stdout (so `> log` keeps them); exit 1."""
    install_fixture(project, FIXTURES / "problems" / "E013-enum.yaml")
    code, out, err = run(project, "check", capsys=capsys)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "events/2018/2018-09-20-enum.yaml:5:7: E013 kind 'battle' is not allowed; allowed: offensive-launched, "
        "territory-taken, territory-lost, clash, counter-attack, strike, civilian-harm, displacement, "
        "operational-pause, statement, estimate — Use one of the values the message lists.",
        "checked 6 files: 1 error, 0 warnings (and 3 advisory warnings, listed with --strict)",
    ]


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No events/ folder, or an unknown command: exit 2."""
    assert run(tmp_path, "check", capsys=capsys)[0] == 2
    with pytest.raises(SystemExit) as raised:
        cli.main(["frobnicate"])
    assert raised.value.code == 2


def test_generate_writes_then_only_what_changed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The first run writes every page; an unchanged rerun writes none; one edit rewrites only its pages."""
    out = project / "build" / "generated"
    code, stdout, _ = run(project, "generate", capsys=capsys)
    assert (code, stdout) == (
        0,
        f"generated 16 pages and 14 data files into {out}: 30 written, 0 unchanged, 0 removed\n",
    )
    assert (
        run(project, "generate", capsys=capsys)[1]
        == f"generated 16 pages and 14 data files into {out}: 0 written, 30 unchanged, 0 removed\n"
    )
    event = project / "events" / "2018" / "2018-10-01-isis-retakes-al-susah.yaml"
    event.write_text(event.read_text().replace("ISIS retook the town.", "ISIS retook the whole town."))
    assert (
        run(project, "generate", capsys=capsys)[1]
        == f"generated 16 pages and 14 data files into {out}: 5 written, 25 unchanged, 0 removed\n"
    )


def test_deleted_event_removes_its_page(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Stale pages do not linger."""
    page = project / "build" / "generated" / "events" / "2018-10-01-isis-retakes-al-susah.md"
    assert run(project, "generate", capsys=capsys)[0] == 0
    assert page.is_file()  # written first, so that its absence below means it was removed
    (project / "events" / "2018" / "2018-10-01-isis-retakes-al-susah.yaml").unlink()
    (project / "events" / "2018" / "2018-09-20-sdf-takes-al-susah.yaml").write_text(
        (project / "events" / "2018" / "2018-09-20-sdf-takes-al-susah.yaml")
        .read_text()
        .replace("related: [2018-10-01-isis-retakes-al-susah]\n", "")
    )
    assert run(project, "generate", capsys=capsys)[0] == 0
    assert not page.exists()


def test_broken_file_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With any error the previous output stays byte for byte as it was."""
    assert run(project, "generate", capsys=capsys)[0] == 0
    assert (project / "build" / "generated" / "index.md").is_file()  # there is a previous output to keep
    before = tree_digest(project / "build" / "generated")
    install_fixture(project, FIXTURES / "problems" / "E033-min-max.yaml")
    (project / "events" / "2018" / "2018-10-01-isis-retakes-al-susah.yaml").write_text("title: changed\n")
    code, out, err = run(project, "generate", capsys=capsys)
    assert code == 1
    assert out.endswith(f"nothing was written, {project / 'build' / 'generated'} is unchanged\n")
    assert err == ""
    assert len(out.splitlines()) == 10  # the E033, the emptied event's missing fields, and the summary
    assert tree_digest(project / "build" / "generated") == before


@pytest.mark.parametrize("kind", ["foreign folder", "file"])
def test_generate_into_a_bad_out_folder_is_a_usage_error(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """--out at a folder of other files, or at a file, is refused with one line and exit 2; nothing is touched."""
    target = tmp_path / "elsewhere"
    if kind == "file":
        target.write_text("keep me")
    else:
        target.mkdir()
        (target / "keep.txt").write_text("keep me")
    code, out, err = run(project, "generate", "--out", str(target), capsys=capsys)
    assert (code, out) == (2, "")
    assert err.startswith("timeline generate: ") and len(err.splitlines()) == 1
    assert (target.read_text() if kind == "file" else (target / "keep.txt").read_text()) == "keep me"


def test_the_page_plan_lists_every_rendered_page(project: Path) -> None:
    """The collision check sees exactly the pages render_site makes (generator/output/urls.py names them all)."""
    catalog = pipeline.check(project).catalog
    assert catalog is not None
    assert sorted(path for path, _ in page_plan(catalog)) == sorted(render_site(catalog))
