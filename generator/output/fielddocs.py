"""The field reference of CONTRIBUTING.md, generated from the one JSON Schema so the two cannot drift apart.

`timeline docs` rewrites the part of CONTRIBUTING.md between the markers; a test fails when it is stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.input.load import read_regular
from generator.input.schema import schema

CONTRIBUTING = Path("CONTRIBUTING.md")
START, END = "<!-- fields:start -->", "<!-- fields:end -->"

# (heading, path of the object's schema from the root, where its entries are written)
_SECTIONS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("Event fields", (), "one file per event, `events/<year>/<id>.yaml`"),
    ("Source fields", ("$defs", "source"), "each entry of an event's `sources:`"),
    ("Claim fields", ("$defs", "claim"), "each entry of an event's `claims:`; give `min`, `max` or both"),
    ("Civilian harm fields", ("$defs", "civilian_harm"), "an event's `civilian_harm:`"),
    ("Assessment fields", ("$defs", "assessment"), "each entry of `civilian_harm:`'s `assessments:`"),
    ("Place fields", ("$defs", "place"), "each entry of `events/registry/places.yaml`, under its id"),
    ("Coordinates fields", ("$defs", "place", "properties", "coordinates"), "a place's `coordinates:`"),
    ("Actor fields", ("$defs", "actor"), "each entry of `events/registry/actors.yaml`, under its id"),
    ("Phase fields", ("$defs", "phase"), "each entry of `events/registry/phases.yaml`, under its id"),
)

# What the shared definitions mean to someone writing YAML, alone and as list items.
_DEF_TYPES = {
    "line": "text, one line",
    "paragraph": "text, a paragraph",
    "ref": "id of a-z, 0-9 and '-'",
    "url": "http(s) address",
}
_DEF_ITEMS = {
    "line": "one-line texts",
    "ref": "ids",
    "claim": "claims (see Claim fields)",
    "source": "sources (see Source fields)",
    "assessment": "gradings (see Assessment fields)",
}
_TYPES = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false"}


def _resolve(node: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """The name of the definition a node refers to (if any) and the node with the definition's keywords."""
    ref = node.get("$ref")
    if not isinstance(ref, str):
        return None, node
    name = ref.rsplit("/", 1)[-1]
    return name, {**schema()["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}


def _limits(node: dict[str, Any]) -> str:
    """' (at most 200 characters)', ' (0 or more)', ' (from -90 to 90)' ..."""
    if "maxLength" in node:
        return f", at most {node['maxLength']} characters"
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None and high is not None:
        return f", from {low} to {high:,}" if isinstance(high, int) and high >= 10_000 else f", from {low} to {high}"
    return f", {low} or more" if low is not None else ""


def type_words(node: dict[str, Any]) -> str:
    """A field's type as a contributor reads it: 'text, one line, at most 200 characters', 'list of ids' ..."""
    name, node = _resolve(node)
    if "const" in node:
        return f"the value {node['const']}"
    if node.get("type") == "array":
        item_name, _ = _resolve(node["items"])
        item_words = _DEF_ITEMS.get(item_name or "", "words")
        most = f", at most {node['maxItems']}" if "maxItems" in node else ""
        return f"list of {item_words}" + (", each at most once" if node.get("uniqueItems") else "") + most
    if node.get("type") == "object":
        return "mapping of fields (below)"
    words = _DEF_TYPES.get(name or "", _TYPES.get(node.get("type", ""), "value"))
    if "EDTF" in node.get("description", ""):
        return "EDTF date"  # its length limit only keeps out what is no date at all
    return words + _limits(node)


def _code(value: Any) -> str:
    """A value as inline code in a table cell."""
    text = "[" + ", ".join(str(v) for v in value) + "]" if isinstance(value, list) else str(value)
    return "`" + text.replace("|", "\\|") + "`"


def _cell(text: str) -> str:
    """Text made safe for one table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _rows(holder: dict[str, Any]) -> list[str]:
    """One table row per property of an object schema, in schema order."""
    required = set(holder.get("required", []))
    rows = []
    for field, raw in holder["properties"].items():
        _, node = _resolve(raw)
        allowed = node.get("enum") or ([node["const"]] if "const" in node else [])
        examples = node.get("examples") or []
        rows.append(
            "| "
            + " | ".join(
                [
                    f"`{field}`",
                    "**yes**" if field in required else "no",
                    _cell(type_words(raw)),
                    ", ".join(_code(v) for v in allowed),
                    _cell(raw.get("description") or node.get("description") or ""),
                    _code(examples[0]) if examples else "",
                ]
            )
            + " |"
        )
    return rows


def field_reference_markdown() -> str:
    """The generated field reference, markers included."""
    lines = [
        START,
        "<!-- Generated from generator/data/timeline.schema.json by `make docs` (timeline docs). "
        "Do not edit by hand. -->",
    ]
    for heading, path, where in _SECTIONS:
        holder: dict[str, Any] = schema()
        for part in path:
            holder = holder[part]
        lines += [
            "",
            f"### {heading}",
            "",
            f"Where: {where}.",
            "",
            "| Field | Required | Type | Allowed values | What it holds | Example |",
            "| --- | --- | --- | --- | --- | --- |",
            *_rows(holder),
        ]
    return "\n".join([*lines, "", END])


def with_field_reference(text: str) -> str:
    """The document with the part between the markers replaced by the generated reference."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the markers {START} and {END} are missing or out of order")
    return text[:start] + field_reference_markdown() + text[end + len(END) :]


def read_contributing(root: Path) -> str | None:
    """The text of the project's CONTRIBUTING.md (the site publishes it as the contributors' guide), if it has one
    as a regular file inside the project (a link could publish any file of the build machine: E060, see
    content.guide_problems)."""
    raw, _ = read_regular(root / CONTRIBUTING, root)
    if raw is None:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def update(root: Path) -> bool:
    """Rewrite the field reference of the project's CONTRIBUTING.md; True when the file changed."""
    path = root / CONTRIBUTING
    text = path.read_text(encoding="utf-8")
    new = with_field_reference(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text
