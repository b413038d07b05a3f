"""The speed-up benchmark: its variants give the same results, and its table replaces only its own section."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools import bench_speedups


@pytest.mark.parametrize("group", sorted(bench_speedups.GROUPS))
def test_every_variant_gives_the_same_result(group: str, project: Path) -> None:
    """Each variant of a group finds the same problems or writes the same bytes (no assertion on time); the schema
    variants also on a file with problems (the JSON ones need a project that builds)."""
    if group == "schema":
        broken = project / "events" / "2018" / "2018-10-01-isis-retakes-al-susah.yaml"
        broken.write_text('id: 2018-10-01-isis-retakes-al-susah\ntitle: "\\x1c"\nsources: 5.0\n', encoding="utf-8")
    found = [bench_speedups.measure(group, variant, project) for variant in bench_speedups.GROUPS[group]]
    assert len({result["digest"] for result in found}) == 1
    assert all(result["seconds"] >= 0 and result["cpu"] >= 0 for result in found)


def test_a_child_measures_from_the_corpus_folder(project: Path) -> None:
    """`make bench` runs each measurement in a fresh interpreter inside the corpus, where tools/ is not importable."""
    found = bench_speedups._child("json", "stdlib", project)
    assert found["seconds"] >= 0 and found["digest"] == bench_speedups.measure("json", "stdlib", project)["digest"]


def test_the_table_replaces_only_its_section() -> None:
    """Made-up rounds: medians, ratios per round, and the rest of the report kept around the markers."""
    results = [bench_speedups.GroupResult("schema"), bench_speedups.GroupResult("json")]
    for result, base in zip(results, (4.0, 2.0), strict=True):
        for index, variant in enumerate(bench_speedups.GROUPS[result.group]):
            result.seconds[variant] = [base / (index + 1), base / (index + 1) * 1.1, base / (index + 1) * 0.9]
            result.cpu[variant] = [base / (index + 2)] * 3
            result.digests[variant] = {"same"}
    table = bench_speedups.render(results, 10_000, 3, "2 CPUs")
    assert "| schema | jsonschema | 4.000 s (4.000, 4.400, 3.600) |" in table
    assert "| json: orjson / stdlib | 0.500x (0.500, 0.500, 0.500) | 0.667x (0.667, 0.667, 0.667) |" in table
    report = f"# Benchmarks\n\nbefore\n{bench_speedups.BEGIN}\nold\n{bench_speedups.END}\nafter\n"
    replaced = bench_speedups.replace_section(report, table)
    assert replaced.startswith("# Benchmarks\n\nbefore\n") and replaced.endswith("\nafter\n")
    assert "old" not in replaced and replaced.count(bench_speedups.BEGIN) == 1
    assert bench_speedups.replace_section("# Benchmarks\n", table).endswith(table + "\n")
