"""The benchmark behind `make bench`: the generator and the site build at 1,000 and 10,000 synthetic events, each
measured side by side with its floor, and written up in BENCHMARKS.md.

For every corpus size it synthesises a project (`timeline synth`), then runs R rounds; each round runs every
measurement once, in the same order, so that a noisy machine slows all of them alike (A, B, C, A, B, C ...):

- `yaml`: the floor of reading: libyaml's `yaml.load(..., Loader=yaml.CSafeLoader)` over the same files;
- `check`: load and validate (`pipeline.check`), with no cache;
- `generate`: the whole pipeline to Markdown (`pipeline.build`) into an empty folder, with no cache;
- `plain`: the floor of the site: plain `mkdocs build` of the same generated Markdown with the plugin switched off;
- `build`: the full `mkdocs build` through the plugin, from a project without build/ (no cache, nothing generated);
- `arabic`: right after it, the second edition's `mkdocs build -f mkdocs.ar.yml` (the same events in Arabic, into
  ar/): what the Arabic edition adds to a single-edition build (`make site` builds both, `build` + `arabic`);
- `warm`: `generate` again after the full build, nothing changed (its cache and output in place);
- `edit`: an incremental `generate` after editing one event's summary, with the cache of the run before.

Each measurement runs in a fresh Python process; the timed span excludes the interpreter's start and imports for
the in-process ones (yaml, check, generate, edit) and is the whole process for the MkDocs builds, whose peak
memory (maximum resident set size) comes from `os.wait4`. Medians are reported with every run beside them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from . import settings

SIZES = (1_000, 10_000)
ROUNDS = 3
SEED = 0
MEASURES = ("yaml", "check", "generate", "plain", "build", "arabic")
ARABIC_CONFIG = "mkdocs.ar.yml"
NOTES_BEGIN, NOTES_END = "<!-- notes: kept by `make bench` -->", "<!-- end of notes -->"
PLAIN_CONFIG = "mkdocs-plain.yml"
PLAIN_DOCS = "plain-docs"

# The targets of issue 8, on a 2-core machine.
MAX_GENERATOR_OVER_YAML = 2.0
MAX_GENERATOR_SHARE_OF_BUILD = 0.10
MAX_BUILD_OVER_PLAIN = 1.2
MAX_SCALING = 11.0
MAX_PAGE_BYTES = 500 * 1024
MAX_PEAK_BYTES = 500 * 1024 * 1024
MAX_EDIT_SECONDS = 1.0
MAX_EDIT_WRITES = 5
MAX_SEARCH_DOWNLOAD = 5 * 1024 * 1024


# --- what is measured --------------------------------------------------------------------------------------------


@dataclass
class Machine:
    """Where the numbers were taken."""

    cpus: int
    cpu_model: str
    memory_bytes: int
    python: str
    mkdocs: str
    material: str
    system: str

    @classmethod
    def here(cls) -> Machine:
        """This machine."""
        model, memory = "unknown", 0
        cpuinfo, meminfo = Path("/proc/cpuinfo"), Path("/proc/meminfo")
        if cpuinfo.exists():
            found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.M)
            model = found[1].strip() if found else model
        if meminfo.exists():
            found = re.search(r"^MemTotal:\s*(\d+) kB", meminfo.read_text(), re.M)
            memory = int(found[1]) * 1024 if found else 0
        return cls(
            cpus=os.cpu_count() or 0,
            cpu_model=model,
            memory_bytes=memory,
            python=platform.python_version(),
            mkdocs=_version("mkdocs"),
            material=_version("mkdocs-material"),
            system=f"{platform.system()} {platform.release()}",
        )


def _version(package: str) -> str:
    """An installed package's version, or '-'."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


@dataclass
class SizeResult:
    """Every number for one corpus size."""

    events: int
    files: int
    corpus_bytes: int
    seconds: dict[str, list[float]] = field(default_factory=dict)
    peak_bytes: dict[str, list[int]] = field(default_factory=dict)
    warm_seconds: list[float] = field(default_factory=list)
    edit_seconds: list[float] = field(default_factory=list)
    edit_written: list[int] = field(default_factory=list)
    pages: int = 0
    largest_page: tuple[str, int] = ("", 0)
    search_index_bytes: int = 0
    search_index_gzip_bytes: int = 0

    def median(self, measure: str) -> float:
        """The median time of one measurement."""
        return statistics.median(self.seconds[measure])

    def paired(self, measure: str, floor: str) -> list[float]:
        """measure / floor in each round: the two were taken side by side, so a slow moment slows both."""
        return [a / b for a, b in zip(self.seconds[measure], self.seconds[floor], strict=True)]


@dataclass
class Results:
    """A whole benchmark run."""

    machine: Machine
    sizes: list[SizeResult]
    rounds: int
    seed: int
    wall_seconds: float = 0.0


@dataclass(frozen=True)
class Target:
    """One target of the issue with what was measured."""

    name: str
    measured: str
    limit: str
    passed: bool


# --- the measurements (each in a fresh process) ------------------------------------------------------------------


def _project_files(root: Path) -> list[Path]:
    """The registry and event files, as the loader finds them."""
    return sorted((root / "events").rglob("*.yaml"))


def measure_in_process(kind: str, root: Path, out: Path | None) -> dict[str, float | int]:
    """Run one measurement here and time it; imports happen before the clock starts."""
    import yaml

    from . import pipeline

    if kind == "yaml":
        files = _project_files(root)
        loader = yaml.CSafeLoader
        start = time.perf_counter()
        for file in files:
            yaml.load(file.read_bytes(), Loader=loader)
        return {"seconds": time.perf_counter() - start, "files": len(files)}
    if kind == "check":
        start = time.perf_counter()
        checked = pipeline.check(root)
        return {"seconds": time.perf_counter() - start, "problems": len(checked.problems)}
    if kind in ("generate", "edit"):
        start = time.perf_counter()
        built = pipeline.build(root, out)
        elapsed = time.perf_counter() - start
        written = len(built.written.written) + len(built.written.removed) if built.written else -1
        return {"seconds": elapsed, "written": written, "pages": len(built.pages)}
    raise ValueError(kind)


def _child(kind: str, root: Path, out: Path | None = None) -> dict[str, float | int]:
    """Run one in-process measurement in a fresh interpreter."""
    command = [sys.executable, "-m", "generator.bench", "measure", kind, str(root)]
    if out is not None:
        command += ["--out", str(out)]
    # From inside the project, as MkDocs runs the plugin: both import the installed generator, so they share one
    # code digest and so one cache.
    completed = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{completed.stderr}")
    result: dict[str, float | int] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def _mkdocs(root: Path, config: str, site: Path) -> tuple[float, int]:
    """Run `mkdocs build` in `root`; return its wall time and peak resident memory (bytes)."""
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", config, "--site-dir", str(site)]
    env = settings.engine_environment()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"mkdocs build in {root} failed:\n{output.decode(errors='replace')[-4000:]}")
    return elapsed, usage.ru_maxrss * 1024  # Linux reports kilobytes


def _fresh(root: Path) -> None:
    """Remove everything a run leaves in the project: generated pages, the cache."""
    shutil.rmtree(root / "build", ignore_errors=True)


def _prepare_plain(root: Path) -> None:
    """The floor's project: content/ plus the generated Markdown in one docs folder, and a config without the
    timeline plugin.

    MkDocs merges a config that names another under INHERIT into it, replacing lists: the plugins list without
    the timeline plugin keeps every other setting (theme, search, nav, not_in_nav, validation) as the real site
    has it."""
    import yaml

    from .sitebuild import engine_config

    docs = root / PLAIN_DOCS
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(root / "content", docs)
    generated = root / "build" / "generated"
    shutil.copytree(generated, docs, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*"))
    (root / PLAIN_CONFIG).write_text(
        "# The plain-MkDocs floor of `make bench`: the same site and Markdown, without the generator's plugin.\n"
        + yaml.safe_dump({"INHERIT": "mkdocs.yml", "docs_dir": PLAIN_DOCS, "plugins": engine_config(root)["plugins"]}),
        encoding="utf-8",
    )


def _edit_one(root: Path, number: int) -> tuple[Path, str]:
    """Change the summary of one event (a different one each time) as a contributor would; return its old text."""
    files = [f for f in _project_files(root) if "registry" not in f.parts]
    file = files[(number * 7919) % len(files)]
    text = file.read_text(encoding="utf-8")
    edited = re.sub(r"^summary: >-\n  ", f"summary: >-\n  Edit {number}: ", text, count=1, flags=re.M)
    assert edited != text, file
    file.write_text(edited, encoding="utf-8")
    return file, text


def _site_facts(site: Path) -> tuple[int, tuple[str, int], int, int]:
    """Page count, the largest HTML page, and the search index's size raw and gzipped."""
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    size, name = max(pages, default=(0, ""))
    index = site / "search" / "search_index.json"
    raw = index.read_bytes() if index.exists() else b""
    return len(pages), (name, size), len(raw), len(gzip.compress(raw, compresslevel=6))


def bench_size(events: int, work: Path, rounds: int, seed: int, log: bool = True) -> SizeResult:
    """Every measurement for one corpus size."""
    from . import synth

    root = work / f"n{events}"
    report = synth.synth(events, root, seed=seed)
    result = SizeResult(events=events, files=report.files, corpus_bytes=report.bytes)
    result.seconds = {m: [] for m in MEASURES}
    result.peak_bytes = {"build": [], "plain": []}
    scratch = work / f"n{events}-out"
    # Generate once so that the floor has the same Markdown to build.
    _fresh(root)
    _child("generate", root)
    _prepare_plain(root)
    for number in range(1, rounds + 1):
        shutil.rmtree(scratch, ignore_errors=True)
        result.seconds["yaml"].append(float(_child("yaml", root)["seconds"]))
        shutil.rmtree(root / "build" / "cache", ignore_errors=True)
        result.seconds["check"].append(float(_child("check", root)["seconds"]))
        shutil.rmtree(root / "build" / "cache", ignore_errors=True)
        result.seconds["generate"].append(float(_child("generate", root, scratch)["seconds"]))
        seconds, peak = _mkdocs(root, PLAIN_CONFIG, root / "plain-site")
        result.seconds["plain"].append(seconds)
        result.peak_bytes["plain"].append(peak)
        _fresh(root)
        seconds, peak = _mkdocs(root, "mkdocs.yml", root / "site")
        result.seconds["build"].append(seconds)
        result.peak_bytes["build"].append(peak)
        # The second edition, side by side with the first: its cache (the events' load and schema) is warm, as in
        # `make site`, which builds the English edition first.
        seconds, _ = _mkdocs(root, ARABIC_CONFIG, root / "site" / "ar")
        result.seconds["arabic"].append(seconds)
        # The incremental run: the hook's build left its output and cache; edit one event and generate again,
        # then put the event back so that every round measures the same corpus.
        result.warm_seconds.append(float(_child("edit", root)["seconds"]))
        edited, original = _edit_one(root, number)
        edit = _child("edit", root)
        edited.write_text(original, encoding="utf-8")
        result.edit_seconds.append(float(edit["seconds"]))
        result.edit_written.append(int(edit["written"]))
        if log:
            last = {m: result.seconds[m][-1] for m in MEASURES}
            print(
                f"n={events} round {number}: "
                + ", ".join(f"{m} {s:.2f}s" for m, s in last.items())
                + f", edit {result.edit_seconds[-1]:.2f}s ({result.edit_written[-1]} files)",
                flush=True,
            )
    result.pages, result.largest_page, result.search_index_bytes, result.search_index_gzip_bytes = _site_facts(
        root / "site"
    )
    return result


# --- the report ----------------------------------------------------------------------------------------------


def _mb(value: float) -> str:
    """Bytes as MiB with one decimal."""
    return f"{value / 2**20:.1f} MiB"


def _kb(value: float) -> str:
    """Bytes as KiB."""
    return f"{value / 2**10:.0f} KiB"


def _list(values: Sequence[float], form: str) -> str:
    """'1.10x, 1.20x, 1.15x'."""
    return ", ".join(form.format(v) for v in values)


def _ratio(values: Sequence[float], form: str) -> str:
    """'1.15x (1.10x, 1.20x, 1.15x)': the median of the rounds' ratios, and each."""
    return f"{form.format(statistics.median(values))} ({_list(values, form)})"


def _runs(values: Sequence[float], unit: str = "s") -> str:
    """'1.23 s (1.20, 1.23, 1.31)'."""
    inner = ", ".join(f"{v:.2f}" for v in values)
    return f"{statistics.median(values):.2f} {unit} ({inner})"


def targets(results: Results) -> list[Target]:
    """Each target of the issue, judged on the largest corpus (and the ratio of the two sizes)."""
    big = max(results.sizes, key=lambda s: s.events)
    small = min(results.sizes, key=lambda s: s.events)
    build = big.median("build")
    over_yaml, share, over_plain = (
        big.paired("generate", "yaml"),
        big.paired("generate", "build"),
        big.paired("build", "plain"),
    )
    found = [
        Target(
            f"generator ≤ {MAX_GENERATOR_OVER_YAML:g}x the libyaml parse ({big.events:,} events)",
            f"{statistics.median(over_yaml):.2f}x (rounds: {_list(over_yaml, '{:.2f}x')})",
            f"≤ {MAX_GENERATOR_OVER_YAML:g}x",
            statistics.median(over_yaml) <= MAX_GENERATOR_OVER_YAML,
        ),
        Target(
            f"generator ≤ {MAX_GENERATOR_SHARE_OF_BUILD:.0%} of the full build ({big.events:,} events)",
            f"{statistics.median(share):.1%} (rounds: {_list(share, '{:.1%}')})",
            f"≤ {MAX_GENERATOR_SHARE_OF_BUILD:.0%}",
            statistics.median(share) <= MAX_GENERATOR_SHARE_OF_BUILD,
        ),
        Target(
            f"full build ≤ {MAX_BUILD_OVER_PLAIN:g}x plain MkDocs ({big.events:,} events)",
            f"{statistics.median(over_plain):.2f}x (rounds: {_list(over_plain, '{:.2f}x')})",
            f"≤ {MAX_BUILD_OVER_PLAIN:g}x",
            statistics.median(over_plain) <= MAX_BUILD_OVER_PLAIN,
        ),
    ]
    if big is not small:
        # Different corpora are not measured side by side: this one compares the medians.
        scale = build / small.median("build")
        found.append(
            Target(
                f"full build t({big.events:,}) / t({small.events:,})",
                f"{scale:.2f} ({build:.2f} s / {small.median('build'):.2f} s)",
                f"≤ {MAX_SCALING:g}",
                scale <= MAX_SCALING,
            )
        )
    name, size = big.largest_page
    peak = statistics.median(big.peak_bytes["build"])
    edit_seconds, edit_written = statistics.median(big.edit_seconds), max(big.edit_written)
    found += [
        Target(
            f"largest HTML page ({big.events:,} events)",
            f"{_kb(size)} ({name})",
            f"≤ {_kb(MAX_PAGE_BYTES)}",
            size <= MAX_PAGE_BYTES,
        ),
        Target(
            f"peak memory of the full build ({big.events:,} events)",
            _mb(peak),
            f"≤ {_mb(MAX_PEAK_BYTES)}",
            peak <= MAX_PEAK_BYTES,
        ),
        Target(
            f"files rewritten after editing one event ({big.events:,} events)",
            f"{edit_written} (most of {len(big.edit_written)} edits)",
            f"≤ {MAX_EDIT_WRITES}",
            edit_written <= MAX_EDIT_WRITES,
        ),
        Target(
            f"`generate` after editing one event ({big.events:,} events)",
            f"{edit_seconds:.2f} s",
            f"≤ {MAX_EDIT_SECONDS:g} s",
            edit_seconds <= MAX_EDIT_SECONDS,
        ),
        Target(
            f"first search downloads ({big.events:,} events, gzip as served)",
            f"{_mb(big.search_index_gzip_bytes)} ({_mb(big.search_index_bytes)} uncompressed)",
            f"≤ {_mb(MAX_SEARCH_DOWNLOAD)}",
            big.search_index_gzip_bytes <= MAX_SEARCH_DOWNLOAD,
        ),
    ]
    return found


_LABELS = {
    "yaml": "libyaml parse (floor)",
    "check": "check: load + validate",
    "generate": "generate: whole pipeline to Markdown",
    "plain": "plain `mkdocs build`, no hook (floor)",
    "build": "full `mkdocs build` through the hook",
    "arabic": "the Arabic edition's `mkdocs build`, after the English one",
}


def render_report(results: Results, notes: str = "") -> str:
    """BENCHMARKS.md from a run's results; `notes` (profiles, decisions) is kept between its markers."""
    machine = results.machine
    found = targets(results)
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m generator.bench`); every number below comes from one run on the",
        f"machine described. Times are medians of {results.rounds} interleaved rounds, with each run in brackets.",
        "Ratios compare measurements taken side by side in the same round, so a noisy machine affects both sides",
        "alike.",
        "",
        "## Summary",
        "",
        f"{sum(t.passed for t in found)} of {len(found)} targets met.",
        "",
        "| Target | Measured | Limit | Result |",
        "| --- | --- | --- | --- |",
        *[f"| {t.name} | {t.measured} | {t.limit} | {'PASS' if t.passed else 'MISS'} |" for t in found],
        "",
        "## Machine",
        "",
        f"- CPUs: {machine.cpus} x {machine.cpu_model}",
        f"- Memory: {machine.memory_bytes / 2**30:.1f} GiB",
        f"- System: {machine.system}",
        f"- Python {machine.python}, MkDocs {machine.mkdocs}, Material for MkDocs {machine.material}",
        f"- Whole benchmark: {results.wall_seconds / 60:.1f} minutes",
        "",
        "## Corpora",
        "",
        f"Made by `timeline synth N --seed {results.seed}`: the real registries, synthetic events with every date "
        "form, claims and sources.",
        "",
        "| Events | Files read | Event bytes | Pages built | Search index | Search index (gzip) |",
        "| --- | --- | --- | --- | --- | --- |",
        *[
            f"| {s.events:,} | {s.files:,} | {_mb(s.corpus_bytes)} | {s.pages:,} | {_mb(s.search_index_bytes)} "
            f"| {_mb(s.search_index_gzip_bytes)} |"
            for s in results.sizes
        ],
        "",
        "## Times",
        "",
        "| Measurement | " + " | ".join(f"{s.events:,} events" for s in results.sizes) + " |",
        "| --- | " + " | ".join("---" for _ in results.sizes) + " |",
        *[f"| {_LABELS[m]} | " + " | ".join(_runs(s.seconds[m]) for s in results.sizes) + " |" for m in MEASURES],
        "| `generate` again, nothing changed (cache and output warm) | "
        + " | ".join(_runs(s.warm_seconds) if s.warm_seconds else "-" for s in results.sizes)
        + " |",
        "| `generate` after editing one event (cache warm) | "
        + " | ".join(_runs(s.edit_seconds) for s in results.sizes)
        + " |",
        "| files rewritten by that `generate` | "
        + " | ".join(", ".join(str(n) for n in s.edit_written) for s in results.sizes)
        + " |",
        "| peak memory, full build | "
        + " | ".join(_runs([b / 2**20 for b in s.peak_bytes["build"]], "MiB") for s in results.sizes)
        + " |",
        "| peak memory, plain MkDocs | "
        + " | ".join(_runs([b / 2**20 for b in s.peak_bytes["plain"]], "MiB") for s in results.sizes)
        + " |",
        "| largest HTML page | "
        + " | ".join(f"{_kb(s.largest_page[1])} `{s.largest_page[0]}`" for s in results.sizes)
        + " |",
        "",
        "## Ratios",
        "",
        "Each ratio is taken within a round, between measurements run one after the other; the median of the "
        "rounds' ratios is given first, then each round's.",
        "",
        "| Ratio | " + " | ".join(f"{s.events:,} events" for s in results.sizes) + " |",
        "| --- | " + " | ".join("---" for _ in results.sizes) + " |",
        "| generate / libyaml parse | "
        + " | ".join(_ratio(s.paired("generate", "yaml"), "{:.2f}x") for s in results.sizes)
        + " |",
        "| generate, nothing changed (warm) / libyaml parse | "
        + " | ".join(
            _ratio([w / y for w, y in zip(s.warm_seconds, s.seconds["yaml"], strict=True)], "{:.2f}x")
            if s.warm_seconds
            else "-"
            for s in results.sizes
        )
        + " |",
        "| check / libyaml parse | "
        + " | ".join(_ratio(s.paired("check", "yaml"), "{:.2f}x") for s in results.sizes)
        + " |",
        "| generate / full build | "
        + " | ".join(_ratio(s.paired("generate", "build"), "{:.1%}") for s in results.sizes)
        + " |",
        "| full build / plain MkDocs | "
        + " | ".join(_ratio(s.paired("build", "plain"), "{:.2f}x") for s in results.sizes)
        + " |",
        "| both editions / English edition alone | "
        + " | ".join(
            _ratio([(b + a) / b for b, a in zip(s.seconds["build"], s.seconds["arabic"], strict=True)], "{:.2f}x")
            for s in results.sizes
        )
        + " |",
    ]
    if len(results.sizes) > 1:
        small, big = results.sizes[0], results.sizes[-1]
        lines += [
            "",
            f"Growth from {small.events:,} to {big.events:,} events ({big.events / small.events:g}x the events): "
            + ", ".join(f"{_LABELS[m].split(':')[0]} {big.median(m) / small.median(m):.2f}x" for m in MEASURES)
            + ".",
        ]
    lines += ["", NOTES_BEGIN, notes.strip("\n"), NOTES_END, ""]
    return "\n".join(lines)


def kept_notes(existing: str) -> str:
    """The hand-written notes of a previous BENCHMARKS.md (between the markers), or ''."""
    start, end = existing.find(NOTES_BEGIN), existing.find(NOTES_END)
    if start < 0 or end < start:
        return ""
    return existing[start + len(NOTES_BEGIN) : end].strip("\n")


def write_report(results: Results, path: Path) -> None:
    """Write BENCHMARKS.md, keeping the notes of the previous one."""
    notes = kept_notes(path.read_text(encoding="utf-8")) if path.exists() else ""
    path.write_text(render_report(results, notes), encoding="utf-8")


# --- the command line ----------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m generator.bench [--sizes 1000,10000] [--rounds 3]`, or one child measurement."""
    parser = argparse.ArgumentParser(prog="python -m generator.bench", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command")
    measure = commands.add_parser("measure", help="(internal) time one measurement in this process")
    measure.add_argument("kind", choices=["yaml", "check", "generate", "edit"])
    measure.add_argument("root", type=Path)
    measure.add_argument("--out", type=Path)
    parser.add_argument("--sizes", default=",".join(str(n) for n in SIZES), help="corpus sizes, comma-separated")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="interleaved rounds (default 3)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--work", type=Path, default=Path("build/bench"), help="scratch folder")
    parser.add_argument("--report", type=Path, default=Path("BENCHMARKS.md"), help="the report to write")
    args = parser.parse_args(argv)
    if args.command == "measure":
        print(json.dumps(measure_in_process(args.kind, args.root, args.out)))
        return 0
    started = time.perf_counter()
    machine = Machine.here()
    sizes = sorted(int(n) for n in args.sizes.split(","))
    args.work.mkdir(parents=True, exist_ok=True)
    measured = [bench_size(n, args.work.resolve(), args.rounds, args.seed) for n in sizes]
    results = Results(machine, measured, args.rounds, args.seed, time.perf_counter() - started)
    write_report(results, args.report)
    for target in targets(results):
        print(f"{'PASS' if target.passed else 'MISS'}  {target.name}: {target.measured} ({target.limit})")
    print(f"wrote {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
