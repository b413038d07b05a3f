"""The benchmark's report: every documented section and target from made-up measurements (nothing is timed here)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from generator import pipeline
from generator.output.write import MARKER
from tools import bench


def fake_size(
    events: int, scale: float, shape: str = "real", *, peak: int = 300 * 2**20, serve: float = 0.5
) -> bench.SizeResult:
    """A SizeResult with round made-up numbers, `scale` times slower than the 1,000-event one."""
    result = bench.SizeResult(events=events, files=events + 3, corpus_bytes=events * 1300, shape=shape)
    result.seconds = {
        "yaml": [0.15 * scale, 0.14 * scale, 0.16 * scale],
        "check": [0.3 * scale, 0.31 * scale, 0.29 * scale],
        "generate": [0.25 * scale, 0.26 * scale, 0.27 * scale],
        "plain": [10.0 * scale, 10.5 * scale, 9.5 * scale],
        "trivial": [5.0 * scale, 5.5 * scale, 4.5 * scale],
        "hugo": [0.5 * scale, 0.5 * scale, 0.5 * scale],
        "build": [11.0 * scale, 11.5 * scale, 10.5 * scale],
        "arabic": [9.0 * scale, 9.5 * scale, 8.5 * scale],
    }
    result.peak_bytes = {
        "build": [peak, peak + 1, peak - 1],
        "plain": [peak - 9, peak - 8, peak - 7],
        "trivial": [peak - 9, peak - 8, peak - 7],
        "check": [peak // 2] * 3,
        "generate": [peak // 2] * 3,
    }
    result.warm_seconds = [0.3, 0.35, 0.32]
    result.edit_seconds = [0.4, 0.5, 0.45]
    result.edit_written = [4, 4, 3]
    result.serve_seconds = [serve, serve * 1.2, serve * 0.9]
    result.serve_dirty_seconds = [serve, serve, serve]
    result.zensical_cold = [30.0 * scale]
    result.zensical_edit = [20.0 * scale]
    result.pages = events + 100
    result.largest_page = ("timeline/hajin-offensive-2018-10/index.html", 200_000)
    result.search_index_bytes = events * 3500
    result.search_index_gzip_bytes = events * 280
    return result


def fake_results(growth: float = 1.0, **big: float) -> bench.Results:
    """A run of both corpora at two sizes, and a growth check whose 10x step costs `growth` times 10x."""
    machine = bench.Machine(2, "Test CPU @ 1 GHz", 24 * 2**30, "3.11.7", "1.6.1", "9.8.2", "Linux 6")
    sizes = [
        fake_size(n, scale, shape, **big)  # type: ignore[arg-type]
        for n, scale in ((1_000, 1.0), (10_000, 9.0))
        for shape in ("synthetic", "real")
    ]
    steps = [
        bench.GrowthStep(1_000, 0.5, 1.0, 100 * 2**20, 120 * 2**20),
        bench.GrowthStep(10_000, 5.0 * growth, 10.0, 300 * 2**20, 400 * 2**20),
        bench.GrowthStep(100_000, 50.0 * growth, 100.0, 900 * 2**20, 1000 * 2**20),
    ]
    return bench.Results(machine, sizes, 3, 0, 600.0, steps, "load average 1.0")


def test_report_has_every_documented_section() -> None:
    """Summary, the issue's table, machine, corpora, times (medians and runs), ratios, growth and the notes."""
    text = bench.render_report(fake_results(), notes="## Profiles\n\nload 40%")
    for heading in (
        "# Benchmarks",
        "## Summary",
        "## The issue's table, before and now",
        "## Machine",
        "## Corpora",
        "## Times",
        "## Ratios",
        "## Growth",
        "## Profiles",
    ):
        assert f"\n{heading}\n" in f"\n{text}", heading
    assert "2 x Test CPU @ 1 GHz" in text and "Python 3.11.7, MkDocs 1.6.1, Material for MkDocs 9.8.2" in text
    assert "- Load while measuring: load average 1.0" in text
    # Medians with every run beside them.
    assert "| libyaml parse (floor) | 0.15 s (0.15, 0.14, 0.16) | 0.15 s (0.15, 0.14, 0.16) | 1.35 s" in text
    assert "| generate / libyaml parse | 1.69x (1.67x, 1.86x, 1.69x) |" in text
    assert "| full build / trivial-page floor | 2.20x (2.20x, 2.09x, 2.33x) |" in text
    # The table: its figures before, the measured ones now, for both corpora.
    assert (
        "| full cold build / trivial-page floor (same theme, search) | 4.87x | 2.20x (2.20x, 2.09x, 2.33x) | 5.80x"
        in text
    )
    assert (
        "| full cold build / Hugo on the same Markdown | 15.6x | 22.00x (22.00x, 23.00x, 21.00x) | 25.4x | 22.00x"
        in text
    )
    assert "| Hugo on the same Markdown, one-line layout (floor) | 0.50 s (0.50, 0.50, 0.50) |" in text
    assert "| Zensical (`timeline build --engine zensical`), real, 10,000 events | 270.00 s (270.00) | 180.00 s" in text
    assert "- 10,000 → 100,000: check grew 1.00x and generate 1.00x the growth of the events" in text
    # The second edition's cost, paired round by round with the English build: (11 + 9) / 11 ...
    assert "| both editions / English edition alone | 1.82x (1.82x, 1.83x, 1.81x) |" in text
    assert text.count("PASS |") + text.count("MISS |") == len(bench.targets(fake_results()))


def test_targets_pass_and_miss_on_their_limits() -> None:
    """Each target reads PASS within its limit and MISS, with what would close it, beyond it."""
    good = {t.name.split(" (")[0]: t for t in bench.targets(fake_results())}
    failing = {name: t.measured for name, t in good.items() if not t.passed}
    # Made-up ratios: build / plain is 1.10x, over the 1.1x limit only by rounding; generate / yaml 1.69x.
    assert set(failing) <= {"cold build / plain MkDocs"}, failing
    bad = bench.targets(fake_results(growth=2.0, peak=600 * 2**20, serve=5.0))
    missed = {t.name.split(" (")[0] for t in bad if not t.passed}
    assert {
        "peak memory, full build",
        "growth of check and generate, each step",
        "live preview: one edit → page and search index served",
    } <= missed
    assert all(t.closing for t in bad if not t.passed)


def test_ratio_targets_pair_the_measurements_of_each_round() -> None:
    """The full-build ratio is the median of build / trivial within each round, not a ratio of unpaired medians."""
    results = fake_results()
    real = next(s for s in results.sizes if s.shape == "real" and s.events == 10_000)
    real.seconds["build"] = [30.0, 200.0, 100.0]
    real.seconds["trivial"] = [90.0, 80.0, 100.0]
    target = next(t for t in bench.targets(results) if t.name.startswith("cold build / trivial"))
    assert target.measured == "1.00x (0.33x, 2.50x, 1.00x)" and target.passed


def test_a_size_without_hugo_says_not_measured() -> None:
    """Where Hugo was not installed, its floor and ratio read "not measured" and the rest of the report stands."""
    results = fake_results()
    for size in results.sizes:
        size.seconds["hugo"] = []
    text = bench.render_report(results)
    assert "| full cold build / Hugo on the same Markdown | 15.6x | not measured | 25.4x | not measured |" in text
    assert "| Hugo on the same Markdown, one-line layout (floor) | not measured | not measured |" in text


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package `hugo`)")
def test_the_hugo_floor_builds_every_page_of_the_same_markdown(tmp_path: Path) -> None:
    """Every Markdown page becomes one HTML page, a folder's index.md included without hiding its siblings, and
    raw HTML in the Markdown passes through as Python-Markdown passes it."""
    docs = tmp_path / "plain-docs"
    (docs / "events").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "events" / "index.md").write_text("# Events\n", encoding="utf-8")
    (docs / "events" / "a.md").write_text('# A\n\n<div class="kept">raw</div>\n', encoding="utf-8")
    (docs / "events" / "b.md").write_text("# B\n", encoding="utf-8")
    bench._prepare_hugo(tmp_path, docs)
    bench._hugo(tmp_path)
    site = tmp_path / "hugo-site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert pages == ["events/a/index.html", "events/b/index.html", "events/index.html", "index.html"]
    assert '<div class="kept">raw</div>' in (site / "events" / "a" / "index.html").read_text(encoding="utf-8")


def test_growth_factors_compare_each_step_with_the_events() -> None:
    """A step ten times the events that takes twenty times as long grew 2x too fast."""
    steps = [bench.GrowthStep(1_000, 1.0, 1.0, 0, 0), bench.GrowthStep(10_000, 20.0, 10.0, 0, 0)]
    assert bench.growth_factors(steps) == [(1_000, 10_000, 2.0, 1.0)]


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
    """The in-process measurements run on a small project, do the whole of their work and say how long it took
    (no bound on the time: only that one was measured)."""
    out = project / "build" / "out"
    result = bench.measure_in_process(kind, project, out)
    assert isinstance(result["seconds"], float) and result["seconds"] > 0
    done = {key: value for key, value in result.items() if key != "seconds"}
    if kind == "yaml":
        assert done == {"files": len(list((project / "events").rglob("*.yaml")))}
    elif kind == "check":
        assert done == {"problems": len(pipeline.check(project).problems)}
    else:
        files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != MARKER)
        assert done == {"written": len(files), "pages": len(files)}


def test_a_stopped_run_resumes_with_the_corpora_it_finished(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--resume` measures only the corpora a stopped run had not finished, and only with the same settings."""
    measured: list[tuple[str, int]] = []
    stop_at: list[tuple[str, int]] = [("real", 10_000)]

    def bench_size(events: int, work: Path, rounds: int, seed: int, shape: str, **_: object) -> bench.SizeResult:
        if (shape, events) in stop_at:
            raise KeyboardInterrupt
        measured.append((shape, events))
        return fake_size(events, events / 1000, shape)

    monkeypatch.setattr(bench, "bench_size", bench_size)
    monkeypatch.setattr(bench, "growth", lambda *_, **__: [])
    monkeypatch.setattr(bench.signal, "signal", lambda *_: None)
    report = tmp_path / "BENCHMARKS.md"
    args = ["--work", str(tmp_path / "work"), "--report", str(report), "--growth", "", "--resume"]
    with pytest.raises(KeyboardInterrupt):
        bench.main(args)
    assert measured == [("synthetic", 1_000), ("real", 1_000), ("synthetic", 10_000)]

    stop_at.clear()
    measured.clear()
    assert bench.main(args) == 0
    assert measured == [("real", 10_000)]
    text = report.read_text(encoding="utf-8")
    assert "| Corpus | Events |" in text
    rows = [line.split(" | ")[:2] for line in text.splitlines() if line.startswith(("| synthetic | ", "| real | "))]
    assert rows == [
        ["| synthetic", "1,000"],
        ["| real", "1,000"],
        ["| synthetic", "10,000"],
        ["| real", "10,000"],
    ]
    assert "minutes, in 2 sittings (`--resume`" in text

    measured.clear()
    assert bench.main([*args, "--seed", "1"]) == 0  # other settings: nothing is kept
    assert len(measured) == 4
    measured.clear()
    assert bench.main(args[:-1]) == 0  # without --resume every corpus is measured again
    assert len(measured) == 4


def test_a_childs_peak_memory_is_its_own_not_the_benchmarks(tmp_path: Path) -> None:
    """A small child reports its own peak even when the benchmark holds far more; a large one reports its size."""
    held = bytearray(300 * 2**20)
    held[::4096] = b"\x01" * len(held[::4096])  # touch every page: it is resident
    small = bench._run([sys.executable, "-c", "pass"], tmp_path)[1]
    allocate = "b = bytearray(200 * 2**20); b[::4096] = b'\\x01' * len(b[::4096])"
    large = bench._run([sys.executable, "-c", allocate], tmp_path)[1]
    assert len(held) and small < 100 * 2**20 < 200 * 2**20 < large < 300 * 2**20
    with pytest.raises(RuntimeError, match="failed"):
        bench._run([sys.executable, "-c", "raise SystemExit(3)"], tmp_path)
