"""The benchmark's report: every documented section and target from made-up measurements (nothing is timed here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import bench


def fake_size(events: int, scale: float, *, page: int = 200_000, peak: int = 300 * 2**20) -> bench.SizeResult:
    """A SizeResult with round made-up numbers, `scale` times slower than the 1,000-event one."""
    result = bench.SizeResult(events=events, files=events + 3, corpus_bytes=events * 1300)
    result.seconds = {
        "yaml": [0.15 * scale, 0.14 * scale, 0.16 * scale],
        "check": [0.3 * scale, 0.31 * scale, 0.29 * scale],
        "generate": [0.25 * scale, 0.26 * scale, 0.27 * scale],
        "plain": [10.0 * scale, 10.5 * scale, 9.5 * scale],
        "build": [11.0 * scale, 11.5 * scale, 10.5 * scale],
        "arabic": [9.0 * scale, 9.5 * scale, 8.5 * scale],
    }
    result.peak_bytes = {"build": [peak, peak + 1, peak - 1], "plain": [peak - 9, peak - 8, peak - 7]}
    result.warm_seconds = [0.3, 0.35, 0.32]
    result.edit_seconds = [0.4, 0.5, 0.45]
    result.edit_written = [4, 4, 3]
    result.pages = events + 100
    result.largest_page = ("timeline/hajin-offensive-2018-10/index.html", page)
    result.search_index_bytes = events * 3500
    result.search_index_gzip_bytes = events * 280
    return result


def fake_results(**big: int) -> bench.Results:
    """A two-size run."""
    machine = bench.Machine(2, "Test CPU @ 1 GHz", 24 * 2**30, "3.11.7", "1.6.1", "9.8.2", "Linux 6")
    return bench.Results(machine, [fake_size(1_000, 1.0), fake_size(10_000, 9.0, **big)], 3, 0, 600.0)


def test_report_has_every_documented_section() -> None:
    """Summary, machine, corpora, times (medians and runs), ratios and the kept notes."""
    text = bench.render_report(fake_results(), notes="## Profiles\n\nload 40%")
    for heading in ("# Benchmarks", "## Summary", "## Machine", "## Corpora", "## Times", "## Ratios", "## Profiles"):
        assert f"\n{heading}\n" in f"\n{text}", heading
    assert "2 x Test CPU @ 1 GHz" in text and "Python 3.11.7, MkDocs 1.6.1, Material for MkDocs 9.8.2" in text
    # Medians with every run beside them.
    assert "| libyaml parse (floor) | 0.15 s (0.15, 0.14, 0.16) | 1.35 s (1.35, 1.26, 1.44) |" in text
    assert "| generate / libyaml parse | 1.69x (1.67x, 1.86x, 1.69x) | 1.69x (1.67x, 1.86x, 1.69x) |" in text
    assert "| full build / plain MkDocs | 1.10x (1.10x, 1.10x, 1.11x) |" in text
    assert "| files rewritten by that `generate` | 4, 4, 3 | 4, 4, 3 |" in text
    # The second edition's cost, paired round by round with the English build: (11 + 9) / 11 ...
    assert "| both editions / English edition alone | 1.82x (1.82x, 1.83x, 1.81x) |" in text
    assert text.count("PASS") + text.count("MISS") == len(bench.targets(fake_results()))


def test_targets_pass_and_miss_on_their_limits() -> None:
    """Each target reads PASS within its limit and MISS beyond it."""
    good = {t.name.split(" (")[0]: t.passed for t in bench.targets(fake_results())}
    assert all(good.values()), good
    bad = bench.targets(fake_results(page=600 * 1024, peak=600 * 2**20))
    missed = {t.name.split(" (")[0] for t in bad if not t.passed}
    assert missed == {"largest HTML page", "peak memory of the full build"}


def test_ratio_targets_pair_the_measurements_of_each_round() -> None:
    """The full-build ratio is the median of build / plain within each round, not a ratio of unpaired medians."""
    results = fake_results()
    results.sizes[1].seconds["build"] = [30.0, 200.0, 100.0]
    results.sizes[1].seconds["plain"] = [90.0, 80.0, 100.0]
    target = next(t for t in bench.targets(results) if t.name.startswith("full build ≤"))
    assert target.measured == "1.00x (rounds: 0.33x, 2.50x, 1.00x)" and target.passed


def test_notes_survive_a_rewrite(tmp_path: Path) -> None:
    """The hand-written notes between the markers are kept when the report is written again."""
    report = tmp_path / "BENCHMARKS.md"
    report.write_text(bench.render_report(fake_results(), notes="## Profiles\n\nhot spot: load 40%\n"))
    bench.write_report(fake_results(), report)
    text = report.read_text()
    assert "hot spot: load 40%" in text and text.count(bench.NOTES_BEGIN) == 1
    assert bench.kept_notes("no markers here") == ""


@pytest.mark.parametrize("kind", ["yaml", "check", "generate"])
def test_child_measurements_report_seconds(kind: str, project: Path) -> None:
    """The in-process measurements run on a small project and say how long they took (no assertion on time)."""
    result = bench.measure_in_process(kind, project, project / "build" / "out")
    assert result["seconds"] >= 0
