"""The JSON text of the exports: `json.dumps(value, ensure_ascii=False, indent=2)`, byte for byte, written by orjson.

With `indent`, the standard library leaves its C encoder for a pure-Python one; orjson writes the same layout
several times faster (BENCHMARKS.md, "Speed-ups: kept or replaced"). Where the two could differ, json.dumps
writes the text, so the bytes never depend on which one did:
- anything orjson refuses or is told to hand back (a non-text key, an integer beyond 64 bits, a lone surrogate,
  a subclass of str, int, list or dict, a dataclass, a date) is written by json.dumps;
- a float below 1e-4 in size: orjson writes 1e-05 as 0.00001 and 1.5e-07 as 1.5e-7, so output holding such a
  number (a digit before `e-`, or `0.0000`) is written again by json.dumps. Larger floats are written alike.
The exports hold no NaN or infinity (the loader reads neither, and the schema bounds every number), which json.dumps
would write as invalid JSON and orjson as null.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATACLASS
_OPTIONS |= orjson.OPT_PASSTHROUGH_DATETIME
_EXPONENT = re.compile(rb"e-")
_DIGITS = frozenset(b"0123456789")


def _hand_back(value: Any) -> Any:
    """orjson's hook for what it does not write itself: json.dumps is to write the whole value."""
    raise TypeError(type(value).__name__)


def _small_float_in(text: bytes) -> bool:
    """Whether orjson's text may hold a float it writes unlike json.dumps (below 1e-4 in size)."""
    if b"0.0000" in text:
        return True
    return any(text[match.start() - 1] in _DIGITS for match in _EXPONENT.finditer(text))


def dumps_indented(value: Any) -> str:
    """The same text as json.dumps(value, ensure_ascii=False, indent=2)."""
    try:
        text = orjson.dumps(value, default=_hand_back, option=_OPTIONS)
    except TypeError:  # orjson.JSONEncodeError is one
        return json.dumps(value, ensure_ascii=False, indent=2)
    if _small_float_in(text):
        return json.dumps(value, ensure_ascii=False, indent=2)
    return text.decode()
