"""Fast paths agree with the slow, obvious code they stand in for."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator import pipeline
from generator.input.dates import Precision
from generator.output import exports, jsonfmt, urls
from tools import synth

PART = st.sampled_from(["events", "places", "a", "b", "index.md", "x.md", ".", "timeline", "2018-09-20-x.md"])
PATH = st.lists(PART, min_size=0, max_size=4).map("/".join)


@given(PATH, PATH)
def test_relpath_agrees_with_posixpath(path: str, start: str) -> None:
    """The docs-relative relpath gives what posixpath.relpath gives."""
    assert urls.relpath(path or ".", start or ".") == posixpath.relpath(path or ".", start or ".")


@given(st.lists(PART, min_size=1, max_size=3).map("/".join), st.lists(PART, min_size=1, max_size=3).map("/".join))
def test_links_and_urls_agree(target: str, here: str) -> None:
    """relative() and relative_url() give what they gave with posixpath.relpath."""
    assert urls.relative(target, here) == posixpath.relpath(target, posixpath.dirname(here) or ".")
    base, destination = urls.directory_url(here), urls.directory_url(target)
    slow = posixpath.relpath(destination or ".", base.rstrip("/") or ".")
    assert urls.relative_url(target, here) == ("./" if slow == "." else slow.rstrip("/") + "/")


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from('"\\\n\t\x00\u2028'))
# Floats of every size, the small ones too (orjson writes 1e-05 as 0.00001): the exports never hold NaN or infinity.
FLOATS = st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from(
    [1e-05, -3e-05, 1.5e-07, 9.9e-05, 1e-4, 1e16]
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | FLOATS | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@given(JSON)
def test_json_writer_matches_json_dumps(value: object) -> None:
    """dumps_indented gives json.dumps(value, ensure_ascii=False, indent=2), integers beyond 64 bits included."""
    assert jsonfmt.dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


@given(st.lists(TEXT, max_size=3), st.sampled_from(["1e-05", "3e-7", "x0.00001"]))
def test_text_that_looks_like_a_small_float_is_written_alike(words: list[str], lookalike: str) -> None:
    """Text holding `e-` after a digit, or `0.0000`, only sends the value to json.dumps: the same bytes again."""
    value = {"note": " ".join([*words, lookalike]), "n": [1, 2.5]}
    assert jsonfmt.dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_json_writer_hands_other_types_back() -> None:
    """Tuples, str and int subclasses, non-text keys and lone surrogates are written as json.dumps writes them."""
    for value in ({"a": (1, 2)}, {1: "x"}, [Precision.DAY], {"n": True, "e": []}, ["\ud800"], {"big": 2**80}):
        assert jsonfmt.dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_exports_are_unchanged(project: Path) -> None:
    """Every JSON export of the fixture project and of a synthetic one reads back as what json.dumps writes."""
    synth.synth(150, project.parent / "corpus", seed=2)
    for root in (project, project.parent / "corpus"):
        catalog = pipeline.check(root).catalog
        assert catalog is not None
        for name, text in exports.data_files(catalog).items():
            if name.endswith((".json", ".geojson")) and not name.endswith("schema.json"):
                assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n", name
