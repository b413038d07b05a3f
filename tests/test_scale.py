"""Pages stay small however many events there are: with the limits scaled down, 200 events behave as 10,000 do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import pipeline
from generator.model.catalog import Catalog
from generator.output import render
from tools import synth


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The catalog of a 200-event synthetic project."""
    out = tmp_path_factory.mktemp("scale") / "corpus"
    synth.synth(200, out, seed=3)
    checked = pipeline.check(out)
    assert checked.catalog is not None
    return checked.catalog


def test_long_lists_become_a_month_index(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over the limit, a place, actor or phase page counts its events by month and links the filtered timeline."""
    monkeypatch.setattr(render, "LIST_LIMIT", 10)
    pages = render.render_site(catalog, page_limit=40)
    sdf = pages["actors/sdf.md"]
    count = len(catalog.by_actor["sdf"])
    assert count > 10 and f"{count} events, too many for one page" in sdf
    assert "](../events/" not in sdf  # no event is listed one by one
    rows = re.findall(r"^\| ([^|]+?) \| (\d+) \| (.+) \|$", sdf, re.M)
    assert sum(int(n) for _, n, _ in rows) == count
    timeline = {path for path in pages if path.startswith("timeline/")}
    for _, _, links in rows:
        for href in re.findall(r'href="([^"]+)"', links):
            target, _, query = href.partition("?")
            assert query == "actor=sdf"
            assert target.startswith("../../timeline/")
            assert f"timeline/{target.removeprefix('../../timeline/').rstrip('/')}.md" in timeline
    # Under the limit the list stays as it was.
    small = min(catalog.places, key=lambda p: len(catalog.by_place[p]) or 10**9)
    assert len(catalog.by_place[small]) <= 10 and "too many for one page" not in pages[f"places/{small}.md"]


def test_no_generated_page_grows_with_the_data(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the limits at a tenth of 200 events, no page holds more than its limit of events."""
    monkeypatch.setattr(render, "LIST_LIMIT", 20)
    pages = render.render_site(catalog, page_limit=20)
    for path, text in pages.items():
        entries = text.count('<li class="tl-entry"') + len(re.findall(r"^- \*\*.+\]\(", text, re.M))
        assert entries <= 20, path
    assert len([p for p in pages if p.startswith("timeline/")]) > 200 // 20


def test_the_list_limit_keeps_the_real_site_as_it_is() -> None:
    """The real project (51 events) is far from the limit: every page still lists its events."""
    checked = pipeline.check(Path(synth.PROJECT_ROOT))
    assert checked.catalog is not None
    assert max(len(v) for v in checked.catalog.by_actor.values()) <= render.LIST_LIMIT


def _check_seconds(root: Path) -> float:
    """CPU seconds of a cold `check` (the least of two runs)."""
    import time

    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        pipeline.check(root)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.slow
def test_check_grows_linearly_on_real_shaped_data(tmp_path: Path) -> None:
    """A growth check, not a time limit: eight times the real-shaped events (crowded with possible duplicates)
    cost well under the 64x a check comparing every pair would."""
    small, big = tmp_path / "small", tmp_path / "big"
    synth.synth_real(250, small, seed=1)
    synth.synth_real(2000, big, seed=1)
    ratio = _check_seconds(big) / _check_seconds(small)
    assert ratio < 8 * 2, ratio
