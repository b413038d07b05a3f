"""Validation: the JSON Schema first, then the checks a schema cannot express. Never raises on bad data."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any, cast

from jsonschema import Draft202012Validator, ValidationError

from . import dates
from .fastschema import Check, compile_schema
from .load import REGISTRIES, Document, JsonPath, Tree
from .model import GROUPS, UNKNOWN
from .problems import Problem
from .schema import allowed, schema, subschema

CAMPAIGN_BOUNDS = (date(2017, 1, 1), date(2019, 12, 31))

# Markup that would turn contributor text into live HTML, attributes, includes or templates.
_UNSAFE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<\s*[A-Za-z!/?]"), "raw HTML is not allowed"),
    (
        re.compile(r"\{\s*:|\{\s*[#.][\w-]|\{[^}\n]*\bon\w+\s*="),
        "Markdown attribute lists `{: ...}` are not allowed",
    ),
    (re.compile(r"-+8<-+"), "snippet includes `--8<--` are not allowed"),
    (re.compile(r"\{\{|\{%|\{#"), "template syntax `{{ }}` / `{% %}` is not allowed"),
    # C0/C1 controls other than tab and newline, and the invisible bidi overrides used to disguise text.
    (
        re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"),
        "control characters and bidirectional overrides are not allowed",
    ),
)
# All of the above in one expression: a text that matches none (nearly all) costs one search, not one per pattern.
_ANY_UNSAFE = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _UNSAFE_PATTERNS))
RESERVED_IDS = {"index"}
_LINK_TARGET = re.compile(r"\]\(\s*<?\s*([^)\s>]*)")
_URL_FIELDS = {"url", "archive_url"}
_PARAGRAPH_FIELDS = {"summary", "confidence_note", "note", "description"}


_EVENT_VALIDATOR = Draft202012Validator(schema())
_REGISTRY_VALIDATORS = {name: Draft202012Validator(subschema(f"{name}_file")) for name in REGISTRIES}


def _field_name(json_path: JsonPath) -> str:
    """A readable name for a value's place: 'claims[2].min' (1-based, as a person counts)."""
    text = ""
    for part in json_path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "the file"


def _suggest(word: str, choices: list[str]) -> str:
    """' (did you mean 'x'?)' when a close match exists."""
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _type_name(value: Any) -> str:
    """The YAML-facing name of a value's type."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping" if isinstance(value, dict) else "empty"


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping of fields",
    "boolean": "true or false",
}


def _schema_problems(doc: Document, error: ValidationError) -> Iterator[Problem]:
    """Turn one jsonschema error into contributor-facing problems with positions."""
    json_path: JsonPath = tuple(error.absolute_path)
    name = _field_name(json_path)
    # jsonschema types these loosely (they may be "Unset"); for the keywords handled here they are plain data.
    kind, value, instance, node = (
        str(error.validator),
        cast(Any, error.validator_value),
        cast(Any, error.instance),
        cast(Any, error.schema),
    )
    if kind == "additionalProperties":
        known = sorted(node.get("properties", {}))
        for key in sorted(set(instance) - set(known)):
            where = f" in {name}" if json_path else ""
            message = f"unknown field '{key}'{where}{_suggest(key, known)}"
            yield doc.problem((*json_path, key), "E012", message, key=True)
    elif kind == "required":
        for key in value:
            if key not in instance:
                where = f" in {name}" if json_path else ""
                yield doc.problem(json_path, "E010", f"missing required field '{key}'{where}")
    elif kind == "anyOf" and json_path and "claims" in json_path:
        yield doc.problem(json_path, "E010", f"{name} needs 'min', 'max' or both")
    elif kind == "type":
        expected = _TYPE_WORDS.get(value, value)
        yield doc.problem(json_path, "E011", f"{name} must be {expected}, not {_type_name(instance)}")
    elif kind in ("enum", "const"):
        choices = [str(v) for v in (value if kind == "enum" else [value])]
        got = str(instance)
        yield doc.problem(
            json_path,
            "E013",
            f"{name} '{got}' is not allowed{_suggest(got, choices)}; allowed: {', '.join(choices)}",
        )
    elif kind == "propertyNames":
        yield doc.problem(
            (*json_path, instance),
            "E014",
            f"id '{instance}' may use only a-z, 0-9 and single '-' between words",
            key=True,
        )
    elif kind == "pattern":
        yield doc.problem(json_path, "E014", f"{name} {_pattern_rule(json_path, instance)}")
    elif kind in ("minLength", "minItems", "maxLength", "maxItems", "uniqueItems"):
        yield doc.problem(json_path, "E015", f"{name} {_size_rule(kind, value)}")
    elif kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        yield doc.problem(json_path, "E016", f"{name} must be {bound} {value}, not {instance}")
    else:  # pragma: no cover - a schema keyword without a mapping is a bug in this module
        yield doc.problem(json_path, "E014", f"{name}: {error.message}")


def _pattern_rule(json_path: JsonPath, value: str) -> str:
    """Explain a failed pattern by the kind of field it is on."""
    last = json_path[-1] if json_path else ""
    if last in _URL_FIELDS:
        return f"'{value}' must be an http:// or https:// address without spaces"
    if last == "language":
        return f"'{value}' must be a language code such as en, ar or ku"
    if last == "id":
        return f"'{value}' must be YYYY-MM-DD-slug with only a-z, 0-9 and '-' (e.g. 2019-01-18-sdf-takes-al-susah)"
    if last in ("title", "by", "name", "publisher") or (json_path and json_path[0] == "aliases"):
        return "must be a single line of text"
    if isinstance(value, str) and not value.strip():
        return "must not be blank"
    return f"'{value}' may use only a-z, 0-9 and single '-' between words"


def _size_rule(kind: str, value: Any) -> str:
    """Explain a failed size keyword."""
    return {
        "minLength": "must not be empty",
        "minItems": f"needs at least {value} {'entry' if value == 1 else 'entries'}",
        "maxLength": f"is longer than {value} characters",
        "maxItems": f"has more than {value} entries",
        "uniqueItems": "lists the same value twice",
    }[kind]


# The fast yes/no check of each validator's schema (None: the schema is beyond it, jsonschema alone decides).
_FAST_CHECKS: dict[int, Check | None] = {}


def schema_problems(doc: Document, validator: Draft202012Validator = _EVENT_VALIDATOR) -> list[Problem]:
    """Every schema problem of one document; jsonschema is asked only when the fast check is not sure."""
    if id(validator) not in _FAST_CHECKS:
        _FAST_CHECKS[id(validator)] = compile_schema(validator.schema)
    fast = _FAST_CHECKS[id(validator)]
    if fast is not None and fast(doc.data):
        return []
    found: list[Problem] = []
    for error in validator.iter_errors(doc.data):
        found.extend(_schema_problems(doc, error))
    return found


def _walk_strings(value: Any, json_path: JsonPath = ()) -> list[tuple[JsonPath, str]]:
    """Every string in a document with its path, in document order (a list: nested generators cost more)."""
    found: list[tuple[JsonPath, str]] = []

    def walk(item: Any, here: JsonPath) -> None:
        if isinstance(item, str):
            found.append((here, item))
        elif isinstance(item, dict):
            for key, member in item.items():
                walk(member, (*here, key))
        elif isinstance(item, list):
            for index, member in enumerate(item):
                walk(member, (*here, index))

    walk(value, json_path)
    return found


def unsafe_text_problems(doc: Document) -> list[Problem]:
    """Markup in any text field that could become live HTML, attributes, includes or templates (E038)."""
    found = []
    for json_path, text in _walk_strings(doc.data):
        field = json_path[-1] if json_path else ""
        if field in _URL_FIELDS:
            continue
        unsafe = _ANY_UNSAFE.search(text) is not None  # one search for the common case: none of them
        reason = next((why for pattern, why in _UNSAFE_PATTERNS if pattern.search(text)), None) if unsafe else None
        if reason is None and field in _PARAGRAPH_FIELDS:
            bad = [t for t in _LINK_TARGET.findall(text) if not t.lower().startswith(("http://", "https://"))]
            reason = f"link target '{bad[0]}' must start with https:// or http://" if bad else None
        if reason:
            found.append(doc.problem(json_path, "E038", f"{_field_name(json_path)}: {reason}"))
    return found


def _date_problem(doc: Document, json_path: JsonPath, text: Any) -> tuple[dates.FuzzyDate | None, list[Problem]]:
    """Parse one EDTF field, reporting E020/E021 at its position."""
    if not isinstance(text, str):
        return None, []
    try:
        return dates.parse(text), []
    except dates.DateError as error:
        code = "E021" if error.reversed_interval else "E020"
        return None, [doc.problem(json_path, code, f"{_field_name(json_path)}: {error}")]


def _registry_ids(doc: Document | None) -> frozenset[str]:
    """The ids a registry defines (its top-level keys)."""
    return frozenset(doc.data) if doc is not None else frozenset()


@dataclass(frozen=True, slots=True)
class KnownIds:
    """Every id an event may refer to, gathered once per run (sets: each event checks several refs)."""

    places: frozenset[str]
    actors: frozenset[str]
    phases: frozenset[str]
    events: frozenset[str]

    @property
    def subjects(self) -> frozenset[str]:
        """What a claim may be about: an actor, or a group such as 'civilians'."""
        return self.actors | frozenset(GROUPS)

    @classmethod
    def of(cls, tree: Tree) -> KnownIds:
        """The ids defined by a tree's registries and event files."""
        events = frozenset(d.data["id"] for d in tree.events if isinstance(d.data.get("id"), str))
        return cls(_registry_ids(tree.places), _registry_ids(tree.actors), _registry_ids(tree.phases), events)


def _ref_problem(doc: Document, json_path: JsonPath, ref: Any, known: Collection[str], what: str) -> list[Problem]:
    """E032 when `ref` is not one of `known`."""
    if not isinstance(ref, str) or ref in known:
        return []
    return [doc.problem(json_path, "E032", f"unknown {what} '{ref}'{_suggest(ref, sorted(known))}")]


def _event_file_problems(doc: Document) -> list[Problem]:
    """The file's id, name, folder and date must agree (E030, E036, E007)."""
    data, found = doc.data, []
    event_id = data.get("id")
    if not isinstance(event_id, str) or not re.match(r"^\d{4}-\d{2}-\d{2}-", event_id):
        return []
    file = PurePosixPath(doc.path)
    if file.stem != event_id:
        # only for a problem: a cached document parses again to answer
        found.append(
            doc.problem(
                ("id",),
                "E030",
                f"id '{event_id}' does not match the file name '{file.name}'",
                f"Rename the file to {event_id}.yaml or change the id to '{file.stem}'.",
            )
        )
    if file.parent.name != event_id[:4]:
        found.append(
            Problem(
                doc.path,
                1,
                1,
                "E007",
                f"event {event_id} belongs in events/{event_id[:4]}/, not in {file.parent}/",
            )
        )
    parsed, _ = _date_problem(doc, ("date",), data.get("date"))
    if parsed is not None and event_id[:10] != parsed.start.isoformat():
        found.append(
            doc.problem(
                ("id",),
                "E036",
                f"id starts with {event_id[:10]} but the date '{parsed.text}' starts on {parsed.start.isoformat()}",
                f"Rename the id and file to start with {parsed.start.isoformat()}.",
            )
        )
    return found


def _event_date_problems(doc: Document) -> list[Problem]:
    """The event date and source dates must parse, and the event must fall within the campaign (E020-E022)."""
    parsed, found = _date_problem(doc, ("date",), doc.data.get("date"))
    if parsed is not None and (parsed.end < CAMPAIGN_BOUNDS[0] or parsed.start > CAMPAIGN_BOUNDS[1]):
        found.append(doc.problem(("date",), "E022", f"date '{parsed.text}' lies outside 2017-2019"))
    sources = doc.data.get("sources")
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(source, dict):
            found += _date_problem(doc, ("sources", index, "published"), source.get("published"))[1]
    for index, assessment in enumerate(_assessments(doc.data)):
        if isinstance(assessment, dict):
            here = ("civilian_harm", "assessments", index, "published")
            found += _date_problem(doc, here, assessment.get("published"))[1]
    return found


def _assessments(data: dict[str, Any]) -> list[Any]:
    """The event's civilian-harm gradings as written, or an empty list."""
    harm = data.get("civilian_harm")
    assessments = harm.get("assessments") if isinstance(harm, dict) else None
    return assessments if isinstance(assessments, list) else []


def _source_number_problem(doc: Document, here: JsonPath, number: Any, source_count: int) -> list[Problem]:
    """E034 when a claim or grading cites a source number beyond the event's sources."""
    if not isinstance(number, int) or isinstance(number, bool) or not number > source_count >= 1:
        return []
    message = f"{_field_name(here)} cites source {number}, but the event lists {source_count}"
    return [doc.problem((*here, "source"), "E034", message)]


def _source_count(data: dict[str, Any]) -> int:
    """How many sources the event lists (0 when the field is broken; the schema reports that)."""
    sources = data.get("sources")
    return len(sources) if isinstance(sources, list) else 0


def _civilian_harm_problems(doc: Document, actors: Collection[str]) -> list[Problem]:
    """Blamed parties must be actors or 'unknown' alone (E032, E090); gradings cite listed sources (E034)."""
    harm, found = doc.data.get("civilian_harm"), []
    if not isinstance(harm, dict):
        return []
    blamed = harm.get("blamed")
    blamed = blamed if isinstance(blamed, list) else []
    for index, ref in enumerate(blamed):
        found += _ref_problem(doc, ("civilian_harm", "blamed", index), ref, {*actors, UNKNOWN}, "actor")
    if UNKNOWN in blamed and len(blamed) > 1:
        found.append(
            doc.problem(
                ("civilian_harm", "blamed", blamed.index(UNKNOWN)),
                "E090",
                f"civilian_harm.blamed lists '{UNKNOWN}' together with {len(blamed) - 1} named actor(s)",
            )
        )
    count = _source_count(doc.data)
    for index, assessment in enumerate(_assessments(doc.data)):
        if isinstance(assessment, dict):
            here = ("civilian_harm", "assessments", index)
            found += _source_number_problem(doc, here, assessment.get("source"), count)
    return found


def _claim_problems(doc: Document, subjects: Collection[str]) -> list[Problem]:
    """Claims: a sane range, a source the event lists, a known subject (E033, E034, E032)."""
    found: list[Problem] = []
    source_count = _source_count(doc.data)
    claims = doc.data.get("claims")
    for index, claim in enumerate(claims if isinstance(claims, list) else []):
        if not isinstance(claim, dict):
            continue
        here = ("claims", index)
        low, high = claim.get("min"), claim.get("max")
        if isinstance(low, int) and isinstance(high, int) and low > high:
            found.append(doc.problem((*here, "min"), "E033", f"{_field_name(here)}: min {low} is above max {high}"))
        found += _source_number_problem(doc, here, claim.get("source"), source_count)
        found += _ref_problem(doc, (*here, "about"), claim.get("about"), subjects, "actor")
    return found


def _event_reference_problems(doc: Document, known_ids: KnownIds, subjects: Collection[str]) -> list[Problem]:
    """Places, actors, phase and related events must exist (E032)."""
    data, found = doc.data, []
    found += _ref_problem(doc, ("phase",), data.get("phase"), known_ids.phases, "phase")
    for field, known, what in (
        ("places", known_ids.places, "place"),
        ("actors", known_ids.actors, "actor"),
        ("related", known_ids.events, "event"),
    ):
        values = data.get(field)
        for index, ref in enumerate(values if isinstance(values, list) else []):
            found += _ref_problem(doc, (field, index), ref, known, what)
    if data.get("confidence") == "disputed" and not data.get("confidence_note"):
        found.append(doc.problem(("confidence",), "E035", "confidence is 'disputed' but there is no confidence_note"))
    return found + _claim_problems(doc, subjects) + _civilian_harm_problems(doc, known_ids.actors)


def _duplicate_id_problems(events: tuple[Document, ...]) -> list[Problem]:
    """Two event files with one id (E031)."""
    first_seen: dict[str, Document] = {}
    found = []
    for doc in sorted(events, key=lambda d: d.path):
        event_id = doc.data.get("id")
        if not isinstance(event_id, str):
            continue
        if event_id in first_seen:
            found.append(
                doc.problem(
                    ("id",),
                    "E031",
                    f"id '{event_id}' is also used by {first_seen[event_id].path}",
                )
            )
        else:
            first_seen[event_id] = doc
    return found


def _registry_problems(tree: Tree) -> list[Problem]:
    """Schema, dates and parent links of the three registries."""
    found: list[Problem] = []
    for name in REGISTRIES:
        doc: Document | None = getattr(tree, name)
        if doc is not None:
            found += schema_problems(doc, _REGISTRY_VALIDATORS[name]) + unsafe_text_problems(doc)
            for reserved in sorted(RESERVED_IDS & set(doc.data)):
                found.append(
                    doc.problem(
                        (reserved,), "E039", f"'{reserved}' is reserved and cannot be a {name[:-1]} id", key=True
                    )
                )
    if tree.phases is not None:
        for phase_id, phase in tree.phases.data.items():
            if isinstance(phase, dict):
                for field in ("start", "end"):
                    found += _date_problem(tree.phases, (phase_id, field), phase.get(field))[1]
    if tree.actors is not None:
        found += _actor_parent_problems(tree.actors)
    return found


def _actor_parent_problems(doc: Document) -> list[Problem]:
    """Actor parents must exist and must not loop (E032, E037)."""
    actors = {k: v for k, v in doc.data.items() if isinstance(v, dict)}
    found = []
    for actor_id, actor in sorted(actors.items()):
        parent = actor.get("parent")
        found += _ref_problem(doc, (actor_id, "parent"), parent, sorted(actors), "actor")
        seen, current = {actor_id}, parent
        while isinstance(current, str) and current in actors:
            if current in seen:
                found.append(
                    doc.problem(
                        (actor_id, "parent"),
                        "E037",
                        f"actor '{actor_id}' is its own ancestor through '{parent}'",
                    )
                )
                break
            seen.add(current)
            current = actors[current].get("parent")
    return found


_PLACEHOLDER = re.compile(r"\bTODO\b")
_PLACEHOLDER_HINTS = {
    "phase": "Replace it with a phase id from events/registry/phases.yaml.",
    "places": "Replace it with place ids from events/registry/places.yaml, or delete the line.",
    "actors": "Replace it with actor ids from events/registry/actors.yaml, or delete the line.",
    "related": "Replace it with ids of related events, or delete the line.",
}


def _placeholder_hint(json_path: JsonPath) -> str:
    """What to write instead of a placeholder: the allowed values when the field has a fixed list."""
    head = str(json_path[0])
    if head in _PLACEHOLDER_HINTS:
        return _PLACEHOLDER_HINTS[head]
    field = str(json_path[-1])
    prefix = {"sources": "source.", "claims": "claim."}.get(head, "")
    try:
        return f"Replace it with one of: {', '.join(allowed(prefix + field))}."
    except KeyError:  # not an enumerated field: say what it holds, from the schema
        holder = schema()["$defs"][prefix[:-1]] if prefix else schema()
        node = holder.get("properties", {}).get(field, {})
        what = f": {node['description']}" if "description" in node else "."
        optional = "" if field in holder.get("required", []) else " Or delete the line: the field is optional."
        return f"Replace it with the real value{what}{optional}"


def placeholder_problems(doc: Document) -> list[Problem]:
    """Every `TODO` that `timeline new` left for the contributor to fill in (E050)."""
    found = []
    for json_path, text in _walk_strings(doc.data):
        if json_path and _PLACEHOLDER.search(text):
            message = f"{_field_name(json_path)} still holds the placeholder TODO"
            found.append(doc.problem(json_path, "E050", message, _placeholder_hint(json_path)))
    return found


def validate(tree: Tree, schema_of: Callable[[Document], list[Problem]] = schema_problems) -> list[Problem]:
    """Every problem in every file of the tree, sorted by file and position.

    `schema_of` gives an event file's schema problems; the pipeline passes one that remembers them between runs
    by the file's content (generator/cache.py)."""
    found = _registry_problems(tree)
    known_ids = KnownIds.of(tree)
    subjects = known_ids.subjects
    for doc in tree.events:
        found += schema_of(doc)
        found += unsafe_text_problems(doc)
        found += _event_file_problems(doc)
        found += _event_date_problems(doc)
        found += _event_reference_problems(doc, known_ids, subjects)
    found += _duplicate_id_problems(tree.events)
    # A placeholder explains itself; the enum, pattern or reference error on the same value would only repeat it.
    placeholders = [p for doc in tree.events for p in placeholder_problems(doc)]
    filled_in = {(p.path, p.line, p.col) for p in placeholders}
    return sorted({p for p in found if (p.path, p.line, p.col) not in filled_in} | set(placeholders))
