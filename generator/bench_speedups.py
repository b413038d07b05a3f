"""Speed-ups earn their place (issue 13): each one measured at 10,000 real-shaped events against the code without
it and against the well-kept library that does the same job, side by side in interleaved rounds.

Every measurement runs in a fresh Python process (imports and the untimed set-up, such as loading the corpus,
before the clock starts), so no run inherits another's warm caches; each round runs every variant of every group
once, in the same order, and the report gives medians and the ratio of each pair within a round.

Groups and variants:
- `schema`: the schema check of every file of a loaded tree: jsonschema alone; the hand-written pre-check
  (fastschema) before jsonschema; jsonschema-rs as the pre-check (with the project's integer and pattern
  semantics); jsonschema-rs with its own regex engine (for reference only: its `\\s` differs from Python's);
- `json`: the data exports and citation files from a built catalog, written by json.dumps(indent=2), by the
  hand-written jsonfmt and by orjson; every variant's bytes are compared with json.dumps';
- `cache`: `pipeline.check` without the build cache, with a cold one (it is written) and with a warm one;
- `fork`: `pipeline.build` serial, with the forked helper as it is (a quarter of the event pages and the exports),
  and with a helper that does only the exports (render_site called once, as the stages define it);
- `cli`: `timeline --help` as a whole process, argparse against click.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GROUPS: dict[str, tuple[str, ...]] = {
    "schema": ("jsonschema", "fastschema", "jsonschema-rs", "jsonschema-rs-native"),
    "json": ("stdlib", "jsonfmt", "orjson"),
    "cache": ("off", "cold", "warm"),
    "fork": ("serial", "fork", "fork-exports"),
    "cli": ("argparse", "click"),
}
EVENTS = 10_000
ROUNDS = 5


# --- the variants, in the child ------------------------------------------------------------------------------


def _rs_gate(schema: dict[str, Any], native: bool) -> Callable[[Any], bool]:
    """A yes/no schema check by jsonschema-rs; `native` leaves its patterns and integers to it."""
    import copy

    import jsonschema_rs

    from .schema import compile_pattern

    class WholeNumber:
        """`type: integer` as the project reads it: 5.0 is not a count."""

        def __init__(self, parent: Any, value: Any, path: Any) -> None:
            pass

        def validate(self, instance: Any) -> None:
            if type(instance) is float:
                raise ValueError("a float where an integer is due")

    class Pattern:
        """`pattern` by Python's re, as jsonschema reads it (compile_pattern's `$`)."""

        def __init__(self, parent: Any, value: Any, path: Any) -> None:
            self.search, self.limit = compile_pattern(value).search, parent.get("maxLength")

        def validate(self, instance: Any) -> None:
            fits = type(instance) is str and (self.limit is None or len(instance) <= self.limit)
            if fits and self.search(instance) is None:
                raise ValueError("no match")

    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            out = {key: rewrite(value) for key, value in node.items() if key != "pattern"}
            if "pattern" in node:
                out["x-pattern"] = node["pattern"]
            if node.get("type") == "integer":
                out["x-whole"] = True
            return out
        if isinstance(node, list):
            return [rewrite(item) for item in node]
        return node

    if native:
        validator = jsonschema_rs.Draft202012Validator(schema, pattern_options=jsonschema_rs.RegexOptions())
    else:
        validator = jsonschema_rs.Draft202012Validator(
            rewrite(copy.deepcopy(schema)), keywords={"x-pattern": Pattern, "x-whole": WholeNumber}
        )

    def check(data: Any) -> bool:
        try:
            return bool(validator.is_valid(data))
        except (ValueError, TypeError, OverflowError):
            return False

    return check


def _use_schema(variant: str) -> None:
    """Make validate.schema_problems use this variant's pre-check (None: jsonschema alone)."""
    from . import validate

    validators = [validate._EVENT_VALIDATOR, *validate._REGISTRY_VALIDATORS.values()]
    for validator in validators:
        if variant == "jsonschema":
            validate._FAST_CHECKS[id(validator)] = None
        elif variant.startswith("jsonschema-rs"):
            validate._FAST_CHECKS[id(validator)] = _rs_gate(validator.schema, native=variant.endswith("native"))
        else:
            from .fastschema import compile_schema

            validate._FAST_CHECKS[id(validator)] = compile_schema(validator.schema)


def _digest(values: Sequence[Any]) -> str:
    """A short digest of a sequence of results, to show that the variants agree."""
    return hashlib.sha256(repr(list(values)).encode()).hexdigest()[:12]


def _orjson_dumps(value: Any) -> str:
    """The exports' JSON by orjson (a Stream is written as its list)."""
    import orjson

    from .jsonfmt import Stream

    def default(item: Any) -> Any:
        if isinstance(item, Stream):
            return item.materialize()
        raise TypeError(type(item).__name__)

    return orjson.dumps(value, default=default, option=orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATACLASS).decode()


def _stdlib_dumps(value: Any) -> str:
    """The exports' JSON by json.dumps (a Stream is written as its list)."""
    from .jsonfmt import Stream

    return json.dumps(
        value, ensure_ascii=False, indent=2, default=lambda o: o.materialize() if isinstance(o, Stream) else str(o)
    )


def _build_exports_beside(root: Path, out: Path) -> int:
    """pipeline.build with a helper that makes only the exports, while this process renders every page at once."""
    from . import fielddocs, pipeline, schema, sitelinks
    from .citations import citation_files
    from .exports import data_files
    from .history import last_updated
    from .parallel import Beside, can_fork
    from .render import render_site, templates_for
    from .write import write_tree

    checked = pipeline.check(root, cache=False)
    catalog = checked.catalog
    assert catalog is not None
    updated, templates, links = last_updated(root), templates_for(root), sitelinks.read(root)
    contributing = fielddocs.read_contributing(root)
    helper = Beside(
        lambda: {**data_files(catalog), **citation_files(catalog.events, links.site_url)},
        fork=can_fork(len(catalog.events)),
    )
    rendered = render_site(catalog, templates, updated=updated, links=links, contributing=contributing)
    pages = {**rendered, **helper.result(), **schema.site_files()}
    write_tree(out, pages)
    return len(pages)


def _clock() -> tuple[float, float]:
    """Wall time, and CPU seconds of this process and the children it waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter(), time.process_time() + children.ru_utime + children.ru_stime


def _since(start: tuple[float, float], **facts: Any) -> dict[str, Any]:
    """The wall and CPU seconds since `start`, with facts about the result."""
    wall, cpu = _clock()
    return {"seconds": wall - start[0], "cpu": cpu - start[1], **facts}


def measure(group: str, variant: str, root: Path, out: Path | None) -> dict[str, Any]:
    """One measurement in this process: set up untimed, then time the variant's work."""
    from . import pipeline

    if group == "schema":
        from . import load, validate

        tree, _ = load.load_tree(root)
        docs = [(doc, validate._EVENT_VALIDATOR) for doc in tree.events]
        docs += [
            (doc, validate._REGISTRY_VALIDATORS[name])
            for name in load.REGISTRIES
            if (doc := getattr(tree, name)) is not None
        ]
        start = _clock()
        _use_schema(variant)
        found = [p for doc, validator in docs for p in validate.schema_problems(doc, validator)]
        return _since(start, digest=_digest(found), files=len(docs))
    if group == "json":
        from . import citations, exports, jsonfmt, sitelinks

        catalog = pipeline.check(root, cache=False).catalog
        assert catalog is not None
        site_url = sitelinks.read(root).site_url
        dumps = {"jsonfmt": jsonfmt.dumps_indented, "stdlib": _stdlib_dumps, "orjson": _orjson_dumps}[variant]
        setattr(exports, "dumps_indented", dumps)  # noqa: B010 - both modules look the writer up when they run
        setattr(citations, "dumps_indented", dumps)  # noqa: B010
        start = _clock()
        files = {**exports.data_files(catalog), **citations.citation_files(catalog.events, site_url)}
        result = _since(start, files=len(files))
        json_files = sorted(name for name in files if name.endswith((".json", ".geojson")))
        return {**result, "digest": _digest([files[name] for name in json_files])}
    if group == "cache":
        start = _clock()
        checked = pipeline.check(root, cache=variant != "off")
        return _since(start, digest=_digest(checked.problems))
    if group == "fork":
        assert out is not None
        shutil.rmtree(out, ignore_errors=True)
        if variant == "fork-exports":
            start = _clock()
            pages = _build_exports_beside(root, out)
            return {**_since(start, pages=pages), "digest": _tree_digest(out)}
        if variant == "serial":
            setattr(pipeline, "can_fork", lambda events: False)  # noqa: B010
        start = _clock()
        built = pipeline.build(root, out, cache=False)
        return {**_since(start, pages=len(built.pages)), "digest": _tree_digest(out)}
    raise ValueError(group)


def _tree_digest(folder: Path) -> str:
    """A digest of every file's path and bytes under a folder."""
    hasher = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        hasher.update(file.relative_to(folder).as_posix().encode() + b"\0" + file.read_bytes())
    return hasher.hexdigest()[:12]


# --- the rounds, in the parent -------------------------------------------------------------------------------


@dataclass
class GroupResult:
    """Every run of every variant of one group, in round order."""

    group: str
    seconds: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)
    peaks: dict[str, list[int]] = field(default_factory=dict)
    digests: dict[str, set[str]] = field(default_factory=dict)

    def median(self, variant: str) -> float:
        """The median time of a variant."""
        return statistics.median(self.seconds[variant])

    def ratio(self, a: str, b: str) -> tuple[float, list[float]]:
        """a / b: the median of each round's ratio, and every round's."""
        each = [x / y for x, y in zip(self.seconds[a], self.seconds[b], strict=True) if y > 0]
        return statistics.median(each), each


def _run(command: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Run a command: wall time, CPU seconds, peak resident memory in bytes, output. Raises when it fails."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    output = process.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output[-4000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, output


def _child(group: str, variant: str, root: Path, work: Path) -> tuple[float, float, int, str]:
    """One measurement in a fresh interpreter: wall and CPU seconds, peak memory, digest of its results."""
    if group == "cli":
        script = work / f"cli-{variant}.py"
        seconds, cpu, peak, output = _run([sys.executable, str(script), "--help"], root)
        return seconds, cpu, peak, hashlib.sha256(output.encode()).hexdigest()[:12]
    if group == "cache" and variant != "warm":
        shutil.rmtree(root / "build" / "cache", ignore_errors=True)
    command = [sys.executable, "-m", "generator.bench_speedups", "measure", group, variant, str(root)]
    command += ["--out", str(work / "out")]
    _, _, peak, output = _run(command, root)
    result = json.loads(output.strip().splitlines()[-1])
    return float(result["seconds"]), float(result["cpu"]), peak, str(result["digest"])


def run(root: Path, work: Path, rounds: int, groups: Sequence[str], log: Callable[[str], None]) -> list[GroupResult]:
    """Every variant of every group, `rounds` times, interleaved."""
    results = [GroupResult(group) for group in groups]
    for number in range(1, rounds + 1):
        for result in results:
            for variant in GROUPS[result.group]:
                seconds, cpu, peak, digest = _child(result.group, variant, root, work)
                result.seconds.setdefault(variant, []).append(seconds)
                result.cpu.setdefault(variant, []).append(cpu)
                result.peaks.setdefault(variant, []).append(peak)
                result.digests.setdefault(variant, set()).add(digest)
                log(
                    f"round {number}: {result.group} {variant}: {seconds:.3f} s, CPU {cpu:.3f} s, "
                    f"{peak / 2**20:.0f} MiB, {digest}"
                )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m generator.bench_speedups ROOT` (the rounds) or `... measure GROUP VARIANT ROOT` (one child)."""
    parser = argparse.ArgumentParser(prog="python -m generator.bench_speedups", description=__doc__.splitlines()[0])
    parser.add_argument("args", nargs="+")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--groups", default=",".join(GROUPS))
    parser.add_argument("--work", type=Path, default=Path("build/bench-speedups"))
    args = parser.parse_args(argv)
    if args.args[0] == "measure":
        group, variant, root = args.args[1:4]
        print(json.dumps(measure(group, variant, Path(root), args.out)))
        return 0
    root = Path(args.args[0]).resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    results = run(root, args.work.resolve(), args.rounds, args.groups.split(","), lambda line: print(line, flush=True))
    for result in results:
        print(f"## {result.group}")
        for variant in GROUPS[result.group]:
            runs = ", ".join(f"{s:.3f}" for s in result.seconds[variant])
            cpu = ", ".join(f"{s:.3f}" for s in result.cpu[variant])
            peak = statistics.median(result.peaks[variant]) / 2**20
            print(
                f"{variant}: wall median {result.median(variant):.3f} s ({runs}); CPU median "
                f"{statistics.median(result.cpu[variant]):.3f} s ({cpu}); peak {peak:.0f} MiB; "
                f"digests {sorted(result.digests[variant])}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
