"""The live preview under a real `mkdocs serve`: an edited, an added and a removed event show on every page that
shows events and in the search index, exactly once; an error keeps the last good preview."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from tools import synth
from tools.livepreview import LivePreview

from .conftest import small_project

WAIT = 120.0
# What the plugin logs when `mkdocs serve` keeps the last good pages.
KEPT = "problem(s) in the inputs: the preview shows the last good version until they are fixed"
# Real-shaped events in a served project: enough for every kind of page (places, actors, phases, the timeline),
# few enough that each rebuild of the preview takes little time.
EVENTS = 40


def _write(file: Path, text: str) -> None:
    """Write an event file as an editor does."""
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")


def _with(text: str, field: str, value: str) -> str:
    """An event file's text with one top-level field's line replaced."""
    return re.sub(rf"^{field}: .*$", f"{field}: {value}", text, count=1, flags=re.M)


@pytest.mark.slow
def test_edit_add_and_remove_under_a_running_preview(tmp_path: Path) -> None:
    """Edit a title, add an event, remove it, break a file: after each the served pages and search index agree."""
    root = tmp_path / "project"
    synth.synth_real(EVENTS, root, seed=2)
    file = next(
        f for f in sorted((root / "events").glob("[0-9]*/*.yaml")) if yaml.safe_load(f.read_text()).get("places")
    )
    event_id, original = file.stem, file.read_text(encoding="utf-8")
    page = f"events/{event_id}/"
    with LivePreview(root, startup=WAIT) as live:
        entries = live.search_index()
        count = len(entries)
        assert Counter(e["location"] for e in entries)[page] == 1
        place_page = f"places/{yaml.safe_load(original)['places'][0]}/"

        # An edited title: the event's page, the timeline, its place's page and one search entry.
        _write(file, _with(original, "title", "Edited in the preview"))
        live.wait(lambda: "Edited in the preview" in live.text(page), WAIT, "the edited page")
        for shown in ("timeline/", place_page):
            live.wait(lambda shown=shown: "Edited in the preview" in live.text(shown), WAIT, shown)
        live.wait(lambda: any(e["title"] == "Edited in the preview" for e in live.search_index()), WAIT, "index")
        entries = live.search_index()
        assert len(entries) == count
        mine = [e for e in entries if e["location"].split("#")[0] == page]
        assert [e["title"] for e in mine] == ["Edited in the preview"]
        # The data files follow once the edits pause.
        live.wait(lambda: "Edited in the preview" in live.text("data/events.json"), WAIT, "the data files")

        # A new event: its page, the timeline and the home page's count, and a search entry.
        new_id = event_id[:10] + "-added-in-the-preview"
        added = file.with_name(f"{new_id}.yaml")
        text = _with(_with(original, "id", new_id), "title", "Added in the preview")
        text = re.sub(r"^related: .*\n", "", text, flags=re.M)
        _write(added, text)
        live.wait(lambda: "Added in the preview" in live.text(f"events/{new_id}/"), WAIT, "the added page")
        live.wait(lambda: "Added in the preview" in live.text("timeline/"), WAIT, "the timeline")
        home = live.text("")
        assert f"**{EVENTS + 1}** events" in home or f"{EVENTS + 1}</strong> events" in home
        live.wait(lambda: len(live.search_index()) == count + 1, WAIT, "the index with the new entry")
        assert [e["title"] for e in live.search_index() if e["location"] == f"events/{new_id}/"] == [
            "Added in the preview"
        ]

        # Removed again: gone from its address, the timeline, the place page and the index.
        added.unlink()
        live.wait(lambda: live.get(f"events/{new_id}/") is None, WAIT, "the removed page gone")
        live.wait(lambda: "Added in the preview" not in live.text("timeline/"), WAIT, "the timeline without it")
        assert "Added in the preview" not in live.text(place_page)
        live.wait(lambda: len(live.search_index()) == count, WAIT, "the index without it")
        assert not [e for e in live.search_index() if "Added in the preview" in e["title"]]

        # An error: reported in the server's log with its line, and the last good page stays.
        _write(file, _with(original, "kind", "not-a-kind"))
        relative = file.relative_to(root).as_posix()
        live.wait(lambda: f"{relative}:" in live.log.read_text(errors="replace"), WAIT, "the error in the log")
        assert "Edited in the preview" in live.text(page)
        _write(file, original)
        title = re.search(r"^title: (.*)$", original, flags=re.M)
        assert title is not None
        live.wait(lambda: "Edited in the preview" not in live.text(page), WAIT, "the fixed page")
        assert len(live.search_index()) == count


def test_the_arabic_preview_updates_in_arabic(tmp_path: Path) -> None:
    """`make serve-ar` (`mkdocs serve -f mkdocs.ar.yml`): an edited Arabic title shows on its page, the timeline
    and in the search index, in Arabic and with its normalized forms; a stylesheet edit rebuilds everything."""
    root = tmp_path / "project"
    synth.synth_real(EVENTS, root, seed=3)
    file = next(
        f for f in sorted((root / "events").glob("[0-9]*/*.yaml")) if "\nar:\n" in f.read_text(encoding="utf-8")
    )
    original = file.read_text(encoding="utf-8")
    page = f"events/{file.stem}/"
    with LivePreview(root, startup=WAIT, args=["-f", "mkdocs.ar.yml"], log=tmp_path / "serve-ar.log") as live:
        assert '<html lang="ar"' in live.text(page)
        count = len(live.search_index())
        edited = re.sub(r"^(ar:\n  title: ).*$", r'\1"عنوان حرّرته المعاينة"', original, count=1, flags=re.M)
        _write(file, edited)
        live.wait(lambda: "عنوان حرّرته المعاينة" in live.text(page), WAIT, "the edited Arabic page")
        live.wait(lambda: "عنوان حرّرته المعاينة" in live.text("timeline/"), WAIT, "the Arabic timeline")
        live.wait(lambda: any(e["title"] == "عنوان حرّرته المعاينة" for e in live.search_index()), WAIT, "the index")
        entries = live.search_index()
        assert len(entries) == count
        mine = [e for e in entries if e["location"].split("#")[0] == page]
        # The entry is the Arabic one, with the normalized forms of its words (the title's "the preview" without its
        # article and with its final letter as search compares it).
        assert [e["title"] for e in mine] == ["عنوان حرّرته المعاينة"]
        assert "tl-search-forms" in mine[0]["text"] and " معاينه" in mine[0]["text"]
        # The Arabic edition takes its stylesheet from content/: an edit there rebuilds the Arabic preview too.
        css = root / "content" / "stylesheets" / "timeline.css"
        css.write_text(css.read_text(encoding="utf-8") + "\n/* edited in the preview */\n", encoding="utf-8")
        live.wait(
            lambda: "edited in the preview" in live.text("stylesheets/timeline.css"), WAIT, "the rebuilt stylesheet"
        )


@pytest.mark.slow
def test_a_broken_file_keeps_the_last_good_pages_under_mkdocs_serve(tmp_path: Path) -> None:
    """What a maintainer sees in the browser: `mkdocs serve` started on a broken event serves the pages the last
    good run left on disk; once fixed it shows the fix; a broken registry (a full rebuild) then keeps this
    session's last good pages. Each time the log names the problem with its line, and the pages stay up."""
    root = small_project(tmp_path / "project")
    assert pipeline.build(root).written is not None  # the last good run's pages, on disk
    event = root / "events" / "2018" / "2018-10-01-isis-retakes-al-susah.yaml"
    page, original = "events/2018-10-01-isis-retakes-al-susah/", event.read_text(encoding="utf-8")
    relative = event.relative_to(root).as_posix()
    _write(event, _with(original, "kind", "not-a-kind"))
    with LivePreview(root, startup=WAIT) as live:
        assert "ISIS retakes al-Susah" in live.text(page)
        log = live.log.read_text(errors="replace")
        assert f"ERROR   -  {relative}:4:7: E013 kind 'not-a-kind' is not allowed" in log, log[-3000:]
        assert KEPT in log

        _write(event, _with(original, "title", "Retaken in the preview"))
        live.wait(lambda: "Retaken in the preview" in live.text(page), WAIT, "the fixed page")

        registry = root / "events" / "registry" / "places.yaml"
        places = registry.read_text(encoding="utf-8")
        _write(registry, places.replace("al-susah:\n", "al-susah:\n  name: [not, a, name]\n", 1))
        live.wait(lambda: live.log.read_text(errors="replace").count(KEPT) == 2, WAIT, "the registry's error")
        log = live.log.read_text(errors="replace")
        line = "events/registry/places.yaml:3:3: E004 duplicate key 'name' (first given on line 2)"
        assert f"ERROR   -  {line}" in log, log[-3000:]
        assert "Retaken in the preview" in live.text(page)
        assert "ISIS retakes al-Susah" not in live.text(page)

        _write(registry, places)
        _write(event, original)
        live.wait(lambda: "ISIS retakes al-Susah" in live.text(page), WAIT, "the page of the fixed project")
