"""The one JSON Schema file, loaded once: the validator, the labels and the field docs all read it."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from generator.data import DATA

SCHEMA_PATH = DATA / "timeline.schema.json"


@cache
def schema() -> dict[str, Any]:
    """The parsed schema document."""
    result: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return result


def subschema(name: str) -> dict[str, Any]:
    """A schema whose root is `$defs/<name>`, keeping every definition so references resolve."""
    root = schema()
    return {"$schema": root["$schema"], "$defs": root["$defs"], "$ref": f"#/$defs/{name}"}


def _enum_holder(field: str) -> dict[str, Any]:
    """The schema node of an enumerated field, by its dotted path from the event root or a definition."""
    root = schema()
    head, _, rest = field.partition(".")
    node: dict[str, Any] = root["properties"][head] if not rest else root["$defs"][head]["properties"]
    for part in rest.split(".") if rest else []:
        node = node[part] if part in node else node["properties"][part]
    return node


@cache
def labels(field: str) -> dict[str, str]:
    """Reader-facing labels of an enumerated field, e.g. labels('kind') or labels('claim.what')."""
    node = _enum_holder(field)
    result: dict[str, str] = node["x-labels"]
    return result


def allowed(field: str) -> list[str]:
    """The allowed values of an enumerated field."""
    result: list[str] = _enum_holder(field)["enum"]
    return result


PUBLISHED_PATH = "schema/timeline.schema.json"  # = urls.SCHEMA_FILE; a test keeps the two equal


def site_files() -> dict[str, str]:
    """The schema as the site publishes it, by docs-relative path: the same bytes as the repository's file."""
    return {PUBLISHED_PATH: SCHEMA_PATH.read_text(encoding="utf-8")}


@cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A schema pattern as ECMA-262 reads it: `$` is the end of the text, not also the place before a final
    newline (Python's reading, which let 'id\\n' pass). Used by the validator and the fast check alike."""
    translated, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            translated.append(char)
            escaped = False
        elif char == "\\":
            translated.append(char)
            escaped = True
        elif in_class:
            translated.append(char)
            in_class = char != "]"
        elif char == "[":
            translated.append(char)
            in_class = True
        else:
            translated.append(r"\Z" if char == "$" else char)
    return re.compile("".join(translated))
