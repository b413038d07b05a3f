"""Strict YAML loading with a source position for every key and value.

The loader builds plain Python data from libyaml's event stream instead of PyYAML's constructors, so that:
what the contributor wrote is what gets validated (YAML 1.2 core scalars only: `no` stays text, `2018-09-20`
stays text, `012` stays text); duplicate keys are reported instead of silently dropped; tags, anchors and
aliases are refused before they can expand; and every value keeps the line and column it came from.
It knows YAML and files, nothing of events.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from array import array
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem

# libyaml's C parser is several times faster; the pure-Python one gives the same events. Only its event
# stream is used: no constructor runs, so no tag can build an object.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 32
# No count, coordinate or source number needs more digits; Python refuses to convert past 4,300 anyway.
MAX_DIGITS = 15

JsonPath = tuple[str | int, ...]

_INT_RE = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT_RE = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def _no_marks() -> array[int]:
    """An empty mark array, for a Document made without a source."""
    return array("Q")


@dataclass(frozen=True, slots=True)
class Document:
    """One loaded file: its data as plain Python values, and where each value and key stands in the file."""

    path: str
    data: Any
    # Where every node stands, packed as line << 32 | column (both 0-based), in document order: a node's own mark,
    # then for a mapping each key's mark followed by its value's marks. Eight bytes a node, where dictionaries
    # keyed by JSON path cost some two hundred: at 100,000 events they were most of `check`'s memory.
    marks: array[int] = field(default_factory=_no_marks)
    # The mark indexes by path of a large document, made at its first reported problem (see position).
    _paths: dict[JsonPath, tuple[int, int]] | None = field(default=None, init=False, compare=False, repr=False)

    def position(self, json_path: JsonPath, *, key: bool = False) -> tuple[int, int]:
        """The 1-based (line, column) of a value, or of its key; the nearest enclosing one if it is absent."""
        if not self.marks:
            return (1, 1)
        value_at, key_at = self._mark_indexes(json_path)
        packed = self.marks[key_at if key and key_at >= 0 else value_at]
        return ((packed >> 32) + 1, (packed & _COLUMN) + 1)

    def _mark_indexes(self, json_path: JsonPath) -> tuple[int, int]:
        """The mark indexes (value, key or -1) of the longest prefix of `json_path` that is in the document."""
        if len(self.marks) <= _WALKED_UP_TO:
            return _locate(self.data, json_path)
        # A walk per problem would be quadratic in a large file with a problem in every item (tests/test_dos.py).
        paths = self._paths
        if paths is None:
            paths = _index(self.data)
            object.__setattr__(self, "_paths", paths)
        return _look_up(paths, json_path)

    def problem(self, json_path: JsonPath, code: str, message: str, hint: str = "", *, key: bool = False) -> Problem:
        """A problem at a value of this document (or at its key), located by its path."""
        line, col = self.position(json_path, key=key)
        return Problem(self.path, line, col, code, message, hint)


_COLUMN = (1 << 32) - 1
# A document with at most this many marks (an event file has a few hundred) is walked for each position it reports.
_WALKED_UP_TO = 1024


def _marks_in(value: Any) -> int:
    """How many marks a loaded value holds: its own, and every key and value inside it."""
    if isinstance(value, dict):
        return 1 + sum(1 + _marks_in(child) for child in value.values())
    if isinstance(value, list):
        return 1 + sum(_marks_in(child) for child in value)
    return 1


def _index(data: Any) -> dict[JsonPath, tuple[int, int]]:
    """The mark indexes (value, key or -1) of every node of a loaded value, by JSON path."""
    found: dict[JsonPath, tuple[int, int]] = {}
    at = 0

    def walk(value: Any, here: JsonPath, key_at: int) -> None:
        """Index one node and, in document order, the keys and values inside it."""
        nonlocal at
        found[here] = (at, key_at)
        at += 1
        if isinstance(value, dict):
            for name, child in value.items():
                at += 1
                walk(child, (*here, name), at - 1)
        elif isinstance(value, list):
            for number, child in enumerate(value):
                walk(child, (*here, number), -1)

    walk(data, (), -1)
    return found


def _look_up(paths: dict[JsonPath, tuple[int, int]], json_path: JsonPath) -> tuple[int, int]:
    """The mark indexes of the longest prefix of `json_path` in an index made by _index."""
    for end in range(len(json_path), -1, -1):
        found = paths.get(json_path[:end])
        if found is not None:
            return found
    return (0, -1)


def _locate(data: Any, json_path: JsonPath) -> tuple[int, int]:
    """The mark indexes (value, key or -1) of the longest prefix of `json_path` that is in `data`.

    Counts the marks of the siblings before each step, so it costs a walk of the part of the document before the
    path: done only for a problem that is reported, which keeps no index of paths for the documents that have none."""
    value_at, key_at, node = 0, -1, data
    for step in json_path:
        if isinstance(node, dict) and step in node:
            at = value_at + 1
            for name, child in node.items():
                if name == step:
                    break
                at += 1 + _marks_in(child)
            value_at, key_at, node = at + 1, at, node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            value_at = value_at + 1 + sum(_marks_in(child) for child in islice(node, step))
            key_at, node = -1, node[step]
        else:
            break
    return value_at, key_at


class _Refused(Exception):
    """Stops building a document at the first construct the loader refuses."""

    def __init__(self, code: str, message: str, mark: Any, hint: str = "") -> None:
        """Keep the code, message and libyaml mark of the refusal."""
        super().__init__(message)
        self.code, self.message, self.mark, self.hint = code, message, mark, hint


def _position(mark: Any) -> tuple[int, int]:
    """Turn a 0-based libyaml mark into a 1-based (line, column)."""
    return (mark.line + 1, mark.column + 1)


def resolve_plain_scalar(text: str) -> Any:
    """Resolve an unquoted scalar by the YAML 1.2 core schema, keeping anything ambiguous as text."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT_RE.match(text):
        # Too long to be a number anyone meant: kept as text here; the loader refuses it (E064) before this.
        return int(text) if len(text.lstrip("+-")) <= MAX_DIGITS else text
    if _FLOAT_RE.match(text):
        return float(text)
    return text


# Prose (summaries, notes) is rarely repeated and is left as it is.
_INTERNED_UP_TO = 128

_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent


class _Builder:
    """Consumes the event stream of one document and builds values with their marks.

    This loop runs once per YAML node of every file, so it dispatches on the exact event class and keeps to
    local names; it is the part of loading that costs more than libyaml's own parse."""

    def __init__(self, events: Any) -> None:
        """Start on an event iterator positioned after DocumentStart."""
        self.events = events
        self.marks: array[int] = array("Q")

    def build(self, event: Any, depth: int) -> Any:
        """Build the node that starts with `event`, `depth` levels below the top."""
        kind = type(event)
        if kind is _ALIAS:
            raise _Refused("E003", "aliases (*name) are not allowed", event.start_mark)
        if kind is not _SCALAR and kind is not _SEQUENCE_START and kind is not _MAPPING_START:
            raise _Refused("E002", f"unexpected YAML event {kind.__name__}", event.start_mark)
        if event.anchor:
            raise _Refused("E003", f"anchors (&{event.anchor}) are not allowed", event.start_mark)
        if event.tag is not None:
            raise _Refused("E003", f"tags ({event.tag}) are not allowed", event.start_mark)
        if depth > MAX_DEPTH:
            raise _Refused("E006", f"nesting deeper than {MAX_DEPTH} levels", event.start_mark)
        mark = event.start_mark
        self.marks.append(mark.line << 32 | mark.column)
        if kind is _SCALAR:
            value = event.value
            # Ids, names, links and dates repeat from file to file: one string for each, not one per file.
            if len(value) <= _INTERNED_UP_TO:
                value = sys.intern(value)
            # Only unquoted ("plain") scalars are resolved; the C parser gives them style '' (Python: None).
            if event.style:
                return value
            if len(value) > MAX_DIGITS + 1 and _INT_RE.match(value):
                digits = len(value.lstrip("+-"))
                raise _Refused("E064", f"a number of {digits:,} digits; the limit is {MAX_DIGITS}", mark)
            return resolve_plain_scalar(value)
        if kind is _SEQUENCE_START:
            return self._sequence(depth + 1)
        return self._mapping(depth + 1)

    def _sequence(self, depth: int) -> list[Any]:
        """Build a list up to its SequenceEnd."""
        items: list[Any] = []
        build = self.build
        for event in self.events:
            if type(event) is _SEQUENCE_END:
                return items
            items.append(build(event, depth))
        raise AssertionError("unterminated sequence")  # pragma: no cover - libyaml raises first

    def _mapping(self, depth: int) -> dict[str, Any]:
        """Build a dict up to its MappingEnd, refusing duplicate and non-text keys."""
        result: dict[str, Any] = {}
        build, events, marks, intern = self.build, self.events, self.marks, sys.intern
        for event in events:
            kind = type(event)
            if kind is _MAPPING_END:
                return result
            if kind is not _SCALAR:
                raise _Refused("E011", "mapping keys must be plain text", event.start_mark)
            if event.anchor or event.tag is not None:
                raise _Refused("E003", "anchors and tags are not allowed on keys", event.start_mark)
            # Every file repeats the same few dozen field names: one string each instead of one per file.
            key = intern(event.value)
            if key in result:
                raise _Refused(
                    "E004",
                    f"duplicate key '{key}' (first given on line {self._key_line(result, key)})",
                    event.start_mark,
                    "Keep one of the two; YAML would silently use only the last.",
                )
            mark = event.start_mark
            marks.append(mark.line << 32 | mark.column)
            result[key] = build(next(events), depth)
        raise AssertionError("unterminated mapping")  # pragma: no cover - libyaml raises first

    def _key_line(self, mapping: dict[str, Any], key: str) -> int:
        """The 1-based line of `key` in the mapping being built, whose entries' marks end the marks so far."""
        at = len(self.marks) - sum(1 + _marks_in(child) for child in mapping.values())
        for name, child in mapping.items():
            if name == key:
                break
            at += 1 + _marks_in(child)
        return (self.marks[at] >> 32) + 1


def _decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 strictly, refusing binary content and locating the first bad byte."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(path, 1, 1, "E006", f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}")]
    utf16 = _utf16(raw)
    if utf16 is not None:
        return None, [
            Problem(
                path,
                1,
                1,
                "E001",
                f"the file is saved as {utf16}, not UTF-8",
                f"Save it again as UTF-8 (in VS Code: click '{utf16}' in the status bar, then 'Save with Encoding' "
                "and 'UTF-8').",
            )
        ]
    if b"\x00" in raw:
        line, col = _line_col(raw, raw.index(b"\x00"))
        return None, [Problem(path, line, col, "E001", "file contains NUL bytes: it is binary, not text")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = _line_col(raw, error.start)
        return None, [Problem(path, line, col, "E001", f"byte 0x{raw[error.start]:02x} is not valid UTF-8")]
    # A byte-order mark is harmless and common from Windows editors: drop it rather than refuse the file.
    return text.removeprefix("\ufeff"), []


def _utf16(raw: bytes) -> str | None:
    """'UTF-16 LE' or 'UTF-16 BE' when the bytes are UTF-16 text (a byte-order mark, or every other byte NUL)."""
    if raw.startswith(b"\xff\xfe"):
        return "UTF-16 LE"
    if raw.startswith(b"\xfe\xff"):
        return "UTF-16 BE"
    sample = raw[:200]
    if len(sample) >= 4 and len(sample) % 2 == 0:
        odd, even = sample[1::2], sample[0::2]
        # Latin text in UTF-16 has a NUL in every second byte, and none in the others.
        if odd.count(0) == len(odd) and 0 not in even:
            return "UTF-16 LE"
        if even.count(0) == len(even) and 0 not in odd:
            return "UTF-16 BE"
    return None


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a byte offset."""
    before = raw[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def _empty_hint(path: str) -> str:
    """What an empty file should hold, by where it is."""
    if path.startswith(REGISTRY_DIR + "/"):
        return (
            "Write its entries back: one 'id:' line per entry with its fields indented under it (CONTRIBUTING.md, 8)."
        )
    return (
        "Write the event's fields (`timeline new` starts a file for you; CONTRIBUTING.md shows every field), "
        "or delete it."
    )


_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>(?:- +)*)(?P<key>[^\s:#'\"][^:#]*?|'[^']*'|\"[^\"]*\"):(?:\s|$)")


def _key_of(line: str) -> tuple[int, str] | None:
    """(column its key starts at, the key) of a 'key: value' line, counting '- ' as indentation; else None."""
    match = _KEY_LINE.match(line)
    if match is None:
        return None
    return len(match["indent"]) + len(match["dash"]), match["key"]


def _spaces(count: int) -> str:
    """'1 space', '3 spaces'."""
    return "no spaces" if count == 0 else f"{count} space{'' if count == 1 else 's'}"


def explain_syntax(text: str, line: int, parser_says: str, started: int | None) -> tuple[str, str, int | None] | None:
    """A YAML syntax error in plain words (message, hint, better column or None) for the mistakes people make;
    None when it is none of them."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines) + 1:
        return None
    here = lines[line - 1] if line <= len(lines) else ""
    if "\t" in here[: len(here) - len(here.lstrip())] or ("tab" in parser_says and "\t" in text):
        tab_line = next((n for n, t in enumerate(lines, 1) if "\t" in t[: len(t) - len(t.lstrip())]), line)
        return (
            f"line {tab_line} is indented with a tab",
            "YAML indents with spaces only: replace the tab with spaces (your editor can show and convert tabs).",
            None,
        )
    if "quoted scalar" in parser_says and started is not None:
        quote = next((c for c in lines[started - 1] if c in "'\""), "'")
        return (
            f"the quote {quote} opened on line {started} is never closed",
            f"Add the closing {quote} at the end of the text on line {started}.",
            None,
        )
    previous = next(
        (
            (number, lines[number - 1])
            for number in range(line - 1, 0, -1)
            if lines[number - 1].strip() and not lines[number - 1].lstrip().startswith("#")
        ),
        None,
    )
    key = _key_of(here)
    above = _key_of(previous[1]) if previous else None
    indentation_error = any(
        words in parser_says
        for words in (
            "mapping values are not allowed",
            "did not find expected key",
            "expected '-' indicator",
            "expected <block end>",
        )
    )
    if indentation_error and key is not None and above is not None and previous is not None:
        (column, name), (above_column, above_name) = key, above
        opens_block = previous[1].rstrip().endswith(":")
        if column != above_column and not (opens_block and column > above_column):
            more = "more" if column > above_column else "less"
            return (
                f"bad indentation: '{name}:' is indented {_spaces(column)}, {more} than '{above_name}:' on line "
                f"{previous[0]} ({_spaces(above_column)})",
                f"Start '{name}:' with {_spaces(above_column)}, like '{above_name}:', if it belongs to the same "
                "entry; fields of one entry line up exactly, with spaces only.",
                column + 1,
            )
    if "mapping values are not allowed" in parser_says and key is not None:
        value = here.split(":", 1)[1].strip() if ":" in here else ""
        if ": " in value and not value.startswith(("'", '"')):
            name = key[1]
            quoted = value.replace('"', '\\"')
            return (
                f"the value of '{name}' contains ': ', which YAML reads as the start of another field",
                f'Put the value in double quotes: {name}: "{quoted}"',
                None,
            )
    return None


def parse_text(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document of text into a Document, or report why it cannot be used."""
    events = iter(yaml.parse(text, Loader=_Loader))
    try:
        next(events)  # StreamStart
        first = next(events)
        if isinstance(first, yaml.StreamEndEvent):
            return None, [Problem(path, 1, 1, "E005", "file is empty", _empty_hint(path))]
        builder = _Builder(events)
        data = builder.build(next(events), 0)
        next(events)  # DocumentEnd
        after = next(events)
        if isinstance(after, yaml.DocumentStartEvent):
            line, col = _position(after.start_mark)
            return None, [Problem(path, line, col, "E005", "file holds more than one YAML document")]
    except _Refused as refused:
        line, col = _position(refused.mark)
        return None, [Problem(path, line, col, refused.code, refused.message, refused.hint)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = _position(mark) if mark is not None else (1, 1)
        context = error.context_mark
        started = context.line + 1 if context is not None and context.line + 1 != line else None
        explained = explain_syntax(text, line, f"{error.context or ''} {error.problem or ''}", started)
        if explained is not None:
            message, hint, at = explained
            return None, [Problem(path, line, at or col, "E002", message, hint)]
        message = " ".join(part for part in (error.context, error.problem) if part)
        if started is not None:
            message += f" (it started on line {started})"
        return None, [Problem(path, line, col, "E002", message or "not valid YAML")]
    except yaml.YAMLError as error:  # e.g. a control character the reader refuses
        return None, [Problem(path, 1, 1, "E002", str(error).splitlines()[0])]
    if data is None:
        return None, [Problem(path, 1, 1, "E005", "file is empty", _empty_hint(path))]
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        hint = (
            "Remove the '- ' before the first field and the indentation of the fields after it: the file is one "
            "mapping of 'field: value' lines, not a list."
            if isinstance(data, list)
            else "Write the file as 'field: value' lines (CONTRIBUTING.md shows every field)."
        )
        return None, [Problem(path, 1, 1, "E005", f"the file's top level is {kind}, not a mapping of fields", hint)]
    return Document(path, data, builder.marks), []


def _kind_of(mode: int) -> str:
    """What a file-system entry that is not a regular file is, in words."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file"


def _not_regular(path: str, what: str) -> Problem:
    """E060 for an entry the build will not read."""
    return Problem(path, 1, 1, "E060", f"{what}: the build reads only regular files inside the project")


def outside_reason(file: Path, root: Path) -> tuple[str, str] | None:
    """(where, why) when a path or one of the folders leading to it from `root` is a link or special file."""
    relative = file.relative_to(root)
    steps = [*reversed(relative.parents[:-1]), relative] if relative.parts else []
    for step in steps:
        try:
            mode = os.lstat(root / step).st_mode
        except OSError:
            return None  # absent: reading it reports that
        if stat.S_ISLNK(mode):
            return step.as_posix(), "a symbolic link"
        if step != relative and not stat.S_ISDIR(mode):
            return step.as_posix(), _kind_of(mode)
    return None


def read_regular(
    file: Path, root: Path, limit: int = MAX_FILE_BYTES, *, walked: bool = False
) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file inside the project, or why it is not read (E060, E001, E006 past `limit`).

    `walked`: the file was found by walk_regular, which already refused every link on the way to it."""
    path = file.relative_to(root).as_posix()
    outside = None if walked else outside_reason(file, root)
    if outside is not None:
        where, what = outside
        return None, [_not_regular(path, what if where == path else f"{where} is {what}")]
    try:
        # No following a link swapped in since the check, and no waiting on a pipe.
        descriptor = os.open(file, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        return None, [Problem(path, 1, 1, "E001", f"cannot read the file: {error.strerror}")]
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            return None, [_not_regular(path, _kind_of(mode))]
        size = os.fstat(handle.fileno()).st_size
        if size > limit:  # refused unread: a huge file costs no memory
            return None, [Problem(path, 1, 1, "E006", f"file is {size:,} bytes; the limit is {limit:,}")]
        return handle.read(limit + 1), []


def load_file(file: Path, root: Path, *, walked: bool = False) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file, naming it by its path relative to the project root (`walked`: see read_regular)."""
    path = file.relative_to(root).as_posix()
    raw, problems = read_regular(file, root, walked=walked)
    if raw is None:
        return None, problems
    text, problems = _decode(raw, path)
    return (None, problems) if text is None else parse_text(text, path)


def walk_regular(root: Path, folder: str, skip: frozenset[str] = frozenset()) -> tuple[list[Path], list[Problem]]:
    """Every regular file under root/folder, sorted, without following links; anything else is E060.

    `skip` names paths (relative to the root) that are read on their own and are not walked."""
    top = root / folder
    outside = outside_reason(top, root)
    if outside is not None:
        where, what = outside
        return [], [_not_regular(where, what)]
    if not top.is_dir():
        return [], []
    found: list[Path] = []
    problems: list[Problem] = []
    pending = [top]
    while pending:
        here = pending.pop()
        with os.scandir(here) as entries:
            for entry in entries:
                relative = Path(entry.path).relative_to(root).as_posix()
                if relative in skip:
                    continue
                if entry.is_symlink():
                    problems.append(_not_regular(relative, "a symbolic link"))
                elif entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    found.append(Path(entry.path))
                else:
                    problems.append(_not_regular(relative, _kind_of(entry.stat(follow_symlinks=False).st_mode)))
    return sorted(found), sorted(problems)


@dataclass(frozen=True, slots=True)
class Tree:
    """Every loaded file of a project: the three registries and the events, in path order."""

    places: Document | None
    actors: Document | None
    phases: Document | None
    events: tuple[Document, ...]
    files_read: int = 0


EVENTS_DIR = "events"
REGISTRY_DIR = "events/registry"
REGISTRIES = ("places", "actors", "phases")
_YEAR_DIR = re.compile(r"[0-9]{4}")


def event_files(root: Path) -> tuple[list[Path], list[Problem]]:
    """The event files under events/<year>/, sorted; anything else in events/ is reported (E007, E060)."""
    base = root / EVENTS_DIR
    found: list[Path] = []
    files, problems = walk_regular(root, EVENTS_DIR, skip=frozenset({REGISTRY_DIR}))
    for file in files:
        relative = file.relative_to(base)
        if file.name.startswith(".") or file.name.lower() == "readme.md":
            continue
        if len(relative.parts) == 2 and _YEAR_DIR.fullmatch(relative.parts[0]) and file.suffix == ".yaml":
            found.append(file)
        else:
            problems.append(
                Problem(
                    file.relative_to(root).as_posix(),
                    1,
                    1,
                    "E007",
                    "not an event file: events live at events/<year>/<id>.yaml",
                )
            )
    return found, problems


def load_tree(root: Path) -> tuple[Tree, list[Problem]]:
    """Load the registries and every event file under `root`, collecting every problem."""
    problems: list[Problem] = []
    registries: dict[str, Document | None] = {}
    for name in REGISTRIES:
        doc, found = load_file(root / REGISTRY_DIR / f"{name}.yaml", root)
        registries[name], problems = doc, problems + found
    files, found = event_files(root)
    problems += found
    events = []
    for file in files:
        doc, found = load_file(file, root, walked=True)
        problems += found
        if doc is not None:
            events.append(doc)
    return Tree(events=tuple(events), files_read=len(REGISTRIES) + len(files), **registries), problems
