"""The benchmark behind `make bench`: the generator, the site build and the live preview at 1,000 and 10,000 events
of two corpora, each measured side by side with its floors, a growth check up to 100,000 events, and the report
in BENCHMARKS.md.

The corpora: `python -m tools.synth N` (made-up events placed apart) and `python -m tools.synth N --shape real`
(the project's real events copied with new ids and dates, keeping their duplicates and related links). For every
corpus and size it runs R rounds; each round runs every measurement once, in the same order, so that a noisy
machine slows all of them alike (A, B, C, A, B, C ...):

- `yaml`: the floor of reading: libyaml's `yaml.load(..., Loader=yaml.CSafeLoader)` over the same files;
- `check`: load and validate (`pipeline.check`);
- `generate`: the whole pipeline to Markdown (`pipeline.build`) into an empty folder;
- `plain`: the floor of the site: plain `mkdocs build` of the same generated Markdown with the plugin switched off;
- `trivial`: the floor of MkDocs + Material: as many pages, each a heading and a sentence, same theme and search;
- `hugo`: the floor of a static-site generator written for speed: Hugo (where `hugo` is on the PATH; Debian's
  package `hugo`) rendering the same Markdown with a one-line layout, no theme and no search;
- `build`: the full `mkdocs build` through the plugin, from a project without build/ (nothing generated);
- `arabic`: right after it, the second edition's `mkdocs build -f mkdocs.ar.yml` (the same events in Arabic, into
  ar/): what the Arabic edition adds to a single-edition build (`make site` builds both, `build` + `arabic`);
- `warm`: `generate` again after the full build, nothing changed (its output in place);
- `edit`: `generate` again after editing one event's summary, over the output of the run before.

Then, once per corpus and size: `mkdocs serve` (and `mkdocs serve --dirty` where asked) with E edits, each timed
from the write to the edited page and its search entry being served; Zensical (`timeline build --engine
zensical`) cold and after one edit. The growth check runs `check` and `generate` on the real-shaped corpus at
each growth size and fails (exit 1) when a step grows more than GROWTH_SLACK times faster than the events.

Each measurement runs in a fresh Python process; the timed span excludes the interpreter's start and imports for
the in-process ones (yaml, check, generate, edit) and is the whole process for the builds. Peak memory (maximum
resident set size) of every child comes from `os.wait4`, in a small process that starts it (so the
benchmark's own memory is not counted). Medians are reported with every run beside them.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from generator import settings

if TYPE_CHECKING:
    from tools.livepreview import LivePreview

SIZES = (1_000, 10_000)
SHAPES = ("synthetic", "real")
GROWTH = (1_000, 10_000, 100_000)
ROUNDS = 3
SEED = 0
MEASURES = ("yaml", "check", "generate", "plain", "trivial", "hugo", "build", "arabic")
ARABIC_CONFIG = "mkdocs.ar.yml"
NOTES_BEGIN, NOTES_END = "<!-- notes: kept by `make bench` -->", "<!-- end of notes -->"
PLAIN_CONFIG = "mkdocs-plain.yml"
PLAIN_DOCS = "plain-docs"
TRIVIAL_CONFIG = "mkdocs-trivial.yml"
TRIVIAL_DOCS = "trivial-docs"
HUGO_PROJECT = "hugo-floor"
# The Hugo floor's whole site: every page is its title and its rendered Markdown. Raw HTML passes through, as
# Python-Markdown passes it; taxonomies, feeds and the sitemap are off, since the MkDocs floors have none of them.
HUGO_CONFIG = """baseURL = "/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
"""
HUGO_LAYOUT = "<!doctype html><title>{{ .Title }}</title>{{ .Content }}\n"

# The targets of issue 17, on a 2-core machine, judged on the real-shaped corpus at 10,000 events.
MAX_PREVIEW_SECONDS = {10_000: 3.0, 1_000: 1.0}
MAX_BUILD_OVER_TRIVIAL = 3.0
MAX_BUILD_OVER_PLAIN = 1.1
MAX_GENERATOR_OVER_YAML = 3.0
MAX_BUILD_PEAK = 500 * 2**20
MAX_CHECK_PEAK_100K = 2**30
# A growth step may cost at most this many times the growth of the events (n log n from 10,000 to 100,000 is 1.25).
GROWTH_SLACK = 1.5

# The issue's "before" column, measured by its author on this machine before this work (3 interleaved rounds at
# 10,000 events, 6 at 1,000); kept beside each new measurement.
BEFORE = {
    ("synthetic", "build/plain"): "1.33x",
    ("real", "build/plain"): "1.56x",
    ("synthetic", "build/trivial"): "4.87x",
    ("real", "build/trivial"): "5.80x",
    ("synthetic", "build/hugo"): "15.6x",
    ("real", "build/hugo"): "25.4x",
    ("synthetic", "generate/yaml"): "6.60x",
    ("real", "generate/yaml"): "19.9x",
    ("synthetic", "peak"): "450 MiB",
    ("real", "peak"): "693 MiB",
    ("synthetic", "serve"): "79 s",
    ("real", "serve"): "longer than 79 s",
    ("synthetic", "dirty"): "10 s",
    ("real", "dirty"): "31 s",
    ("synthetic", "serve1k"): "8.4 s / 1.7 s",
    ("real", "serve1k"): "8.6 s / 1.7 s",
}


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
    """Every number for one corpus at one size."""

    events: int
    files: int
    corpus_bytes: int
    shape: str = "synthetic"
    seconds: dict[str, list[float]] = field(default_factory=dict)
    peak_bytes: dict[str, list[int]] = field(default_factory=dict)
    warm_seconds: list[float] = field(default_factory=list)
    edit_seconds: list[float] = field(default_factory=list)
    edit_written: list[int] = field(default_factory=list)
    serve_seconds: list[float] = field(default_factory=list)
    serve_dirty_seconds: list[float] = field(default_factory=list)
    serve_start_seconds: float = 0.0
    zensical_cold: list[float] = field(default_factory=list)
    zensical_edit: list[float] = field(default_factory=list)
    warnings: int = 0
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
class GrowthStep:
    """`check` and `generate` of the real-shaped corpus at one size: CPU seconds (user and system: on a shared
    machine, other work inflates wall time far more) and peak memory."""

    events: int
    check_seconds: float
    generate_seconds: float
    check_peak: int
    generate_peak: int


@dataclass
class Results:
    """A whole benchmark run."""

    machine: Machine
    sizes: list[SizeResult]
    rounds: int
    seed: int
    wall_seconds: float = 0.0
    growth: list[GrowthStep] = field(default_factory=list)
    load: str = ""
    sittings: int = 1


@dataclass(frozen=True)
class Target:
    """One target of the issue with what was measured."""

    name: str
    measured: str
    limit: str
    passed: bool
    closing: str = ""


# --- the measurements (each in a fresh process) ------------------------------------------------------------------


def _project_files(root: Path) -> list[Path]:
    """The registry and event files, as the loader finds them."""
    return sorted((root / "events").rglob("*.yaml"))


def measure_in_process(kind: str, root: Path, out: Path | None) -> dict[str, float | int]:
    """Run one measurement here and time it; imports happen before the clock starts."""
    import yaml

    from generator import pipeline

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


# CPU seconds of the last child `_run` waited for.
last_cpu = [0.0]
# The checkout this file is in: a child measurement runs from a corpus folder, where `-m tools...` is not found.
CHECKOUT = Path(__file__).resolve().parents[1]


def child_command(module: str, *args: str) -> list[str]:
    """A fresh interpreter running `module`'s main(args) from any folder: tools/ is not installed, so the child
    finds it in the checkout, after the installed packages."""
    code = f"import sys; sys.path.append({str(CHECKOUT)!r}); from {module} import main; sys.exit(main(sys.argv[1:]))"
    return [sys.executable, "-c", code, *args]


# A child's peak memory is measured by a small Python process that starts it and waits for it. Linux's
# ru_maxrss of a forked child starts at its parent's resident size, so a child forked by the benchmark itself would
# report at least the benchmark's own memory (its corpora and parsed search indexes, 100 MiB and more by the end).
# Once the child has exited, the reaper writes "REAPED elapsed maxrss-kilobytes cpu-seconds exit-code" last.
_REAPED = "\nREAPED "
_REAPER = (
    "import os, subprocess, sys, time; start = time.perf_counter(); p = subprocess.Popen(sys.argv[1:]); "
    "_, status, u = os.wait4(p.pid, 0); "
    f"print({_REAPED!r} + f'{{time.perf_counter() - start}} {{u.ru_maxrss}} {{u.ru_utime + u.ru_stime}} "
    "{os.waitstatus_to_exitcode(status)}')"
)


def _run(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """Run a command; its wall time, peak resident memory (bytes) and output. Raises when it fails.

    The CPU seconds it used (user and system, with the helpers it waited for) are kept in `last_cpu`."""
    done = subprocess.run(
        [sys.executable, "-c", _REAPER, *command],
        cwd=cwd,
        env=settings.engine_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
    )
    output, _, reaped = done.stdout.decode(errors="replace").rpartition(_REAPED)
    fields = reaped.split()
    if done.returncode != 0 or len(fields) != 4 or fields[3] != "0":
        raise RuntimeError(f"{' '.join(command)} in {cwd} failed:\n{(output or reaped)[-4000:]}")
    last_cpu[0] = float(fields[2])
    return float(fields[0]), int(fields[1]) * 1024, output  # Linux reports kilobytes


def _child(kind: str, root: Path, out: Path | None = None) -> dict[str, float | int]:
    """Run one in-process measurement in a fresh interpreter, with the child's peak memory as `peak`."""
    command = child_command("tools.bench", "measure", kind, str(root))
    if out is not None:
        command += ["--out", str(out)]
    # From inside the project, as MkDocs runs the plugin. tools/ is not installed: the child finds it in the
    # checkout, after the installed packages.
    _, peak, output = _run(command, root)
    result: dict[str, float | int] = json.loads(output.strip().splitlines()[-1])
    result["peak"] = peak
    result["cpu"] = last_cpu[0]
    return result


def _mkdocs(root: Path, config: str, site: Path) -> tuple[float, int]:
    """Run `mkdocs build` in `root`; return its wall time and peak resident memory (bytes)."""
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", config, "--site-dir", str(site)]
    seconds, peak, _ = _run(command, root)
    return seconds, peak


def _fresh(root: Path) -> None:
    """Remove everything a run leaves in the project: the generated pages."""
    shutil.rmtree(root / "build", ignore_errors=True)


def _floor_config(root: Path, name: str, docs: str, comment: str) -> None:
    """A config that is mkdocs.yml with another docs folder and without the timeline plugin.

    MkDocs merges a config that names another under INHERIT into it, replacing lists: the plugins list without
    the timeline plugin keeps every other setting (theme, search, nav, not_in_nav, validation) as the real site
    has it."""
    import yaml

    from generator.engines.sitebuild import engine_config

    (root / name).write_text(
        f"# {comment}\n"
        + yaml.safe_dump({"INHERIT": "mkdocs.yml", "docs_dir": docs, "plugins": engine_config(root)["plugins"]}),
        encoding="utf-8",
    )


def _prepare_floors(root: Path) -> None:
    """The floors' projects: content/ plus the generated Markdown (plain), or plus as many one-line pages at the
    same paths (trivial)."""
    generated = root / "build" / "generated"
    docs = root / PLAIN_DOCS
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(root / "content", docs)
    shutil.copytree(generated, docs, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*"))
    _floor_config(root, PLAIN_CONFIG, PLAIN_DOCS, "The plain-MkDocs floor of `make bench`: same Markdown, no plugin.")
    trivial = root / TRIVIAL_DOCS
    shutil.rmtree(trivial, ignore_errors=True)
    shutil.copytree(root / "content", trivial)
    for page in generated.rglob("*.md"):
        target = trivial / page.relative_to(generated)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_text(f"# Page {page.stem}\n\nOne sentence of text.\n", encoding="utf-8")
    _floor_config(root, TRIVIAL_CONFIG, TRIVIAL_DOCS, "The trivial-page floor of `make bench`: one-line pages.")
    if shutil.which("hugo"):
        _prepare_hugo(root, docs)


def _prepare_hugo(root: Path, docs: Path) -> None:
    """The Hugo floor's project: the plain floor's Markdown as Hugo content, with a one-line layout.

    A folder's `index.md` becomes `_index.md`: for Hugo, an `index.md` makes its folder one page (a leaf bundle)
    and hides the folder's other pages as its resources."""
    project = root / HUGO_PROJECT
    shutil.rmtree(project, ignore_errors=True)
    for page in docs.rglob("*.md"):
        relative = page.relative_to(docs)
        if relative.name == "index.md":
            relative = relative.with_name("_index.md")
        target = project / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    (project / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    layouts = project / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (layouts / name).write_text(HUGO_LAYOUT, encoding="utf-8")


def _hugo(root: Path) -> float:
    """Hugo's cold build of the floor's project, from an empty output folder; its wall time."""
    site = root / "hugo-site"
    shutil.rmtree(site, ignore_errors=True)
    command = ["hugo", "--quiet", "--source", str(root / HUGO_PROJECT), "--destination", str(site)]
    return _run(command, root)[0]


def _edit_one(root: Path, number: int, marker: str = "Edit") -> tuple[Path, str]:
    """Change the summary of one event (a different one each time) as a contributor would; return its old text."""
    files = [f for f in _project_files(root) if "registry" not in f.parts]
    file = files[(number * 7919) % len(files)]
    text = file.read_text(encoding="utf-8")
    edited, count = re.subn(r"^summary: >-\n  ", f"summary: >-\n  {marker} {number}: ", text, count=1, flags=re.M)
    if not count:
        edited, count = re.subn(r"^summary: (?!>)", f"summary: {marker} {number}, ", text, count=1, flags=re.M)
    assert count, file
    file.write_text(edited, encoding="utf-8")
    return file, text


def _site_facts(site: Path) -> tuple[int, tuple[str, int], int, int]:
    """Page count, the largest HTML page, and the search index's size raw and gzipped."""
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    size, name = max(pages, default=(0, ""))
    index = site / "search" / "search_index.json"
    raw = index.read_bytes() if index.exists() else b""
    return len(pages), (name, size), len(raw), len(gzip.compress(raw, compresslevel=6))


def _timed_edit(live: LivePreview, root: Path, number: int, marker: str) -> float:
    """Seconds from editing one event to its page and its search entry being served; the edit is then undone and
    the undo waited for."""
    file, original = _edit_one(root, 100 + number, marker)
    page, wanted = f"events/{file.stem}/", f"{marker} {100 + number}"
    begin = time.perf_counter()
    live.wait(lambda: wanted in live.text(page), 600, "the edited page", every=0.02)
    live.wait(lambda: any(wanted in e["text"] for e in live.search_index() if e["location"] == page), 600, "index")
    seconds = time.perf_counter() - begin
    file.write_text(original, encoding="utf-8")
    live.wait(lambda: wanted not in live.text(page), 600, "the undone edit")
    time.sleep(1.0)
    return seconds


def serve_edits(root: Path, edits: int, dirty: bool = False) -> tuple[float, list[float]]:
    """Seconds of `mkdocs serve`'s first build, and the seconds of each of `edits` timed edits (`_timed_edit`)."""
    from tools.livepreview import LivePreview

    started = time.perf_counter()
    with LivePreview(root, startup=3600, args=["--dirty"] if dirty else []) as live:
        first = time.perf_counter() - started
        seconds = [_timed_edit(live, root, number, f"Preview{number}x{int(dirty)}") for number in range(1, edits + 1)]
    return first, seconds


def _zensical(root: Path) -> float:
    """Seconds of `timeline build --engine zensical` in the project."""
    command = [sys.executable, "-m", "generator", "--root", str(root), "build", "--engine", "zensical"]
    return _run(command, root)[0]


def bench_size(
    events: int,
    work: Path,
    rounds: int,
    seed: int,
    shape: str = "synthetic",
    *,
    serve: int = 0,
    dirty: int = 0,
    zensical: bool = False,
    log: bool = True,
) -> SizeResult:
    """Every measurement for one corpus at one size."""
    from tools import synth

    root = work / f"{shape}-{events}"
    made = synth.synth_real if shape == "real" else synth.synth
    report = made(events, root, seed=seed)
    result = SizeResult(events=events, files=report.files, corpus_bytes=report.bytes, shape=shape)
    result.seconds = {m: [] for m in MEASURES}
    result.peak_bytes = {"build": [], "plain": [], "trivial": [], "check": [], "generate": []}
    scratch = work / f"{shape}-{events}-out"
    # Generate once so that the floors have the same pages to build.
    _fresh(root)
    result.warnings = int(_child("check", root)["problems"])
    _child("generate", root)
    _prepare_floors(root)
    hugo = shutil.which("hugo") is not None
    if log and not hugo:
        print("hugo is not on the PATH: the Hugo floor is not measured (Debian: apt-get install hugo)", flush=True)
    for number in range(1, rounds + 1):
        shutil.rmtree(scratch, ignore_errors=True)
        result.seconds["yaml"].append(float(_child("yaml", root)["seconds"]))
        for kind in ("check", "generate"):
            measured = _child(kind, root, scratch if kind == "generate" else None)
            result.seconds[kind].append(float(measured["seconds"]))
            result.peak_bytes[kind].append(int(measured["peak"]))
        for kind, config, site in (("plain", PLAIN_CONFIG, "plain-site"), ("trivial", TRIVIAL_CONFIG, "trivial-site")):
            seconds, peak = _mkdocs(root, config, root / site)
            result.seconds[kind].append(seconds)
            result.peak_bytes[kind].append(peak)
        if hugo:
            result.seconds["hugo"].append(_hugo(root))
        _fresh(root)
        seconds, peak = _mkdocs(root, "mkdocs.yml", root / "site")
        result.seconds["build"].append(seconds)
        result.peak_bytes["build"].append(peak)
        # The second edition, side by side with the first, as in `make site`, which builds the English edition first.
        seconds, _ = _mkdocs(root, ARABIC_CONFIG, root / "site" / "ar")
        result.seconds["arabic"].append(seconds)
        # The incremental run: the plugin's build left its output; edit one event and generate again,
        # then put the event back so that every round measures the same corpus.
        result.warm_seconds.append(float(_child("edit", root)["seconds"]))
        edited, original = _edit_one(root, number)
        edit = _child("edit", root)
        edited.write_text(original, encoding="utf-8")
        result.edit_seconds.append(float(edit["seconds"]))
        result.edit_written.append(int(edit["written"]))
        if log:
            last = {m: result.seconds[m][-1] for m in MEASURES if result.seconds[m]}
            print(
                f"{shape} n={events} round {number}: "
                + ", ".join(f"{m} {s:.2f}s" for m, s in last.items())
                + f", edit {result.edit_seconds[-1]:.2f}s ({result.edit_written[-1]} files)",
                flush=True,
            )
    result.pages, result.largest_page, result.search_index_bytes, result.search_index_gzip_bytes = _site_facts(
        root / "site"
    )
    if serve:
        result.serve_start_seconds, result.serve_seconds = serve_edits(root, serve)
        if log:
            print(f"{shape} n={events} serve: {_list(result.serve_seconds, '{:.2f}s')}", flush=True)
    if dirty:
        result.serve_dirty_seconds = serve_edits(root, dirty, dirty=True)[1]
    if zensical:
        for number in (1,):  # one cold build and one after an edit: a Zensical build of 10,000 pages is long
            _fresh(root)
            shutil.rmtree(root / "site", ignore_errors=True)
            result.zensical_cold.append(_zensical(root))
            edited, original = _edit_one(root, 50 + number)
            result.zensical_edit.append(_zensical(root))
            edited.write_text(original, encoding="utf-8")
        if log:
            print(f"{shape} n={events} zensical: cold {result.zensical_cold}, edit {result.zensical_edit}", flush=True)
    return result


def growth(sizes: Sequence[int], work: Path, seed: int, log: bool = True) -> list[GrowthStep]:
    """`check` and `generate` (cold, fresh processes) of the real-shaped corpus at each size."""
    from tools import synth

    steps = []
    for events in sizes:
        root = work / f"growth-{events}"
        synth.synth_real(events, root, seed=seed)
        _fresh(root)
        checked = _child("check", root)
        _fresh(root)
        generated = _child("generate", root)
        steps.append(
            GrowthStep(
                events,
                float(checked["cpu"]),
                float(generated["cpu"]),
                int(checked["peak"]),
                int(generated["peak"]),
            )
        )
        shutil.rmtree(root, ignore_errors=True)
        if log:
            step = steps[-1]
            print(
                f"growth n={events}: check {step.check_seconds:.2f}s CPU {_mb(step.check_peak)}, "
                f"generate {step.generate_seconds:.2f}s CPU {_mb(step.generate_peak)}",
                flush=True,
            )
    return steps


def growth_factors(steps: Sequence[GrowthStep]) -> list[tuple[int, int, float, float]]:
    """(from, to, check's growth / events' growth, generate's growth / events' growth) for each step."""
    found = []
    for small, big in itertools.pairwise(steps):
        events = big.events / small.events
        found.append(
            (
                small.events,
                big.events,
                big.check_seconds / small.check_seconds / events,
                big.generate_seconds / small.generate_seconds / events,
            )
        )
    return found


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
    if not values:
        return "not measured"
    return f"{form.format(statistics.median(values))} ({_list(values, form)})"


def _runs(values: Sequence[float], unit: str = "s") -> str:
    """'1.23 s (1.20, 1.23, 1.31)'."""
    if not values:
        return "not measured"
    inner = ", ".join(f"{v:.2f}" for v in values)
    return f"{statistics.median(values):.2f} {unit} ({inner})"


def _find(results: Results, shape: str, events: int | None = None) -> SizeResult | None:
    """The result of one corpus at one size (the largest measured when no size is given)."""
    mine = [s for s in results.sizes if s.shape == shape and (events is None or s.events == events)]
    return max(mine, key=lambda s: s.events, default=None)


def targets(results: Results) -> list[Target]:
    """Each target of issue 17, judged on the real-shaped corpus at its largest size (the synthetic one when no
    real-shaped corpus was measured)."""
    big = _find(results, "real") or max(results.sizes, key=lambda s: s.events)
    n = f"{big.events:,} {big.shape} events"
    found = []
    for size in sorted({s.events for s in results.sizes if s.shape == big.shape}, reverse=True):
        mine = _find(results, big.shape, size)
        limit = MAX_PREVIEW_SECONDS.get(size)
        if mine is None or limit is None:
            continue
        measured = statistics.median(mine.serve_seconds) if mine.serve_seconds else None
        found.append(
            Target(
                f"live preview: one edit → page and search index served ({size:,} {big.shape} events)",
                _runs(mine.serve_seconds),
                f"≤ {limit:g} s",
                measured is not None and measured <= limit,
                "measure it: `make bench` runs `mkdocs serve` when --serve is given"
                if measured is None
                else "the session's catalog and timeline cut are rebuilt in full on each edit (see notes)",
            )
        )
    for name, floor, limit, closing in (
        (
            "cold build / trivial-page floor",
            "trivial",
            MAX_BUILD_OVER_TRIVIAL,
            "Python-Markdown and the theme's "
            "Jinja for 10,000 pages remain; lighter event pages (fewer sections, one table) or a page cache",
        ),
        (
            "cold build / plain MkDocs",
            "plain",
            MAX_BUILD_OVER_PLAIN,
            "the generator's own cold run and the second "
            "sanitizer pass are what the plugin adds; a cold page cache on disk would remove most of it",
        ),
        (
            "generate / libyaml parse",
            "yaml",
            MAX_GENERATOR_OVER_YAML,
            "rendering 10,000 pages through Jinja and the exports dominate; a page cache keyed by each page's inputs",
        ),
    ):
        measure = "generate" if floor == "yaml" else "build"
        ratios = big.paired(measure, floor)
        median = statistics.median(ratios)
        found.append(Target(f"{name} ({n})", _ratio(ratios, "{:.2f}x"), f"≤ {limit:g}x", median <= limit, closing))
    peak = statistics.median(big.peak_bytes["build"])
    found.append(
        Target(
            f"peak memory, full build ({n})",
            _mb(peak),
            f"≤ {_mb(MAX_BUILD_PEAK)}",
            peak <= MAX_BUILD_PEAK,
            "MkDocs keeps every page's HTML and the search index in memory until the end",
        )
    )
    if results.growth:
        worst = max((max(c, g) for _, _, c, g in growth_factors(results.growth)), default=0.0)
        found.append(
            Target(
                "growth of check and generate, each step (real-shaped corpus)",
                f"at most {worst:.2f}x the growth of the events" if worst else "one size only",
                f"≤ {GROWTH_SLACK:g}x",
                bool(worst) and worst <= GROWTH_SLACK,
                "profile the step that grew: something in it is super-linear",
            )
        )
        top = results.growth[-1]
        peak = max(top.check_peak, top.generate_peak)
        found.append(
            Target(
                f"peak memory of check and generate ({top.events:,} events)",
                f"check {_mb(top.check_peak)}, generate {_mb(top.generate_peak)}",
                f"≤ {_mb(MAX_CHECK_PEAK_100K)} at 100,000",
                top.events >= 100_000 and peak <= MAX_CHECK_PEAK_100K,
                "run the growth check up to 100,000 events"
                if top.events < 100_000
                else "the Tree, the catalog "
                "and every page's text are held at once; stream pages to disk as they are rendered",
            )
        )
    return found


def _issue_table(results: Results) -> list[str]:
    """The issue's table: each row before this work (the issue's figures) and now, for both corpora."""
    lines = [
        "| | synthetic: before | synthetic: now | real-shaped: before | real-shaped: now |",
        "| --- | --- | --- | --- | --- |",
    ]

    def row(label: str, key: str, now: dict[str, str]) -> str:
        cells = [f"{BEFORE[(shape, key)]} | {now.get(shape, 'not measured')}" for shape in SHAPES]
        return f"| {label} | " + " | ".join(cells) + " |"

    def per_shape(measure: str, events: int | None = None) -> dict[str, str]:
        found = {}
        for shape in SHAPES:
            mine = _find(results, shape, events)
            if mine is None:
                continue
            if measure in ("plain", "trivial", "hugo") and mine.seconds.get(measure):
                found[shape] = _ratio(mine.paired("build", measure), "{:.2f}x")
            elif measure == "yaml":
                found[shape] = _ratio(mine.paired("generate", "yaml"), "{:.2f}x")
            elif measure == "peak":
                found[shape] = _mb(statistics.median(mine.peak_bytes["build"]))
            elif measure == "serve":
                found[shape] = _runs(mine.serve_seconds)
            elif measure == "dirty":
                found[shape] = _runs(mine.serve_dirty_seconds)
        return found

    small = min((s.events for s in results.sizes), default=0)
    at_small = {
        shape: f"{_runs(mine.serve_seconds)} / {_runs(mine.serve_dirty_seconds)}"
        for shape in SHAPES
        if (mine := _find(results, shape, small)) is not None
    }
    biggest = max((s.events for s in results.sizes), default=0)
    lines += [
        row(f"full cold build / plain MkDocs on the same Markdown ({biggest:,})", "build/plain", per_shape("plain")),
        row("full cold build / trivial-page floor (same theme, search)", "build/trivial", per_shape("trivial")),
        row("full cold build / Hugo on the same Markdown", "build/hugo", per_shape("hugo")),
        row("generate / libyaml parse of the same files", "generate/yaml", per_shape("yaml")),
        row("peak memory, full build", "peak", per_shape("peak")),
        row("live preview, one edit → page and search entry served (`mkdocs serve`)", "serve", per_shape("serve")),
        row("live preview with `mkdocs serve --dirty`", "dirty", per_shape("dirty")),
        row(f"at {small:,} events: live preview / with `--dirty`", "serve1k", at_small),
    ]
    zensical = [
        f"| Zensical (`timeline build --engine zensical`), {s.shape}, {s.events:,} events | {_runs(s.zensical_cold)} "
        f"| {_runs(s.zensical_edit)} |"
        for s in results.sizes
        if s.zensical_cold
    ]
    if zensical:
        lines += ["", "| Second engine | cold | after one edit |", "| --- | --- | --- |", *zensical]
    return lines


_LABELS = {
    "yaml": "libyaml parse (floor)",
    "check": "check: load + validate",
    "generate": "generate: whole pipeline to Markdown",
    "plain": "plain `mkdocs build`, no plugin (floor)",
    "trivial": "trivial pages, same theme and search (floor)",
    "hugo": "Hugo on the same Markdown, one-line layout (floor)",
    "build": "full `mkdocs build` through the plugin",
    "arabic": "the Arabic edition's `mkdocs build`, after the English one",
}


def render_report(results: Results, notes: str = "") -> str:
    """BENCHMARKS.md from a run's results; `notes` (profiles, decisions) is kept between its markers."""
    machine = results.machine
    found = targets(results)
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m tools.bench`); every number below comes from one run on the",
        f"machine described. Times are medians of {results.rounds} interleaved round(s), with each run in brackets.",
        "Ratios compare measurements taken side by side in the same round, so a noisy machine affects both sides",
        "alike.",
        "",
        "## Summary",
        "",
        f"{sum(t.passed for t in found)} of {len(found)} targets met.",
        "",
        "| Target | Measured | Limit | Result | What would close it |",
        "| --- | --- | --- | --- | --- |",
        *[
            f"| {t.name} | {t.measured} | {t.limit} | {'PASS' if t.passed else 'MISS'} | "
            f"{'' if t.passed else t.closing} |"
            for t in found
        ],
        "",
        "## The issue's table, before and now",
        "",
        *_issue_table(results),
        "",
        "## Machine",
        "",
        f"- CPUs: {machine.cpus} x {machine.cpu_model}",
        f"- Memory: {machine.memory_bytes / 2**30:.1f} GiB",
        f"- System: {machine.system}",
        f"- Python {machine.python}, MkDocs {machine.mkdocs}, Material for MkDocs {machine.material}",
        f"- Load while measuring: {results.load or 'not recorded'}",
        f"- Whole benchmark: {results.wall_seconds / 60:.1f} minutes"
        + (
            f", in {results.sittings} sittings (`--resume`: each corpus measured whole in one)"
            if results.sittings > 1
            else ""
        ),
        "",
        "## Corpora",
        "",
        f"`python -m tools.synth N --seed {results.seed}` (synthetic: made-up events placed apart) and "
        f"`python -m tools.synth N --shape real --seed {results.seed}` (real-shaped: the project's events copied with "
        "new ids and dates, with their duplicates and related links).",
        "",
        "| Corpus | Events | Files read | Event bytes | Warnings | Pages built | Search index | Search index (gzip) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *[
            f"| {s.shape} | {s.events:,} | {s.files:,} | {_mb(s.corpus_bytes)} | {s.warnings:,} | {s.pages:,} "
            f"| {_mb(s.search_index_bytes)} | {_mb(s.search_index_gzip_bytes)} |"
            for s in results.sizes
        ],
        "",
        "## Times",
        "",
        "| Measurement | " + " | ".join(f"{s.shape}, {s.events:,}" for s in results.sizes) + " |",
        "| --- | " + " | ".join("---" for _ in results.sizes) + " |",
        *[
            f"| {_LABELS[m]} | " + " | ".join(_runs(s.seconds.get(m, [])) for s in results.sizes) + " |"
            for m in MEASURES
        ],
        "| `generate` again, nothing changed | " + " | ".join(_runs(s.warm_seconds) for s in results.sizes) + " |",
        "| `generate` after editing one event | " + " | ".join(_runs(s.edit_seconds) for s in results.sizes) + " |",
        "| files rewritten by that `generate` | "
        + " | ".join(", ".join(str(n) for n in s.edit_written) for s in results.sizes)
        + " |",
        "| `mkdocs serve`: first build | "
        + " | ".join(f"{s.serve_start_seconds:.2f} s" if s.serve_seconds else "-" for s in results.sizes)
        + " |",
        "| `mkdocs serve`: edit → page and index served | "
        + " | ".join(_runs(s.serve_seconds) for s in results.sizes)
        + " |",
        *[
            f"| peak memory, {label} | "
            + " | ".join(_runs([b / 2**20 for b in s.peak_bytes.get(kind, [])], "MiB") for s in results.sizes)
            + " |"
            for kind, label in (
                ("build", "full build"),
                ("plain", "plain MkDocs"),
                ("check", "check"),
                ("generate", "generate"),
            )
        ],
        "| largest HTML page | "
        + " | ".join(f"{_kb(s.largest_page[1])} `{s.largest_page[0]}`" for s in results.sizes)
        + " |",
        "",
        "## Ratios",
        "",
        "Each ratio is taken within a round, between measurements run one after the other; the median of the "
        "rounds' ratios is given first, then each round's.",
        "",
        "| Ratio | " + " | ".join(f"{s.shape}, {s.events:,}" for s in results.sizes) + " |",
        "| --- | " + " | ".join("---" for _ in results.sizes) + " |",
        *[
            f"| {label} | " + " | ".join(_ratio(s.paired(a, b), form) for s in results.sizes) + " |"
            for label, a, b, form in (
                ("generate / libyaml parse", "generate", "yaml", "{:.2f}x"),
                ("check / libyaml parse", "check", "yaml", "{:.2f}x"),
                ("full build / plain MkDocs", "build", "plain", "{:.2f}x"),
                ("full build / trivial-page floor", "build", "trivial", "{:.2f}x"),
            )
        ],
        "| both editions / English edition alone | "
        + " | ".join(
            _ratio([(b + a) / b for b, a in zip(s.seconds["build"], s.seconds["arabic"], strict=True)], "{:.2f}x")
            for s in results.sizes
        )
        + " |",
    ]
    if results.growth:
        lines += [
            "",
            "## Growth",
            "",
            "`check` and `generate` of the real-shaped corpus, cold, one fresh process each; CPU seconds (user and "
            "system), which other work on a shared machine inflates far less than wall time.",
            "",
            "| Events | check (CPU) | peak | generate (CPU) | peak |",
            "| --- | --- | --- | --- | --- |",
            *[
                f"| {g.events:,} | {g.check_seconds:.2f} s | {_mb(g.check_peak)} | {g.generate_seconds:.2f} s "
                f"| {_mb(g.generate_peak)} |"
                for g in results.growth
            ],
            "",
            *[
                f"- {a:,} → {b:,}: check grew {c:.2f}x and generate {g:.2f}x the growth of the events "
                f"(limit {GROWTH_SLACK:g}x: {'PASS' if max(c, g) <= GROWTH_SLACK else 'MISS'})"
                for a, b, c, g in growth_factors(results.growth)
            ],
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


def _load() -> str:
    """The machine's load averages, as a sentence."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return ""
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f} (1, 5, 15 min) on {os.cpu_count()} CPUs"


# --- the checkpoint: a stopped run resumes where it stopped ------------------------------------------------------


CHECKPOINT = "checkpoint.json"


def code_state(root: Path) -> str:
    """The commit measured and a digest of any uncommitted change to it (BENCHMARKS.md aside, which the run writes)."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
        return done.stdout if done.returncode == 0 else ""

    head = git("rev-parse", "HEAD").strip()
    change = git("diff", "HEAD", "--", ".", ":(exclude)BENCHMARKS.md")
    return head + (f"+{hashlib.sha256(change.encode()).hexdigest()[:12]}" if change else "")


def save_checkpoint(path: Path, key: dict[str, object], results: Results) -> None:
    """Every corpus finished so far, with what they were measured with, written whole (a stop never half-writes it)."""
    sizes = [asdict(s) for s in results.sizes]
    state = {"key": key, "sizes": sizes, "wall_seconds": results.wall_seconds, "sittings": results.sittings}
    partial = path.with_name(path.name + ".part")
    partial.write_text(json.dumps(state, indent=1), encoding="utf-8")
    partial.replace(path)


def load_checkpoint(path: Path, key: dict[str, object]) -> tuple[list[SizeResult], float, int]:
    """The corpora a stopped run finished with the same code and settings on this machine, or nothing."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [], 0.0, 0
    if state.get("key") != key:
        return [], 0.0, 0
    sizes = [SizeResult(**{**s, "largest_page": tuple(s["largest_page"])}) for s in state["sizes"]]
    return sizes, float(state["wall_seconds"]), int(state["sittings"])


# --- the command line ----------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m tools.bench [--sizes 1000,10000] [--rounds 3] ...`, or one child measurement."""
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command")
    measure = commands.add_parser("measure", help="(internal) time one measurement in this process")
    measure.add_argument("kind", choices=["yaml", "check", "generate", "edit"])
    measure.add_argument("root", type=Path)
    measure.add_argument("--out", type=Path)
    parser.add_argument("--sizes", default=",".join(str(n) for n in SIZES), help="corpus sizes, comma-separated")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="corpora: synthetic, real or both")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="interleaved rounds (default 3)")
    parser.add_argument("--rounds-at", default="", help="rounds per size, e.g. 10000:1 (default: --rounds)")
    parser.add_argument("--serve", type=int, default=3, help="edits timed under `mkdocs serve` per corpus and size")
    parser.add_argument(
        "--dirty-up-to", type=int, default=10_000, help="also time `serve --dirty` up to this size (default 10000)"
    )
    parser.add_argument("--zensical", action=argparse.BooleanOptionalAction, default=True, help="time Zensical too")
    parser.add_argument(
        "--growth",
        default=",".join(str(n) for n in GROWTH),
        help="growth-check sizes ('' for none; smaller for quick runs)",
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--resume",
        action="store_true",
        help="keep the corpora a stopped run finished, if the code, settings and machine are the same",
    )
    parser.add_argument("--work", type=Path, default=Path("build/bench"), help="scratch folder")
    parser.add_argument("--report", type=Path, default=Path("BENCHMARKS.md"), help="the report to write")
    args = parser.parse_args(argv)
    if args.command == "measure":
        print(json.dumps(measure_in_process(args.kind, args.root, args.out)))
        return 0
    # A stopped benchmark still stops the `mkdocs serve` it started (LivePreview's exit runs on SystemExit).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    started = time.perf_counter()
    machine, load = Machine.here(), _load()
    sizes = sorted(int(n) for n in args.sizes.split(",") if n)
    rounds_at = {int(k): int(v) for k, v in (item.split(":") for item in args.rounds_at.split(",") if item)}
    args.work.mkdir(parents=True, exist_ok=True)
    work = args.work.resolve()
    measured: list[SizeResult] = []
    rounds = min((rounds_at.get(n, args.rounds) for n in sizes), default=args.rounds)
    results = Results(machine, measured, rounds, args.seed, 0.0, [], load)
    checkpoint = work / CHECKPOINT
    key: dict[str, object] = {
        "code": code_state(Path.cwd()),
        "machine": asdict(machine),
        "settings": {k: v for k, v in sorted(vars(args).items()) if k not in ("resume", "report", "work", "command")},
    }
    done: dict[tuple[str, int], SizeResult] = {}
    earlier = 0.0
    if args.resume:
        kept, earlier, sittings = load_checkpoint(checkpoint, key)
        done = {(s.shape, s.events): s for s in kept}
        results.sittings = sittings + 1 if kept else 1
        print(f"resuming: {len(kept)} corpus run(s) kept from {checkpoint}", flush=True)
    for n in sizes:
        for shape in args.shapes.split(","):
            if (shape, n) in done:
                measured.append(done[(shape, n)])
                continue
            dirty = args.serve if n <= args.dirty_up_to else 0
            measured.append(
                bench_size(
                    n,
                    work,
                    rounds_at.get(n, args.rounds),
                    args.seed,
                    shape,
                    serve=args.serve,
                    dirty=dirty,
                    zensical=args.zensical,
                )
            )
            # A report and a checkpoint after every corpus: a run that is stopped keeps what it measured.
            results.wall_seconds = earlier + time.perf_counter() - started
            save_checkpoint(checkpoint, key, results)
            write_report(results, args.report)
    steps = growth(sorted(int(n) for n in args.growth.split(",") if n), work, args.seed)
    results.growth, results.wall_seconds = steps, earlier + time.perf_counter() - started
    write_report(results, args.report)
    found = targets(results)
    for target in found:
        print(f"{'PASS' if target.passed else 'MISS'}  {target.name}: {target.measured} ({target.limit})")
    print(f"wrote {args.report}")
    grew = any(max(c, g) > GROWTH_SLACK for _, _, c, g in growth_factors(steps))
    if grew:
        print(f"growth check failed: a step grew more than {GROWTH_SLACK:g}x faster than the events", file=sys.stderr)
    return 1 if grew else 0


if __name__ == "__main__":
    sys.exit(main())
