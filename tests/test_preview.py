"""The live preview's incremental updates give exactly the pages a full run gives, after every kind of edit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import pipeline
from generator.engines import preview
from generator.output.render import render_site
from generator.output.urls import CIVILIAN_HARM_PAGE
from tools import synth


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real-shaped project big enough for a timeline cut into pages (over 300 events)."""
    root = tmp_path_factory.mktemp("preview") / "project"
    synth.synth_real(420, root, seed=5)
    return root


def _full_pages(root: Path, options: pipeline.RenderOptions) -> dict[str, str]:
    """The Markdown pages a full run renders from the files as they are now."""
    checked = pipeline.check(root)
    assert checked.catalog is not None, checked.problems[:3]
    return render_site(
        checked.catalog,
        options.templates,
        updated=options.updated,
        links=options.links,
        contributing=options.contributing,
        engine=options.engine,
    )


def _event_file(root: Path, fragment: str) -> Path:
    """The first event file whose name contains `fragment`."""
    return next(p for p in sorted((root / "events").glob("[0-9]*/*.yaml")) if fragment in p.name)


def _touch(file: Path, text: str) -> None:
    """Write a file so that its stamp surely changes."""
    file.write_text(text, encoding="utf-8")
    stat = file.stat()
    import os

    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


@pytest.mark.slow
def test_every_edit_gives_the_full_runs_pages(project: Path) -> None:
    """Edit a title, move a date to another month, add an event, remove one, break a file and fix it: after each
    good update the preview's pages are the full run's, byte for byte, and only pages that differ are handed on."""
    before = preview.stamps(project)
    built = pipeline.build(project)
    assert built.options is not None
    session = preview.start(project, built, before)
    assert session is not None
    assert session.update() is not None and not session.update().pages  # type: ignore[union-attr]

    def check_same(update: preview.Update | None) -> preview.Update:
        assert update is not None and update.ok, update and update.problems[:3]
        assert session is not None and built.options is not None
        assert session.pages == _full_pages(project, built.options)
        return update

    # A new title: its page, its neighbours' and the pages listing it change; far-away events' pages do not.
    file = _event_file(project, "-k1")
    text = file.read_text(encoding="utf-8")
    _touch(file, re.sub(r"^title: .*$", "title: A title no other event has", text, count=1, flags=re.M))
    update = check_same(session.update())
    edited_id = file.stem
    assert f"events/{edited_id}.md" in update.pages
    assert any(p.startswith("timeline/") for p in update.pages)
    assert len(update.pages) < 40
    assert [e.title for e in update.events if e.id == edited_id] == ["A title no other event has"]

    # An event on the civilian-harm page changes that page; an event on none of its lists leaves it as it was.
    events = sorted((project / "events").glob("[0-9]*/*.yaml"))
    harmed = next(p for p in events if re.search(r"^kind: civilian-harm$", p.read_text(encoding="utf-8"), re.M))
    text = harmed.read_text(encoding="utf-8")
    _touch(harmed, re.sub(r"^title: .*$", "title: A harm title no other event has", text, count=1, flags=re.M))
    update = check_same(session.update())
    assert CIVILIAN_HARM_PAGE in update.pages and "A harm title no other event has" in session.pages[CIVILIAN_HARM_PAGE]
    unharmed = next(p for p in events if "civilian" not in p.read_text(encoding="utf-8") and p != file)
    text = unharmed.read_text(encoding="utf-8")
    _touch(unharmed, re.sub(r"^title: .*$", "title: A quiet title no other event has", text, count=1, flags=re.M))
    update = check_same(session.update())
    assert f"events/{unharmed.stem}.md" in update.pages and CIVILIAN_HARM_PAGE not in update.pages

    # A date in another month: the event moves on the timeline (its id stays; the id's date is checked too).
    other = _event_file(project, "-k0")
    text = other.read_text(encoding="utf-8")
    data_date = re.search(r"^date: (.*)$", text, flags=re.M)
    assert data_date is not None
    day = other.stem[:10]
    year, month = int(day[:4]), int(day[5:7])
    moved_day = f"{year + (month == 12):04d}-{month % 12 + 1:02d}-01"
    moved_id = moved_day + other.stem[10:]
    moved = other.with_name(f"{moved_id}.yaml")
    other.unlink()
    moved_text = re.sub(r"^id: .*$", f"id: {moved_id}", text, count=1, flags=re.M)
    moved_text = re.sub(r"^date: .*$", f'date: "{moved_day}"', moved_text, count=1, flags=re.M)
    moved_text = re.sub(r"^related: .*\n", "", moved_text, flags=re.M)
    (project / "events" / moved_day[:4]).mkdir(exist_ok=True)
    moved = project / "events" / moved_day[:4] / f"{moved_id}.yaml"
    # Events that listed the old id now list none.
    for path in sorted((project / "events").glob("[0-9]*/*.yaml")):
        body = path.read_text(encoding="utf-8")
        if other.stem in body:
            _touch(path, re.sub(r"^related: .*\n", "", body, flags=re.M))
    _touch(moved, moved_text)
    update = check_same(session.update())
    assert f"events/{other.stem}.md" in update.removed and f"events/{moved_id}.md" in update.pages

    # A file with an error: the last good pages stay, and the error is reported with its line.
    good = session.pages.copy()
    _touch(moved, moved_text.replace("kind: ", "kind: not-a-kind-", 1))
    broken = session.update()
    assert broken is not None and not broken.ok
    assert any(p.path == moved.relative_to(project).as_posix() for p in broken.problems)
    assert session.pages == good
    # Fixed again: the preview catches up with everything edited meanwhile.
    _touch(moved, moved_text.replace("title: ", "title: Fixed, ", 1))
    update = check_same(session.update())
    assert f"events/{moved_id}.md" in update.pages

    # A removed event disappears from every page; an unrelated copy of it is added under a new id.
    gone = moved
    gone.unlink()
    update = check_same(session.update())
    assert f"events/{moved_id}.md" in update.removed and moved_id in update.removed_events
    assert not any(moved_id in text for text in session.pages.values())
    added_id = moved_id.replace("-k0", "-added")
    _touch(gone.with_name(f"{added_id}.yaml"), moved_text.replace(moved_id, added_id))
    update = check_same(session.update())
    assert f"events/{added_id}.md" in update.pages


def test_a_registry_edit_asks_for_a_full_run(project: Path) -> None:
    """Places, actors and phases appear on every page: the session does not try, it says so."""
    before = preview.stamps(project)
    built = pipeline.build(project)
    session = preview.start(project, built, before)
    assert session is not None
    places = project / "events" / "registry" / "places.yaml"
    _touch(places, places.read_text(encoding="utf-8"))
    assert session.update() is None


def test_an_update_refuses_two_pages_at_one_address(project: Path) -> None:
    """An event whose page would land where another page is (E065) stops the update; the last good pages stay."""
    before = preview.stamps(project)
    built = pipeline.build(project)
    session = preview.start(project, built, before)
    assert session is not None
    good = dict(session.pages)
    clash = project / "content" / "events"
    clash.mkdir(parents=True, exist_ok=True)
    source = next(p for p in sorted((project / "events").glob("[0-9]*/*.yaml")))
    (clash / f"{source.stem}.md").write_text("# A hand-written page at an event's address\n", encoding="utf-8")
    try:
        _touch(source, source.read_text(encoding="utf-8"))
        update = session.update()
        assert update is not None and not update.ok
        assert [p.code for p in update.problems if p.code.startswith("E")] == ["E065"]
        assert session.pages == good
    finally:
        (clash / f"{source.stem}.md").unlink()


def test_the_arabic_editions_preview_renders_in_arabic(project: Path) -> None:
    """`make serve-ar`'s session: after an edit to an event's Arabic title (and one removing its Arabic text), the
    preview's pages are the full Arabic run's, byte for byte, and the edited title shows in Arabic."""
    before = preview.stamps(project)
    built = pipeline.build(project, project / pipeline.generated_dir("ar"), lang="ar")
    assert built.options is not None and built.options.edition.arabic
    session = preview.start(project, built, before)
    assert session is not None

    def arabic_pages() -> dict[str, str]:
        """The Arabic pages a full run renders from the files as they are now."""
        assert built.options is not None
        checked = pipeline.check(project)
        assert checked.catalog is not None
        return render_site(
            checked.catalog,
            built.options.templates,
            updated=built.options.updated,
            links=built.options.links,
            contributing=built.options.contributing,
            engine=built.options.engine,
            edition=built.options.edition,
        )

    file = next(
        p for p in sorted((project / "events").glob("[0-9]*/*.yaml")) if "\nar:\n" in p.read_text(encoding="utf-8")
    )
    text = file.read_text(encoding="utf-8")
    edited = re.sub(r"^(ar:\n  title: ).*$", r'\1"عنوان لا يحمله حدث آخر"', text, count=1, flags=re.M)
    assert edited != text
    _touch(file, edited)
    update = session.update()
    assert update is not None and update.ok, update and update.problems[:3]
    assert f"events/{file.stem}.md" in update.pages
    assert "# عنوان لا يحمله حدث آخر" in update.pages[f"events/{file.stem}.md"]
    assert session.pages == arabic_pages()
    # Without its Arabic text the page shows the English, marked as English, with the note saying so.
    _touch(file, text[: text.index("\nar:\n") + 1])
    update = session.update()
    assert update is not None and update.ok
    page = update.pages[f"events/{file.stem}.md"]
    assert "tl-untranslated" in page and '<span lang="en" dir="ltr">' in page.splitlines()[0]
    assert session.pages == arabic_pages()
    _touch(file, text)
