"""The live preview's memory between edits: what an edit to event files changes, without running everything again.

A full run (pipeline.build) starts a Session with its loaded files, catalog and pages. After an edit, `update`
re-reads only the event files whose size or time changed, checks those files (and the files that link to an event
that came or went) against every file's ids, rebuilds the catalog from the unchanged events and the new ones, and
renders only the pages that can show an edited event: its own page and its neighbours' before and after, the pages
of events that list it under related, the timeline pages that hold it (all of them when the timeline's cut into
pages changes), its places', actors' and phase's pages, and the index and home pages, whose figures count it. Of
those, only the pages whose text differs are handed on. Anything else that changed (a registry, a template, the
code) needs a full run: `update` says so by returning None.

Each edition's preview (`make serve`: English; `make serve-ar`: Arabic) has its own session, rendering in the
language its full run rendered in (RenderOptions.edition).

No MkDocs here: the plugin (generator/engines/plugin.py) hands the pages to MkDocs and keeps the search index.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.checks import lint, validate
from generator.input.load import EVENTS_DIR, REGISTRY_DIR, Tree, event_files, load_file
from generator.model import catalog as catalogs
from generator.model.catalog import Catalog
from generator.model.records import Event
from generator.model.timeline import INDEX_PATH, TimelinePage, page_of_event, timeline_pages
from generator.output.render import render_site
from generator.output.urls import (
    CIVILIAN_HARM_PAGE,
    INDEX_PAGE,
    actor_path,
    event_path,
    phase_path,
    place_path,
    registry_index,
)
from generator.pipeline import BuildResult, collision_problems
from generator.problems import Problem, errors

# (modification time in nanoseconds, size) of a file: an edit changes one or the other.
Stamp = tuple[int, int]
# The pages whose counts and lists every event is part of.
ALWAYS = (
    INDEX_PAGE,
    *(registry_index(kind) for kind in ("places", "actors", "phases")),
    INDEX_PATH,
)


def stamps(root: Path) -> dict[str, Stamp]:
    """Every file under events/ (registries included) by project-relative path, with its stamp."""
    found: dict[str, Stamp] = {}
    base = root / EVENTS_DIR
    for folder, _, names in os.walk(base):
        relative = Path(folder).relative_to(root).as_posix()
        for name in names:
            try:
                status = os.lstat(os.path.join(folder, name))
            except OSError:
                continue
            found[f"{relative}/{name}"] = (status.st_mtime_ns, status.st_size)
    return found


@dataclass
class Update:
    """What an edit changed: pages to (re)build and to remove, the events whose pages changed or went, and the
    problems (errors: nothing else is set and the last good pages stay)."""

    problems: list[Problem]
    pages: dict[str, str] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    removed_events: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the edit builds."""
        return not errors(self.problems)


@dataclass
class Session:
    """The last good run's files, catalog and pages, and the files as they are on disk now."""

    root: Path
    tree: Tree
    catalog: Catalog
    pages: dict[str, str]
    render: Callable[[Catalog, list[TimelinePage], set[str]], dict[str, str]]
    seen: dict[str, Stamp]
    # Per event file: the problems its own checks found on disk as it is now (for files with errors).
    file_problems: dict[str, list[Problem]] = field(default_factory=dict)
    # Files edited since the last good update (an edit with errors leaves the pages as they were).
    pending: set[str] = field(default_factory=set)
    timeline: list[TimelinePage] = field(default_factory=list)
    # The event files by path and the misplaced files' problems, until a file comes or goes.
    listing: tuple[dict[str, Path], list[Problem]] | None = None

    def __post_init__(self) -> None:
        """The timeline's pages of the good catalog."""
        if not self.timeline:
            self.timeline = timeline_pages(self.catalog)

    def changed_files(self) -> tuple[dict[str, Stamp], set[str]] | None:
        """The files under events/ now and the event files that changed, or None when a registry changed."""
        now = stamps(self.root)
        changed = {p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p)}
        if any(p.startswith(f"{REGISTRY_DIR}/") for p in changed):
            return None
        return now, changed

    def update(self) -> Update | None:
        """Bring the session up to the files on disk; None when only a full run can (a registry changed)."""
        found = self.changed_files()
        if found is None:
            return None
        now, changed = found
        if now.keys() != self.seen.keys():
            self.listing = None  # a file came or went: list the folders again (E007 for misplaced files)
        self.seen = now
        if not changed and not self.pending:
            return Update([])
        self.pending |= changed
        problems = self._reload(changed)
        if errors(problems):
            return Update(problems, edited=sorted(self.pending))
        return self._render(problems)

    def _reload(self, changed: set[str]) -> list[Problem]:
        """Re-read the changed event files into the tree; every error in the project and the edited files'
        warnings."""
        if self.listing is None:
            files, problems = event_files(self.root)
            self.listing = ({f.relative_to(self.root).as_posix(): f for f in files}, problems)
        wanted, misplaced = self.listing
        docs = {d.path: d for d in self.tree.events}
        load_problems: list[Problem] = []
        for path in changed:
            docs.pop(path, None)
            self.file_problems.pop(path, None)
            if path in wanted:
                doc, found = load_file(wanted[path], self.root)
                load_problems += found
                if found:
                    self.file_problems[path] = list(found)
                if doc is not None:
                    docs[path] = doc
        old_ids = {d.data.get("id") for d in self.tree.events}
        tree = Tree(self.tree.places, self.tree.actors, self.tree.phases, tuple(docs[p] for p in sorted(docs)))
        new_ids = {d.data.get("id") for d in tree.events}
        # A file that lists an event that came or went under related is checked again too.
        moved = {i for i in old_ids ^ new_ids if isinstance(i, str)}
        referring = {d.path for d in tree.events if moved & set(_strings(d.data.get("related")))}
        check = (changed | referring) & docs.keys()
        whole = validate.validate(tree, only=())
        across = set(whole)
        own = [p for p in validate.validate(tree, only=check) if p not in across]
        for path in check:
            self.file_problems[path] = [p for p in load_problems if p.path == path] + [p for p in own if p.path == path]
        self.tree = tree
        every = whole + misplaced + [p for found in self.file_problems.values() for p in found]
        if errors(every):
            return sorted(set(errors(every)))
        warnings = lint.lint_touching(tree, self.pending)
        return sorted(set(warnings))

    def _render(self, problems: list[Problem]) -> Update:
        """The pages the pending edits touch, rendered from the new catalog; those that differ are the update."""
        old = self.catalog
        old_by_path = {e.path: e for e in old.events}
        made = {e.path: e for e in old.events if e.path not in self.pending}
        new = catalogs.build_catalog(self.tree, made)
        # Two pages at one address (E065) stop an update as they stop a full run.
        clashes = collision_problems(self.root, self.tree, new)
        if clashes:
            return Update(sorted(clashes), edited=sorted(self.pending))
        new_by_path = {e.path: e for e in new.events}
        timeline = timeline_pages(new)
        touched: set[str] = set(ALWAYS)
        edited = [e for e in (old_by_path.get(p) for p in self.pending) if e is not None]
        edited_new = [e for e in (new_by_path.get(p) for p in self.pending) if e is not None]
        ids = {e.id for e in edited + edited_new}
        # The civilian-harm page shows only the events that harm civilians: at 10,000 events it is the largest
        # page to render, so an edit re-renders it only when the event was or is one of them.
        if any(e.harms_civilians for e in edited + edited_new):
            touched.add(CIVILIAN_HARM_PAGE)
        for catalog, events in ((old, edited), (new, edited_new)):
            for event in events:
                touched.add(event_path(event.id))
                for neighbour in (catalog.previous(event), catalog.next(event)):
                    if neighbour is not None:
                        touched.add(event_path(neighbour.id))
                touched |= _registry_pages(event)
        touched |= {event_path(e.id) for e in new.events if ids & set(e.related)}
        touched |= self._timeline_touched(timeline, new, ids)
        event_pages = {event_path(e.id): e for e in new.events}
        gone_pages = {event_path(e.id) for e in old.events} - event_pages.keys()
        rendered = self.render(new, timeline, touched - gone_pages)
        pages = {p: text for p, text in rendered.items() if self.pages.get(p) != text}
        gone_events = sorted({e.id for e in edited} - set(new.by_id))
        removed = sorted(
            {event_path(i) for i in gone_events} | {p.path for p in self.timeline} - {p.path for p in timeline}
        )
        removed = [p for p in removed if p in self.pages]
        for path in removed:
            del self.pages[path]
        self.pages.update(pages)
        changed_events = [event_pages[p] for p in pages if p in event_pages]
        self.catalog, self.timeline, self.pending = new, timeline, set()
        return Update(problems, pages, removed, changed_events, gone_events, edited=sorted(e.path for e in edited_new))

    def _timeline_touched(self, timeline: list[TimelinePage], new: Catalog, ids: set[str]) -> set[str]:
        """The timeline pages whose events changed, and the pages of events that moved to another timeline page
        (their page links to it, and so do their places', actors' and phase's month indexes)."""
        before = {p.path: (p.title, tuple(e.id for e in p.events)) for p in self.timeline}
        after = {p.path: (p.title, tuple(e.id for e in p.events)) for p in timeline}
        touched = set()
        if [(p.path, p.title) for p in self.timeline] != [(p.path, p.title) for p in timeline]:
            touched |= set(after)  # every timeline page lists the others
        touched |= {path for path, shown in after.items() if before.get(path) != shown or ids & set(shown[1])}
        old_of, new_of = page_of_event(self.timeline), page_of_event(timeline)
        for event in new.events:
            if event.id in old_of and old_of[event.id].path != new_of[event.id].path:
                touched.add(event_path(event.id))
                touched |= _registry_pages(event)
        return touched


def _strings(value: object) -> list[str]:
    """The strings of a list field, or none."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _registry_pages(event: Event) -> set[str]:
    """The place, actor and phase pages that list an event."""
    return {place_path(p) for p in event.places} | {actor_path(a) for a in event.actors} | {phase_path(event.phase)}


def start(root: Path, built: BuildResult, before: dict[str, Stamp]) -> Session | None:
    """A session from a good full run, whose files were as `before` says when it began; None after errors."""
    check, options = built.check, built.options
    if check.catalog is None or check.tree is None or options is None:
        return None

    def render(catalog: Catalog, timeline: list[TimelinePage], paths: set[str]) -> dict[str, str]:
        """The pages at `paths`, rendered with the full run's options."""
        return render_site(
            catalog,
            options.templates,
            updated=options.updated,
            links=options.links,
            contributing=options.contributing,
            engine=options.engine,
            only=paths,
            timeline=timeline,
            edition=options.edition,
        )

    pages = {p: t for p, t in built.pages.items() if p.endswith(".md")}
    session = Session(root, check.tree, check.catalog, pages, render, before)
    files, problems = event_files(root)
    session.listing = ({f.relative_to(root).as_posix(): f for f in files}, problems)
    # An edit made while the full run read the files is picked up by the first update.
    session.pending = {p for p, stamp in stamps(root).items() if before.get(p) != stamp}
    return session
