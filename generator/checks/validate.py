"""Validation: the JSON Schema first, then the checks a schema cannot express. Never raises on bad data."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, cast
from urllib.parse import urlsplit

import jsonschema_rs
from jsonschema import Draft202012Validator, ValidationError, validators

from generator.data import DATA
from generator.input import dates
from generator.input.load import REGISTRIES, Document, JsonPath, Tree
from generator.input.schema import allowed, compile_pattern, schema, subschema
from generator.model.records import GROUPS, UNKNOWN
from generator.output.i18n import is_arabic_text
from generator.problems import CODES, Problem
from generator.settings import CAMPAIGN_BOUNDS

# Markup that would turn contributor text into live HTML, attributes, includes or templates. Every pattern runs
# in time linear in the text (a 254 KB summary of `{x` once took minutes): no two quantifiers compete for the same
# characters, and the one check that needs "a `{` and later, before the next `}`, a handler" is done by hand.
_RAW_HTML = re.compile(r"<\s*[A-Za-z!/?]")
_ATTRIBUTE_LIST = re.compile(r"\{\s*:|\{\s*[#.][\w-]")
_HANDLER = re.compile(r"\bon\w+\s*=")
_SEGMENT_END = re.compile(r"[}\n]")
# `-8<-` is in every text that `-+8<-+` finds, and is found without trying every run of dashes.
_SNIPPET = re.compile(r"-8<-")
_TEMPLATE = re.compile(r"\{\{|\{%|\{#")
# C0/C1 controls other than tab and newline, the invisible bidi overrides used to disguise text, and Unicode tag
# characters (invisible copies of ASCII, used to hide instructions in text).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]")


def _handler_in_braces(text: str) -> bool:
    """Whether some `{` is followed, before the next `}` or line end, by an `on...=` event handler."""
    for segment in _SEGMENT_END.split(text):
        brace = segment.find("{")
        if brace >= 0 and _HANDLER.search(segment, brace) is not None:
            return True
    return False


_UNSAFE_CHECKS: tuple[tuple[Callable[[str], bool], str], ...] = (
    (lambda text: _RAW_HTML.search(text) is not None, "raw HTML is not allowed"),
    (
        lambda text: _ATTRIBUTE_LIST.search(text) is not None or _handler_in_braces(text),
        "Markdown attribute lists `{: ...}` are not allowed",
    ),
    (lambda text: _SNIPPET.search(text) is not None, "snippet includes `--8<--` are not allowed"),
    (lambda text: _TEMPLATE.search(text) is not None, "template syntax `{{ }}` / `{% %}` is not allowed"),
    (
        lambda text: _CONTROL.search(text) is not None,
        "control characters and bidirectional overrides are not allowed",
    ),
)
# Characters that may start any of the above: a text without one of them (nearly all) costs one scan.
_MAYBE_UNSAFE = re.compile(r"[<{\-]|" + _CONTROL.pattern)
# Every way Python-Markdown makes a link from text: inline `[x](target)` and `![x](target)`, and reference
# definitions `[r]: target` (used by `[x][r]`, `[x][]` and `[r]`) as its ReferenceProcessor reads them.
# Autolinks `<https://...>` are raw HTML to the check above. One rule for all: an absolute http(s) address.
_INLINE_TARGET = re.compile(r"\]\(\s*<?\s*([^)\s>]*)")
_REFERENCE_TARGET = re.compile(r"^[ ]{0,3}\[[^\[\]]*\]:[ ]*(?:\n[ ]*)?([^\s]*)", re.MULTILINE)
_ABSOLUTE_WEB = re.compile(r"https?://[^/\s]", re.IGNORECASE)
# In a URL: controls, invisible formatting (zero-width, bidi, tags) and line separators; spaces are E014's.
_URL_INVISIBLE = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})
_ASCII_CONTROL = re.compile("[\x00-\x1f\x7f]")
# Nothing a reader can see: format and control characters, spaces and lone combining marks.
_INVISIBLE = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
_LINE_FIELDS = {"title", "by", "publisher", "name", "name_ar", "admin_area", "short_name", "source"}
RESERVED_IDS = {"index"}
_URL_FIELDS = {"url", "archive_url"}
_PARAGRAPH_FIELDS = {"summary", "confidence_note", "note", "description"}
# The most entries any list allows (maxItems in the schema); cross-references are checked this far.
MAX_LISTED = 50
# The longest text any field allows (a paragraph); the schema's maxLength refuses more.
MAX_TEXT = 3000


def canonical(value: Any) -> Any:
    """A hashable key equal for two values exactly when JSON Schema calls them equal (1 == 1.0, true != 1,
    mappings in any order), so that uniqueness is one pass over a set."""
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, int | float):
        return ("n", value)
    if isinstance(value, list):
        return ("l", tuple(canonical(item) for item in value))
    if isinstance(value, dict):
        return ("d", frozenset((key, canonical(item)) for key, item in value.items()))
    return ("s", value) if isinstance(value, str) else ("z", None)


def _unique_items(validator: Any, unique: Any, instance: Any, node: dict[str, Any]) -> Iterator[ValidationError]:
    """uniqueItems in linear time: jsonschema compares every pair of a list it cannot sort (24 s for 6,000)."""
    if unique and validator.is_type(instance, "array"):
        seen: set[Any] = set()
        for item in instance:
            key = canonical(item)
            if key in seen:
                yield ValidationError(f"{_field_name(())} has non-unique elements")
                return
            seen.add(key)


def _pattern(validator: Any, pattern: str, instance: Any, node: dict[str, Any]) -> Iterator[ValidationError]:
    """pattern with ECMA-262's `$`, and only on text within the node's maxLength (which reports the rest)."""
    if not validator.is_type(instance, "string"):
        return
    limit = node.get("maxLength")
    if limit is not None and len(instance) > limit:
        return
    if compile_pattern(pattern).search(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# Draft 2020-12 as the project reads it: an integer is written as one (5.0 and 1e300 are not counts).
ProjectValidator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    validators={"pattern": _pattern, "uniqueItems": _unique_items},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", lambda _checker, v: type(v) is int),
)


class _WholeNumber:
    """jsonschema-rs keyword beside `type: integer`: 5.0 is no count to the project, though JSON Schema takes it."""

    def __init__(self, parent: dict[str, Any], value: Any, schema_path: list[str | int]) -> None:
        """Nothing to remember: the keyword's value is always true."""

    def validate(self, instance: Any) -> None:
        """Refuse a float (jsonschema-rs has checked the type and bounds)."""
        if type(instance) is float:
            raise ValueError("a float where an integer is due")


class _PythonPattern:
    """jsonschema-rs keyword in place of `pattern`: Python's re with ECMA-262's `$` (compile_pattern), as
    ProjectValidator reads it. jsonschema-rs's own engine takes `\\s` as Unicode White_Space, which lacks the
    U+001C..U+001F separators and U+0085 that Python's has: it would pass a title or an address that jsonschema
    refuses."""

    def __init__(self, parent: dict[str, Any], value: Any, schema_path: list[str | int]) -> None:
        """Compile the pattern; text beyond the node's maxLength fails that keyword and is not searched."""
        self.search, self.limit = compile_pattern(value).search, parent.get("maxLength")

    def validate(self, instance: Any) -> None:
        """Refuse text the pattern does not find."""
        searched = type(instance) is str and (self.limit is None or len(instance) <= self.limit)
        if searched and self.search(instance) is None:
            raise ValueError("does not match")


_GATE_KEYWORDS: dict[str, type[jsonschema_rs.KeywordValidator]] = {
    "x-python-pattern": _PythonPattern,
    "x-whole-number": _WholeNumber,
}


def _gate_schema(node: Any) -> Any:
    """The schema as jsonschema-rs is to read it: patterns and integers by the project's rules (keywords above)."""
    if isinstance(node, list):
        return [_gate_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _gate_schema(value) for key, value in node.items() if key != "pattern"}
    if "pattern" in node:
        out["x-python-pattern"] = node["pattern"]
    if node.get("type") == "integer":
        out["x-whole-number"] = True
    return out


@dataclass(frozen=True)
class SchemaCheck:
    """One schema twice: jsonschema-rs says quickly whether a document passes; jsonschema explains one that does not.

    jsonschema-rs (compiled; BENCHMARKS.md has its figures) only ever answers yes or no; every problem a contributor
    reads comes from jsonschema, whose errors map to the codes, lines and hints below. So a "no", or anything
    jsonschema-rs cannot take (a non-text key, a lone surrogate), only costs the slow path."""

    explain: Any  # a ProjectValidator (jsonschema's classes are untyped)
    quick: jsonschema_rs.Draft202012Validator

    @classmethod
    def of(cls, root: dict[str, Any]) -> SchemaCheck:
        """Both validators of a schema."""
        quick = jsonschema_rs.Draft202012Validator(_gate_schema(root), keywords=_GATE_KEYWORDS)
        return cls(ProjectValidator(root), quick)

    def passes(self, data: Any) -> bool:
        """True only when the document certainly satisfies the schema."""
        try:
            return bool(self.quick.is_valid(data))
        except (ValueError, TypeError, OverflowError, RecursionError):  # not JSON data: jsonschema decides
            return False


EVENT_SCHEMA = SchemaCheck.of(schema())
REGISTRY_SCHEMAS = {name: SchemaCheck.of(subschema(f"{name}_file")) for name in REGISTRIES}


def _field_name(json_path: JsonPath) -> str:
    """A readable name for a value's place: 'claims[2].min' (1-based, as a person counts)."""
    text = ""
    for part in json_path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "the file"


def shown(value: Any, limit: int = 80) -> str:
    """A contributor's value as a message quotes it: control characters and newlines visible, long ones cut."""
    text = str(value)
    visible = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text[:limit])
    return visible + "…" if len(text) > limit else visible


def _closest(word: str, choices: list[str]) -> str | None:
    """The closest of the choices to a word, if one is close enough to be a likely typo (never for text longer
    than any id: it costs time)."""
    if len(word) > 100:
        return None
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return match[0] if match else None


def _suggest(word: str, choices: list[str]) -> str:
    """' (did you mean 'x'?)' when a close match exists."""
    match = _closest(word, choices)
    return f" (did you mean '{match}'?)" if match else ""


def _fold(text: str) -> str:
    """A name as an id would spell it, to match what a contributor typed: 'Global Coalition' -> 'global-coalition'."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def _names_of(entry: Any) -> list[str]:
    """Every name a registry entry goes by: its name, short name and aliases."""
    if not isinstance(entry, dict):
        return []
    aliases = entry.get("aliases")
    names = [entry.get("name"), entry.get("short_name"), *(aliases if isinstance(aliases, list) else [])]
    return [name for name in names if isinstance(name, str)]


def _registry_match(ref: str, registry: Document | None) -> tuple[str, str] | None:
    """(id, why) of the registry entry a mistyped id most likely means: by a name or alias, the first word of an id,
    or a close spelling of either."""
    if registry is None:
        return None
    entries: dict[str, Any] = registry.data
    wanted = _fold(ref)
    by_name = {_fold(name): (entry_id, name) for entry_id, entry in entries.items() for name in _names_of(entry)}
    if wanted in by_name:
        entry_id, name = by_name[wanted]
        return entry_id, f"{name!r} is its name" if name == entries[entry_id].get(
            "name"
        ) else f"{name!r} is one of its names"
    # A first word ('hajin' for 'hajin-offensive'), unless several ids start with it.
    starting = [
        entry_id for entry_id in entries if entry_id.split("-")[0] == wanted or entry_id.startswith(f"{wanted}-")
    ]
    if len(starting) == 1:
        return starting[0], ""
    close_id = _closest(wanted, sorted(entries))
    if close_id is not None:
        return close_id, ""
    close_name = _closest(wanted, sorted(by_name))
    if close_name is not None:
        entry_id, name = by_name[close_name]
        return entry_id, f"{name!r} is one of its names"
    return None


def _type_name(value: Any) -> str:
    """The YAML-facing name of a value's type."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, float):
        return "a number with a decimal point or an exponent"
    if isinstance(value, int):
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
            close = _closest(key, known)
            if close is not None:
                message = f"unknown field '{shown(key)}'{where} (did you mean '{close}'?)"
                hint = f"Rename it to '{close}'."
            else:
                message = f"unknown field '{shown(key)}'{where}"
                hint = f"Remove it, or use one of the fields: {', '.join(known)}."
            yield doc.problem((*json_path, key), "E012", message, hint, key=True)
    elif kind == "required":
        for key in value:
            if key not in instance:
                where = f" in {name}" if json_path else ""
                yield doc.problem(json_path, "E010", f"missing required field '{key}'{where}")
    elif kind == "anyOf" and json_path and "claims" in json_path:
        yield doc.problem(json_path, "E010", f"{name} needs 'min', 'max' or both")
    elif kind == "type":
        expected = _TYPE_WORDS.get(value, value)
        message = f"{name} must be {expected}, not {_type_name(instance)}"
        yield doc.problem(json_path, "E011", message, _type_hint(json_path, value, instance))
    elif kind in ("enum", "const"):
        choices = [str(v) for v in (value if kind == "enum" else [value])]
        got = str(instance)
        yield doc.problem(
            json_path,
            "E013",
            f"{name} '{shown(got)}' is not allowed{_suggest(got, choices)}; allowed: {', '.join(choices)}",
        )
    elif kind == "propertyNames":
        yield doc.problem(
            (*json_path, instance),
            "E014",
            f"id '{shown(instance)}' may use only a-z, 0-9 and single '-' between words",
            key=True,
        )
    elif kind == "pattern":
        yield doc.problem(json_path, "E014", f"{name} {_pattern_rule(json_path, instance)}")
    elif kind in ("minLength", "minItems", "maxLength", "maxItems", "uniqueItems"):
        yield doc.problem(json_path, "E015", f"{name} {_size_rule(kind, value)}")
    elif kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        yield doc.problem(json_path, "E016", f"{name} must be {bound} {value}, not {shown(instance)}")
    else:  # pragma: no cover - a schema keyword without a mapping is a bug in this module
        yield doc.problem(json_path, "E014", f"{name}: {error.message}")


def _type_hint(json_path: JsonPath, expected: Any, instance: Any) -> str:
    """How to write a value of the wrong type in the type the schema wants, in the contributor's own words."""
    field = str(json_path[-1]) if json_path and isinstance(json_path[-1], str) else "the value"
    if expected == "string" and isinstance(instance, bool | int | float):
        shown = {True: "true", False: "false"}.get(instance, str(instance)) if isinstance(instance, bool) else instance
        return f'Put it in quotes so that it is read as text: {field}: "{shown}".'
    if expected == "string" and isinstance(instance, list | dict):
        return f"Write {field} as one line of text after '{field}: ', without '- ' or nested fields."
    if expected in ("integer", "number") and isinstance(instance, str):
        digits = re.sub(r"[,\s]", "", instance)
        if re.fullmatch(r"\d+", digits):
            return f"Write the number without quotes or separators: {field}: {digits}."
        return f"Write a number only, e.g. {field}: 100; put words such as 'about' in the claim's note."
    if expected == "array" and isinstance(instance, str | int | float):
        return f"Write it as a list in square brackets: {field}: [{instance}]."
    if expected == "object" and isinstance(instance, list):
        return (
            f"Write the fields of {field} as 'name: value' lines indented under it, without the leading '- ': "
            "a list is only for several entries of the same kind."
        )
    if expected == "object" and isinstance(instance, str | int | float | bool):
        return (
            f"Write the fields of {field} as 'name: value' lines indented under '{field}:'; CONTRIBUTING.md shows them."
        )
    if expected == "object" and instance is None:
        return f"Give {field} its fields, indented under it, or delete the line."
    return CODES["E011"].fix


def _pattern_rule(json_path: JsonPath, value: str) -> str:
    """Explain a failed pattern by the kind of field it is on."""
    last = json_path[-1] if json_path else ""
    if last in _URL_FIELDS:
        return f"'{shown(value)}' must be an http:// or https:// address without spaces"
    if last == "language":
        return f"'{shown(value)}' must be a language code such as en, ar or ku"
    if last == "id":
        example = "2019-01-18-sdf-takes-al-susah"
        return f"'{shown(value)}' must be YYYY-MM-DD-slug with only a-z, 0-9 and '-' (e.g. {example})"
    if last in ("title", "by", "name", "publisher") or (json_path and json_path[0] == "aliases"):
        return "must be a single line of text"
    if isinstance(value, str) and not value.strip():
        return "must not be blank"
    return f"'{shown(value)}' may use only a-z, 0-9 and single '-' between words"


def _size_rule(kind: str, value: Any) -> str:
    """Explain a failed size keyword."""
    return {
        "minLength": "must not be empty",
        "minItems": f"needs at least {value} {'entry' if value == 1 else 'entries'}",
        "maxLength": f"is longer than {value} characters",
        "maxItems": f"has more than {value} entries",
        "uniqueItems": "lists the same value twice",
    }[kind]


def schema_problems(doc: Document, check: SchemaCheck = EVENT_SCHEMA) -> list[Problem]:
    """Every schema problem of one document; jsonschema is asked only when jsonschema-rs says it does not pass."""
    if check.passes(doc.data):
        return []
    return [problem for error in check.explain.iter_errors(doc.data) for problem in _schema_problems(doc, error)]


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


def link_targets(text: str) -> list[str]:
    """Every link destination Markdown would make from `text`: inline links and images, reference definitions."""
    references = [target.lstrip("<").rstrip(">") for target in _REFERENCE_TARGET.findall(text)]
    return _INLINE_TARGET.findall(text) + references


def _visible(text: str) -> bool:
    """Whether any character of the text is one a reader can see (stops at the first)."""
    return any(unicodedata.category(char) not in _INVISIBLE for char in text)


def _unsafe_reason(field: str, text: str) -> str | None:
    """Why a text field's value may not be published, or None."""
    if _MAYBE_UNSAFE.search(text) is not None:
        reason = next((why for check, why in _UNSAFE_CHECKS if check(text)), None)
        if reason is not None:
            return reason
    if field in _PARAGRAPH_FIELDS:
        bad = [t for t in link_targets(text) if not _ABSOLUTE_WEB.match(t)]
        if bad:
            return f"link target '{bad[0][:80]}' must start with https:// or http://"
    return None


def unsafe_text_problems(doc: Document) -> list[Problem]:
    """Markup in any text field that could become live HTML, attributes, includes or templates (E038); URLs with
    invisible characters (E062); text with nothing visible in it (E063)."""
    found = []
    for json_path, text in _walk_strings(doc.data):
        field = json_path[-1] if json_path else ""
        if len(text) > MAX_TEXT:
            continue  # beyond every field's maxLength: the schema reports it, no pattern needs to read it
        if field in _URL_FIELDS:
            # Nearly every URL is ASCII, where only the C0 controls and DEL are invisible: one scan.
            suspects = _ASCII_CONTROL.findall(text) if text.isascii() else text
            hidden = next((c for c in suspects if unicodedata.category(c) in _URL_INVISIBLE and not c.isspace()), None)
            if hidden is not None:
                message = f"{_field_name(json_path)} holds the invisible character U+{ord(hidden):04X}"
                found.append(doc.problem(json_path, "E062", message))
            continue
        text_field = field in _LINE_FIELDS or field in _PARAGRAPH_FIELDS or "aliases" in json_path
        if text_field and text.strip() and not _visible(text):
            found.append(doc.problem(json_path, "E063", f"{_field_name(json_path)} has no visible character"))
            continue
        reason = _unsafe_reason(str(field), text)
        if reason:
            found.append(doc.problem(json_path, "E038", f"{_field_name(json_path)}: {reason}"))
    return found


def _blocklist() -> frozenset[str]:
    """The blocked domains of generator/data/blocklist.txt, read once."""
    text = (DATA / "blocklist.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


BLOCKED_DOMAINS = _blocklist()


def blocked_domain(url: str) -> str | None:
    """The blocklist entry an address falls under (its host or a parent domain of it), or None."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    parts = host.split(".")
    return next((d for d in (".".join(parts[i:]) for i in range(len(parts) - 1)) if d in BLOCKED_DOMAINS), None)


def blocked_source_problems(doc: Document) -> list[Problem]:
    """Sources whose url or archive_url is on a blocked copy or shortener site (E040)."""
    found = []
    sources = doc.data.get("sources")
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        for field in ("url", "archive_url"):
            url = source.get(field) if isinstance(source, dict) else None
            domain = blocked_domain(url) if isinstance(url, str) else None
            if domain is not None:
                kind = "a link shortener" if domain in _SHORTENERS else "a copy of other sites' articles"
                found.append(
                    doc.problem(
                        ("sources", index, field),
                        "E040",
                        f"sources[{index + 1}].{field} is on {domain}, {kind} (generator/data/blocklist.txt)",
                    )
                )
    return found


_SHORTENERS = frozenset({"bit.ly", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd"})


def _date_problem(doc: Document, json_path: JsonPath, text: Any) -> tuple[dates.FuzzyDate | None, list[Problem]]:
    """Parse one EDTF field, reporting E020/E021 at its position."""
    if not isinstance(text, str):
        return None, []
    try:
        return dates.parse(text), []
    except dates.DateError as error:
        code = "E021" if error.reversed_interval else "E020"
        return None, [doc.problem(json_path, code, f"{_field_name(json_path)}: {error}", error.suggestion)]


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


_REGISTRY_OF = {"place": "places", "actor": "actors", "phase": "phases"}


def _ref_problem(
    doc: Document,
    json_path: JsonPath,
    ref: Any,
    known: Collection[str],
    what: str,
    registry: Document | None = None,
) -> list[Problem]:
    """E032 when `ref` is not one of `known`, suggesting the entry it most likely means (by id, name or alias)."""
    if not isinstance(ref, str) or ref in known:
        return []
    where = f"events/registry/{_REGISTRY_OF[what]}.yaml" if what in _REGISTRY_OF else "events/"
    match = _registry_match(ref, registry) if registry is not None else None
    if match is None and (close := _closest(ref, sorted(known))) is not None:
        match = (close, "")
    if match is not None:
        entry_id, why = match
        because = f"; {why}" if why else ""
        message = f"unknown {what} '{shown(ref)}' (did you mean '{entry_id}'?{because})"
        return [doc.problem(json_path, "E032", message, f"Write '{entry_id}', the id {where} gives it.")]
    if what == "event":
        hint = "Use the id of an event file in events/ (its file name without .yaml), or remove it."
    elif what == "actor" and json_path and "about" in json_path:
        hint = f"Use an actor id from {where}, civilians or people, or add the actor to {where} first."
    else:
        hint = f"Use an id from {where}, or add the {what} to {where} first (CONTRIBUTING.md, section 8)."
    return [doc.problem(json_path, "E032", f"unknown {what} '{shown(ref)}'", hint)]


def _event_file_problems(doc: Document) -> list[Problem]:
    """The file's id, name, folder and date must agree (E030, E036, E007)."""
    data, found = doc.data, []
    event_id = data.get("id")
    if not isinstance(event_id, str) or not re.match(r"^\d{4}-\d{2}-\d{2}-", event_id):
        return []
    file = PurePosixPath(doc.path)
    if file.stem != event_id:
        found.append(
            doc.problem(
                ("id",),
                "E030",
                f"id '{shown(event_id)}' does not match the file name '{file.name}'",
                f"Rename the file to {shown(event_id)}.yaml or change the id to '{file.stem}'.",
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
    low, high = CAMPAIGN_BOUNDS
    if parsed is not None and (parsed.end < low or parsed.start > high):
        found.append(doc.problem(("date",), "E022", f"date '{parsed.text}' lies outside {low.year}-{high.year}"))
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
    # Past MAX_LISTED gradings the list is refused anyway (maxItems): no more checks.
    return assessments[:MAX_LISTED] if isinstance(assessments, list) else []


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


def _civilian_harm_problems(doc: Document, actors: Collection[str], registry: Document | None) -> list[Problem]:
    """Blamed parties must be actors or 'unknown' alone (E032, E090); gradings cite listed sources (E034). Blamed
    ids go unchecked while the actors registry cannot be read (`registry` is None), as claims' subjects do."""
    harm, found = doc.data.get("civilian_harm"), []
    if not isinstance(harm, dict):
        return []
    blamed = harm.get("blamed")
    blamed = blamed[:MAX_LISTED] if isinstance(blamed, list) else []
    for index, ref in enumerate(blamed if registry is not None else []):
        found += _ref_problem(doc, ("civilian_harm", "blamed", index), ref, {*actors, UNKNOWN}, "actor", registry)
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


def _claim_problems(doc: Document, subjects: Collection[str], actors: Document | None) -> list[Problem]:
    """Claims: a sane range, a source the event lists, a known subject (E033, E034, E032); subjects go unchecked
    while the actors registry cannot be read (`actors` is None), which is reported once, on the registry."""
    found: list[Problem] = []
    source_count = _source_count(doc.data)
    claims = doc.data.get("claims")
    for index, claim in enumerate(claims[:MAX_LISTED] if isinstance(claims, list) else []):
        if not isinstance(claim, dict):
            continue
        here = ("claims", index)
        low, high = claim.get("min"), claim.get("max")
        if isinstance(low, int) and isinstance(high, int) and low > high:
            found.append(doc.problem((*here, "min"), "E033", f"{_field_name(here)}: min {low} is above max {high}"))
        found += _source_number_problem(doc, here, claim.get("source"), source_count)
        if actors is not None:
            found += _ref_problem(doc, (*here, "about"), claim.get("about"), subjects, "actor", actors)
    return found


def _event_reference_problems(
    doc: Document, known_ids: KnownIds, subjects: Collection[str], tree: Tree
) -> list[Problem]:
    """Places, actors, phase and related events must exist (E032). References to a registry that could not be
    read are not checked: its own error says what is wrong, and every reference would only repeat it."""
    data, found = doc.data, []
    if tree.phases is not None:
        found += _ref_problem(doc, ("phase",), data.get("phase"), known_ids.phases, "phase", tree.phases)
    for field, known, what, registry, readable in (
        ("places", known_ids.places, "place", tree.places, tree.places is not None),
        ("actors", known_ids.actors, "actor", tree.actors, tree.actors is not None),
        ("related", known_ids.events, "event", None, True),
    ):
        values = data.get(field)
        # Past MAX_LISTED entries a list is refused anyway (maxItems): no more lookups.
        for index, ref in enumerate(values[:MAX_LISTED] if isinstance(values, list) and readable else []):
            found += _ref_problem(doc, (field, index), ref, known, what, registry)
    if data.get("confidence") == "disputed" and not data.get("confidence_note"):
        found.append(doc.problem(("confidence",), "E035", "confidence is 'disputed' but there is no confidence_note"))
    found += _claim_problems(doc, subjects, tree.actors)
    return found + _civilian_harm_problems(doc, known_ids.actors, tree.actors)


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
                    f"id '{shown(event_id)}' is also used by {first_seen[event_id].path}",
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
            found += schema_problems(doc, REGISTRY_SCHEMAS[name]) + unsafe_text_problems(doc)
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
        found += _ref_problem(doc, (actor_id, "parent"), parent, sorted(actors), "actor", doc)
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


_ARABIC_FIELDS = ("title", "summary", "confidence_note")


def arabic_text_problems(doc: Document) -> list[Problem]:
    """The `ar` block's text must be in Arabic script (E120), its confidence note translate an English one (E121)."""
    block, found = doc.data.get("ar"), []
    if not isinstance(block, dict):
        return []
    for field in _ARABIC_FIELDS:
        text = block.get(field)
        if isinstance(text, str) and text.strip() and not is_arabic_text(text):
            found.append(doc.problem(("ar", field), "E120", f"ar.{field} is not written in Arabic script"))
    if isinstance(block.get("confidence_note"), str) and not doc.data.get("confidence_note"):
        found.append(doc.problem(("ar", "confidence_note"), "E121", "ar.confidence_note, but no confidence_note"))
    return found


def _arabic_name_problems(doc: Document | None) -> list[Problem]:
    """A registry entry's `name_ar` must be in Arabic script (E120)."""
    if doc is None or not isinstance(doc.data, dict):
        return []
    found = []
    for entry_id, entry in doc.data.items():
        name = entry.get("name_ar") if isinstance(entry, dict) else None
        if isinstance(name, str) and name.strip() and not is_arabic_text(name):
            found.append(doc.problem((entry_id, "name_ar"), "E120", f"{entry_id}: name_ar is not in Arabic script"))
    return found


def validate(tree: Tree, only: Collection[str] | None = None) -> list[Problem]:
    """Every problem in every file of the tree, sorted by file and position.

    With `only`, the event files' own checks run for those paths alone (the live preview's edited files), still
    against every file's ids; the checks across files run in full."""
    found = _registry_problems(tree)
    for registry in (tree.places, tree.actors, tree.phases):
        found += _arabic_name_problems(registry)
    known_ids = KnownIds.of(tree)
    subjects = known_ids.subjects
    checked = tree.events if only is None else tuple(d for d in tree.events if d.path in only)
    for doc in checked:
        found += schema_problems(doc)
        found += unsafe_text_problems(doc)
        found += _event_file_problems(doc)
        found += _event_date_problems(doc)
        found += blocked_source_problems(doc)
        found += arabic_text_problems(doc)
        found += _event_reference_problems(doc, known_ids, subjects, tree)
    found += _duplicate_id_problems(tree.events)
    # A placeholder explains itself; the enum, pattern or reference error on the same value would only repeat it.
    placeholders = [p for doc in checked for p in placeholder_problems(doc)]
    filled_in = {(p.path, p.line, p.col) for p in placeholders}
    return sorted({p for p in found if (p.path, p.line, p.col) not in filled_in} | set(placeholders))
