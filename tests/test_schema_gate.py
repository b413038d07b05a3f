"""jsonschema-rs may only ever say "valid" when the project's jsonschema validator finds no error: jsonschema stays
the oracle and the one that explains every problem; jsonschema-rs is only the quick yes for the valid files."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checks import validate
from generator.input.load import REGISTRIES, load_file
from tools import synth

from .conftest import FIXTURES, ROOT

EVENT = validate.EVENT_SCHEMA


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


def errors(data: Any) -> list[Any]:
    """What the project's jsonschema validator finds wrong."""
    return list(EVENT.explain.iter_errors(data))


def agrees(data: Any) -> bool:
    """The quick check never accepts what jsonschema rejects."""
    return not EVENT.passes(data) or not errors(data)


def test_accepts_every_real_event() -> None:
    """The quick path is taken for valid events: the real ones, all of them."""
    assert [d.get("id") for d in REAL if not EVENT.passes(d)] == []


def test_registries_agree() -> None:
    """The real registries pass both checks."""
    for name in REGISTRIES:
        doc, _ = load_file(ROOT / "events" / "registry" / f"{name}.yaml", ROOT)
        assert doc is not None
        check = validate.REGISTRY_SCHEMAS[name]
        assert check.passes(doc.data)
        assert not list(check.explain.iter_errors(doc.data))


@pytest.mark.parametrize("index", range(len(FIXTURE_DOCS)))
def test_agrees_on_every_fixture(index: int) -> None:
    """Problem and hostile fixtures: the quick check never calls an invalid one valid."""
    assert agrees(FIXTURE_DOCS[index])


def test_agrees_on_synthetic_events(tmp_path: Path) -> None:
    """Two hundred synthetic events: all valid, all accepted by both."""
    synth.synth(200, tmp_path / "corpus", seed=11)
    docs = documents(tmp_path / "corpus" / "events", tmp_path / "corpus")
    assert all(EVENT.passes(d) for d in docs)
    assert all(not errors(d) for d in docs)


def _claim_event(**claim: Any) -> dict[str, Any]:
    """A real event with one claim holding `claim`'s fields."""
    event = copy.deepcopy(next(d for d in REAL if d.get("claims")))
    event["claims"][0].update(claim)
    return event


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("title", "\x1c"),  # Python's \s has the four information separators: blank, to jsonschema
        ("title", "\x85"),  # and NEL: blank too
        ("url", "https://example.org/a\x1fb"),  # a "space" inside an address
    ],
)
def test_pythons_whitespace_is_jsonschemas(where: str, value: str) -> None:
    """Patterns run on Python's re, as jsonschema runs them here: jsonschema-rs's own regex engine reads `\\s` as
    Unicode White_Space, without U+001C..U+001F and U+0085, and would call these texts valid."""
    event = copy.deepcopy(REAL[0])
    if where == "url":
        event["sources"][0]["url"] = value
    else:
        event[where] = value
    assert errors(event) and not EVENT.passes(event)


def test_a_float_is_not_a_count() -> None:
    """`min: 5.0` is no integer to the project (JSON Schema would take it): refused by both."""
    event = _claim_event(min=5.0)
    assert errors(event) and not EVENT.passes(event)
    assert EVENT.passes(_claim_event(min=5))


@pytest.mark.parametrize("data", [{1: "x"}, {"id": "\ud800"}, {"id": 10**40}, {"id": ("a", "b")}])
def test_what_is_not_json_goes_to_jsonschema(data: dict[Any, Any]) -> None:
    """A non-text key, a lone surrogate, a huge number, a tuple: no quick yes, jsonschema decides."""
    assert not EVENT.passes(data)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=5000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1.0, 5.0, -0.0, 2500.0]),
    st.sampled_from(["", " ", "x", "SDF", "2018-09-20", "1", "https://example.org/a", "no", "TODO", "a\nb"]),
    st.sampled_from(["\x1c", "a\x1d", "\x85x", "x\u2028", "\ufeff", "https://a.org/\x1e", "id\n", "a" * 81]),
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
