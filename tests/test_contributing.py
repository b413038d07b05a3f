"""CONTRIBUTING.md stays true: its example event is valid, and its field reference is the schema's."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator import cli, pipeline
from generator.input.load import parse_text
from generator.input.schema import schema
from generator.output import fielddocs

from .conftest import ROOT

GUIDE = ROOT / "CONTRIBUTING.md"


def example_text() -> str:
    """The yaml block that follows the <!-- example-event --> marker."""
    match = re.search(r"<!-- example-event -->\n```yaml\n(.*?)```\n", GUIDE.read_text(encoding="utf-8"), re.S)
    assert match, "CONTRIBUTING.md lost its marked example"
    return match[1]


def example_data() -> dict[str, Any]:
    """The example event as data."""
    doc, problems = parse_text(example_text(), "example.yaml")
    assert doc is not None, problems
    data: dict[str, Any] = doc.data
    return data


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """A copy of the real events and registries, so the example meets every id and every possible duplicate."""
    shutil.copytree(ROOT / "events", tmp_path / "events")
    return tmp_path


def test_the_example_event_is_valid_with_no_warnings(real_copy: Path) -> None:
    """Written where its id says, the example passes the strictest check, and the project stays clean."""
    data = example_data()
    relative = f"events/{data['id'][:4]}/{data['id']}.yaml"
    (real_copy / relative).write_text(example_text(), encoding="utf-8")
    assert pipeline.check(real_copy, only=[relative], advisory=True).problems == []
    assert pipeline.check(real_copy).problems == []


def test_the_example_shows_every_field() -> None:
    """Every field of an event, of a claim and of a source appears in the example."""
    data = example_data()
    definitions = schema()["$defs"]
    assert set(data) == set(schema()["properties"])
    assert {key for claim in data["claims"] for key in claim} == set(definitions["claim"]["properties"])
    assert {key for source in data["sources"] for key in source} == set(definitions["source"]["properties"])
    assert set(data["civilian_harm"]) == set(definitions["civilian_harm"]["properties"])
    assessments = data["civilian_harm"]["assessments"]
    assert {key for assessment in assessments for key in assessment} == set(definitions["assessment"]["properties"])


def test_the_example_starts_with_the_schema_modeline() -> None:
    """Line 1 is the line editors read, the same `timeline new` writes."""
    assert example_text().splitlines()[0] == "# yaml-language-server: $schema=../../generator/data/timeline.schema.json"


def test_field_reference_matches_the_schema() -> None:
    """The drift test: CONTRIBUTING.md's generated section is exactly what the schema gives (`make docs`)."""
    text = GUIDE.read_text(encoding="utf-8")
    start, end = text.index(fielddocs.START), text.index(fielddocs.END) + len(fielddocs.END)
    assert text[start:end] == fielddocs.field_reference_markdown(), "run `make docs` and commit CONTRIBUTING.md"


def test_field_reference_lists_every_field_with_its_allowed_values() -> None:
    """A row per property of every section; enumerated fields list all their values."""
    reference = fielddocs.field_reference_markdown()
    for _, path, _ in fielddocs._SECTIONS:
        holder: dict[str, Any] = schema()
        for part in path:
            holder = holder[part]
        for field in holder["properties"]:
            assert f"| `{field}` |" in reference, field
    kind_row = next(line for line in reference.splitlines() if line.startswith("| `kind` |"))
    assert kind_row.split(" | ")[1:3] == ["**yes**", "text"]
    assert all(f"`{value}`" in kind_row for value in schema()["properties"]["kind"]["enum"])


def test_type_words() -> None:
    """Types read as a contributor thinks of them."""
    props, defs = schema()["properties"], schema()["$defs"]
    assert fielddocs.type_words(props["title"]) == "text, one line, at most 200 characters"
    assert fielddocs.type_words(props["date"]) == "EDTF date"
    assert fielddocs.type_words(props["places"]) == "list of ids, each at most once, at most 50"
    assert fielddocs.type_words(props["sources"]) == "list of sources (see Source fields), at most 20"
    assert fielddocs.type_words(props["schema"]) == "the value 1"
    assert fielddocs.type_words(defs["claim"]["properties"]["min"]) == "whole number, from 0 to 1,000,000,000"
    assert fielddocs.type_words(defs["place"]["properties"]["coordinates"]["properties"]["lat"]) == (
        "number, from -90 to 90"
    )


def _with_examples(node: Any, path: str = "#") -> list[tuple[str, dict[str, Any]]]:
    """Every schema node that gives examples, with its JSON pointer."""
    found = []
    if isinstance(node, dict):
        if "examples" in node:
            found.append((path, node))
        for key, value in node.items():
            found += _with_examples(value, f"{path}/{key}")
    return found


def test_every_schema_example_is_valid_for_its_field() -> None:
    """The examples the field reference and editors show pass their own field's rules."""
    nodes = _with_examples(schema())
    assert len(nodes) > 40
    for pointer, node in nodes:
        field_schema = {"$defs": schema()["$defs"], **{k: v for k, v in node.items() if k != "examples"}}
        for example in node["examples"]:
            assert list(Draft202012Validator(field_schema).iter_errors(example)) == [], (pointer, example)


def test_timeline_docs_rewrites_a_stale_reference(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline docs --check` fails on a stale section; `timeline docs` rewrites only that section."""
    (tmp_path / "events").mkdir()
    stale = f"# Guide\n\nKept.\n\n{fielddocs.START}\nold\n{fielddocs.END}\n\nAlso kept.\n"
    (tmp_path / "CONTRIBUTING.md").write_text(stale, encoding="utf-8")
    path = tmp_path / "CONTRIBUTING.md"
    assert cli.main(["--root", str(tmp_path), "docs", "--check"]) == 1
    assert capsys.readouterr().err == f"{path}: the field reference differs from the schema; run `make docs`\n"
    assert path.read_text(encoding="utf-8") == stale
    assert cli.main(["--root", str(tmp_path), "docs"]) == 0
    assert capsys.readouterr().out == f"{path}: rewrote the field reference from the schema\n"
    assert path.read_text(encoding="utf-8") == (
        f"# Guide\n\nKept.\n\n{fielddocs.field_reference_markdown()}\n\nAlso kept.\n"
    )
    assert cli.main(["--root", str(tmp_path), "docs", "--check"]) == 0
    assert capsys.readouterr().out == f"{path}: the field reference is up to date\n"


def test_timeline_docs_needs_the_markers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without the markers nothing is written and the command says why."""
    (tmp_path / "events").mkdir()
    (tmp_path / "CONTRIBUTING.md").write_text("# Guide\n", encoding="utf-8")
    assert cli.main(["--root", str(tmp_path), "docs"]) == 1
    assert capsys.readouterr().err == (
        f"timeline docs: {tmp_path / 'CONTRIBUTING.md'}: the markers {fielddocs.START} and {fielddocs.END} "
        "are missing or out of order\n"
    )
