"""Speed-ups earn their place (issue 13): the library each one was replaced by, measured again at 10,000 real-shaped
events against what the code would do without it, side by side in interleaved rounds; `make bench` runs this part
and writes its table into BENCHMARKS.md ("Speed-ups: kept or replaced").

Every measurement runs in a fresh Python process (imports and the untimed set-up, such as loading the corpus,
before the clock starts), so no run inherits another's warm caches; each round runs every variant of every group
once, in the same order, and the report gives medians of wall and CPU seconds and the ratio of each pair within a
round (the machine is shared: CPU seconds are disturbed far less by other work than wall time).

Groups and variants:
- `schema`: the schema check of every file of a loaded tree: jsonschema alone; jsonschema-rs first, as
  validate.SchemaCheck runs it (with the project's integers and Python's patterns); and, for reference only,
  jsonschema-rs with its own regex engine (not used: its `\\s` is not Python's, see validate._PythonPattern);
- `json`: the JSON text of the three large exports (events.json, events.geojson, TimelineJS) from values built
  beforehand: json.dumps(indent=2) against orjson (jsonfmt.dumps_indented); the bytes are compared.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.bench import child_command

GROUPS: dict[str, tuple[str, ...]] = {
    "schema": ("jsonschema", "jsonschema-rs", "jsonschema-rs-native"),
    "json": ("stdlib", "orjson"),
}
# The pairs the report sets side by side: (group, the library, what it replaced or is compared with).
PAIRS = (
    ("schema", "jsonschema-rs", "jsonschema"),
    ("schema", "jsonschema-rs-native", "jsonschema-rs"),
    ("json", "orjson", "stdlib"),
)
EVENTS = 10_000
ROUNDS = 5
BEGIN, END = "<!-- speed-ups: written by make bench -->", "<!-- end of speed-ups -->"


# --- the variants, in the child ------------------------------------------------------------------------------


def _clock() -> tuple[float, float]:
    """Wall time, and CPU seconds of this process and the children it waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter(), time.process_time() + children.ru_utime + children.ru_stime


def _since(start: tuple[float, float]) -> dict[str, Any]:
    """The wall and CPU seconds since `start` (taken before anything is computed about the result)."""
    wall, cpu = _clock()
    return {"seconds": wall - start[0], "cpu": cpu - start[1]}


def _digest(values: Sequence[Any]) -> str:
    """A short digest of a sequence of results, to show that the variants agree."""
    return hashlib.sha256(repr(list(values)).encode()).hexdigest()[:12]


def _schema_check(variant: str) -> Callable[[Any], list[Any]]:
    """`schema_problems` of one variant: (document, SchemaCheck) -> problems."""
    import jsonschema_rs

    from generator.checks import validate

    if variant == "jsonschema":
        return lambda pair: [
            p for error in pair[1].explain.iter_errors(pair[0].data) for p in validate._schema_problems(pair[0], error)
        ]
    if variant == "jsonschema-rs":
        return lambda pair: validate.schema_problems(*pair)
    native: dict[int, Any] = {}

    def check(pair: Any) -> list[Any]:
        doc, schema_check = pair
        if id(schema_check) not in native:
            native[id(schema_check)] = jsonschema_rs.Draft202012Validator(schema_check.explain.schema)
        if native[id(schema_check)].is_valid(doc.data):
            return []
        return [p for e in schema_check.explain.iter_errors(doc.data) for p in validate._schema_problems(doc, e)]

    return check


def measure(group: str, variant: str, root: Path) -> dict[str, Any]:
    """One measurement in this process: set up untimed, then time the variant's work."""
    from generator import pipeline
    from generator.output import exports, jsonfmt

    if group == "schema":
        from generator.checks import validate
        from generator.input import load

        tree, _ = load.load_tree(root)
        pairs: list[Any] = [(doc, validate.EVENT_SCHEMA) for doc in tree.events]
        for name in load.REGISTRIES:
            registry = getattr(tree, name)
            if registry is not None:
                pairs.append((registry, validate.REGISTRY_SCHEMAS[name]))
        start = _clock()
        check = _schema_check(variant)  # jsonschema-rs compiles the schema inside the timed span
        found = [p for pair in pairs for p in check(pair)]
        return {**_since(start), "digest": _digest(found), "files": len(pairs)}
    if group == "json":
        catalog = pipeline.check(root).catalog
        assert catalog is not None
        values: list[Any] = []

        def capture(value: Any) -> str:
            values.append(value)
            return ""

        writer = exports._dump
        setattr(exports, "_dump", capture)  # noqa: B010 - the writers hand their values to _dump
        exports.export(catalog, ["json", "geojson", "timelinejs"])  # events.schema.json is written as it is
        setattr(exports, "_dump", writer)  # noqa: B010
        dumps = (
            jsonfmt.dumps_indented
            if variant == "orjson"
            else (lambda value: json.dumps(value, ensure_ascii=False, indent=2))
        )
        start = _clock()
        texts = [dumps(value) for value in values]
        return {**_since(start), "digest": _digest(texts), "bytes": sum(len(t.encode()) for t in texts)}
    raise ValueError(group)


# --- the rounds, in the parent -------------------------------------------------------------------------------


@dataclass
class GroupResult:
    """Every run of every variant of one group, in round order."""

    group: str
    seconds: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)
    digests: dict[str, set[str]] = field(default_factory=dict)


def ratio(a: Sequence[float], b: Sequence[float]) -> tuple[float, list[float]]:
    """a / b: the median of each round's ratio, and every round's."""
    each = [x / y for x, y in zip(a, b, strict=True) if y > 0]
    return (statistics.median(each) if each else 0.0), each


def _child(group: str, variant: str, root: Path) -> dict[str, Any]:
    """One measurement in a fresh interpreter."""
    # Run from the corpus folder, where `-m tools.bench_speedups` is not found.
    command = child_command("tools.bench_speedups", "measure", group, variant, str(root))
    process = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{(process.stdout + process.stderr)[-4000:]}")
    result: dict[str, Any] = json.loads(process.stdout.strip().splitlines()[-1])
    return result


def run(root: Path, rounds: int, log: Callable[[str], None] = lambda _: None) -> list[GroupResult]:
    """Every variant of every group, `rounds` times, interleaved."""
    results = [GroupResult(group) for group in GROUPS]
    for number in range(1, rounds + 1):
        for result in results:
            for variant in GROUPS[result.group]:
                found = _child(result.group, variant, root)
                result.seconds.setdefault(variant, []).append(float(found["seconds"]))
                result.cpu.setdefault(variant, []).append(float(found["cpu"]))
                result.digests.setdefault(variant, set()).add(str(found["digest"]))
                log(f"round {number}: {result.group} {variant}: {found['seconds']:.3f} s, CPU {found['cpu']:.3f} s")
    return results


def _runs(values: Sequence[float]) -> str:
    """The median and every run."""
    return f"{statistics.median(values):.3f} s ({', '.join(f'{v:.3f}' for v in values)})"


def render(results: Sequence[GroupResult], events: int, rounds: int, machine: str) -> str:
    """The measured table of BENCHMARKS.md's speed-up section, between its markers."""
    found = {r.group: r for r in results}
    lines = [
        BEGIN,
        f"Re-measured by `make bench` (`tools/bench_speedups.py`): {events:,} real-shaped events, {rounds} "
        f"interleaved rounds, fresh processes, medians (each run in brackets); {machine}.",
        "",
        "| Group | Variant | Wall | CPU | Same result as the others |",
        "| --- | --- | --- | --- | --- |",
    ]
    for result in results:
        digests = set().union(*result.digests.values())
        for variant in GROUPS[result.group]:
            lines.append(
                f"| {result.group} | {variant} | {_runs(result.seconds[variant])} | {_runs(result.cpu[variant])} "
                f"| {'yes' if len(digests) == 1 else 'NO'} |"
            )
    lines += ["", "| Ratio (median of the rounds' ratios, each round's) | Wall | CPU |", "| --- | --- | --- |"]
    for group, a, b in PAIRS:
        if group in found:
            wall = ratio(found[group].seconds[a], found[group].seconds[b])
            cpu = ratio(found[group].cpu[a], found[group].cpu[b])
            lines.append(
                f"| {group}: {a} / {b} | {wall[0]:.3f}x ({', '.join(f'{x:.3f}' for x in wall[1])}) "
                f"| {cpu[0]:.3f}x ({', '.join(f'{x:.3f}' for x in cpu[1])}) |"
            )
    return "\n".join([*lines, END])


def replace_section(report: str, section: str) -> str:
    """The report with its measured speed-up table replaced by `section` (appended when it has none)."""
    start, end = report.find(BEGIN), report.find(END)
    if start < 0 or end < start:
        return report.rstrip("\n") + "\n\n" + section + "\n"
    return report[:start] + section + report[end + len(END) :]


def bench(work: Path, report: Path, rounds: int, events: int = EVENTS, seed: int = 0) -> list[GroupResult]:
    """Make the corpus (once), run the rounds, and write the table into the report."""
    from tools import synth

    root = work / f"speedups-real-{events}"
    if not (root / "events").is_dir():
        synth.synth_real(events, root, seed=seed)
    results = run(root.resolve(), rounds, lambda line: print(line, flush=True))
    load = os.getloadavg()[0]
    machine = f"{os.cpu_count()} CPUs, load average {load:.1f} at the end"
    text = report.read_text(encoding="utf-8") if report.exists() else "# Benchmarks\n"
    report.write_text(replace_section(text, render(results, events, rounds, machine)), encoding="utf-8")
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m tools.bench_speedups [--rounds 5]` or `... measure GROUP VARIANT ROOT` (one child)."""
    parser = argparse.ArgumentParser(prog="python -m tools.bench_speedups", description=__doc__.splitlines()[0])
    parser.add_argument("measure", nargs="*", help="(internal) measure GROUP VARIANT ROOT in this process")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help=f"interleaved rounds (default {ROUNDS})")
    parser.add_argument("--events", type=int, default=EVENTS, help=f"corpus size (default {EVENTS:,})")
    parser.add_argument("--work", type=Path, default=Path("build/bench"), help="scratch folder")
    parser.add_argument("--report", type=Path, default=Path("BENCHMARKS.md"), help="the report to update")
    args = parser.parse_args(argv)
    if args.measure:
        _, group, variant, root = args.measure
        print(json.dumps(measure(group, variant, Path(root))))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    bench(args.work, args.report, args.rounds, args.events)
    print(f"wrote the speed-up table into {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
