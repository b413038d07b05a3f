"""The fast schema check may only ever say "valid" when jsonschema finds no error; jsonschema stays the oracle."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from generator import synth
from generator.fastschema import compile_schema
from generator.load import load_file
from generator.schema import schema, subschema

from .conftest import FIXTURES, ROOT

EVENT = Draft202012Validator(schema())
FAST = compile_schema(schema())


def documents(folder: Path, root: Path) -> list[Any]:
    """The data of every YAML file under a folder that loads at all, registries aside."""
    found = []
    for file in sorted(folder.rglob("*.yaml")):
        if "registry" in file.parts:
            continue
        doc, _ = load_file(file, root)
        if doc is not None:
            found.append(doc.data)
    return found


REAL = documents(ROOT / "events", ROOT)
FIXTURE_DOCS = documents(FIXTURES, FIXTURES)


def agrees(data: Any) -> bool:
    """The fast check never accepts what jsonschema rejects."""
    assert FAST is not None
    return not FAST(data) or not list(EVENT.iter_errors(data))


def test_the_schema_compiles() -> None:
    """Every keyword the schema uses is implemented (else validation would silently use jsonschema alone)."""
    assert FAST is not None
    for name in ("places_file", "actors_file", "phases_file"):
        assert compile_schema(subschema(name)) is not None


def test_accepts_every_real_event() -> None:
    """The fast path is taken for valid events: the real ones, all of them."""
    assert FAST is not None
    assert [d.get("id") for d in REAL if not FAST(d)] == []


def test_registries_agree() -> None:
    """The real registries pass both checks."""
    for name in ("places", "actors", "phases"):
        doc, _ = load_file(ROOT / "events" / "registry" / f"{name}.yaml", ROOT)
        assert doc is not None
        check = compile_schema(subschema(f"{name}_file"))
        assert check is not None and check(doc.data)
        assert not list(Draft202012Validator(subschema(f"{name}_file")).iter_errors(doc.data))


@pytest.mark.parametrize("index", range(len(FIXTURE_DOCS)))
def test_agrees_on_every_fixture(index: int) -> None:
    """Problem and hostile fixtures: the fast check never calls an invalid one valid."""
    assert agrees(FIXTURE_DOCS[index])


def test_agrees_on_synthetic_events(tmp_path: Path) -> None:
    """Two hundred synthetic events: all valid, all accepted by both."""
    synth.synth(200, tmp_path / "corpus", seed=11)
    docs = documents(tmp_path / "corpus" / "events", tmp_path / "corpus")
    assert FAST is not None
    assert all(FAST(d) for d in docs)
    assert all(not list(EVENT.iter_errors(d)) for d in docs)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=5000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", " ", "x", "SDF", "2018-09-20", "1", "https://example.org/a", "no", "TODO", "a\nb"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["min", "max", "x"]), inner),
    max_leaves=6,
)


def paths(data: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a document."""
    found = [here]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*here, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*here, index))
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_agrees_on_mutations(data: st.DataObject) -> None:
    """A real event with one value replaced, removed or one key added: the two never disagree towards valid."""
    event = copy.deepcopy(data.draw(st.sampled_from(REAL)))
    target = data.draw(st.sampled_from(paths(event)[1:]))
    parent = event
    for part in target[:-1]:
        parent = parent[part]
    action = data.draw(st.sampled_from(["replace", "remove", "add"]))
    if action == "replace":
        parent[target[-1]] = data.draw(VALUES)
    elif action == "remove":
        del parent[target[-1]]
    elif isinstance(parent, dict):
        parent[data.draw(st.sampled_from(["extra", "min", "max", "unit", "note", "stance", "schema"]))] = data.draw(
            VALUES
        )
    else:
        parent.append(data.draw(VALUES))
    assert agrees(event)
