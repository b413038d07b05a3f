"""The command line: `timeline check | generate | build | export`. Arguments and exit codes only."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from . import exports, pipeline
from .problems import Severity

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXPORT_DIR = Path("build/export")


def _print_problems(result: pipeline.CheckResult) -> None:
    """Every problem, one per line, on stderr."""
    for problem in result.problems:
        print(problem.format_text(), file=sys.stderr)


def _plural(count: int, word: str) -> str:
    """'1 error', '2 errors'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary(result: pipeline.CheckResult) -> str:
    """'checked 48 files: 2 errors, 1 warning'."""
    n_errors = sum(p.severity is Severity.ERROR for p in result.problems)
    counts = f"{_plural(n_errors, 'error')}, {_plural(len(result.problems) - n_errors, 'warning')}"
    return f"checked {_plural(result.files_checked, 'file')}: {counts}"


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every event and registry file."""
    result = pipeline.check(args.root)
    _print_problems(result)
    print(_summary(result))
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def cmd_generate(args: argparse.Namespace) -> int:
    """Write the generated Markdown; nothing is written when any file has an error."""
    out = args.out or args.root / pipeline.GENERATED_DIR
    result = pipeline.build(args.root, out)
    _print_problems(result.check)
    if result.written is None:
        print(f"{_summary(result.check)}; nothing was written, {out} is unchanged")
        return EXIT_PROBLEMS
    report = result.written
    n_data = sum(1 for path in result.pages if path.startswith(f"{exports.DATA_DIR}/"))
    print(
        f"generated {_plural(len(result.pages) - n_data, 'page')} and {_plural(n_data, 'data file')} into {out}: "
        f"{len(report.written)} written, {report.unchanged} unchanged, {len(report.removed)} removed"
    )
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    """Build the whole site into a staging folder with MkDocs, then swap it in; a failure keeps the old site."""
    root: Path = args.root
    site, staging, old = root / "site", root / ".site-staging", root / ".site-old"
    checked = pipeline.check(root)
    if not checked.ok:
        _print_problems(checked)
        print(f"{_summary(checked)}; the site was not built, {site} is unchanged")
        return EXIT_PROBLEMS
    shutil.rmtree(staging, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(staging)]
    # Material's end-of-life banner is noise in every build of a project that pins 9.x on purpose.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    completed = subprocess.run(command, cwd=root, env=env, check=False)
    if completed.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"mkdocs build failed; {site} is unchanged", file=sys.stderr)
        return EXIT_PROBLEMS
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"built {pages} HTML pages from {checked.files_checked} files into {site}/ (open {site / 'index.html'})")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write the chosen open-data files into a folder; nothing is written when any file has an error."""
    out: Path = args.out or args.root / EXPORT_DIR
    if out.exists() and not out.is_dir():
        print(f"timeline export: {out} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    checked = pipeline.check(args.root)
    _print_problems(checked)
    if checked.catalog is None:
        print(f"{_summary(checked)}; nothing was exported, {out} is unchanged")
        return EXIT_PROBLEMS
    files = exports.export(checked.catalog, exports.FORMATS if args.format == "all" else [args.format])
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        # Bytes, not text mode: the CSV's CRLF line ends must reach the file unchanged.
        (out / name).write_bytes(text.encode("utf-8"))
    print(f"exported {_plural(len(checked.catalog.events), 'event')} as {', '.join(files)} into {out}")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    """The argument parser with its sub-commands."""
    top = argparse.ArgumentParser(prog="timeline", description="Build the Jazeera Storm campaign timeline.")
    top.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: the current one)")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("check", help="validate every event and registry file").set_defaults(run=cmd_check)
    generate = commands.add_parser("generate", help="write the generated Markdown (default: build/generated)")
    generate.add_argument("--out", type=Path, help="output folder")
    generate.set_defaults(run=cmd_generate)
    commands.add_parser("build", help="check, then build the site into site/ with MkDocs").set_defaults(run=cmd_build)
    export = commands.add_parser("export", help=f"write open-data files (default folder: {EXPORT_DIR})")
    export.add_argument("--format", required=True, choices=[*exports.FORMATS, "all"], help="which files to write")
    export.add_argument("--out", type=Path, help="output folder")
    export.set_defaults(run=cmd_export)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; argparse exits with 2 on a usage error."""
    args = parser().parse_args(argv)
    if not (args.root / "events").is_dir():
        print(
            f"timeline: no events/ folder in {args.root}; run from the project folder or pass --root",
            file=sys.stderr,
        )
        return EXIT_USAGE
    code: int = args.run(args)
    return code
