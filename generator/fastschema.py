"""A fast yes/no answer to "does this document satisfy the schema?", for the common case where it does.

jsonschema is the oracle and stays the only source of problems: it takes about half a millisecond per event,
most of it resolving references and building error objects that a valid event never needs. This module compiles
the schema once into plain Python closures that answer only "valid" or "not sure". When it says valid, the
document is valid (each keyword is implemented to that standard, and tests compare it with jsonschema on every
fixture and on generated mutations); when it is not sure, validate asks jsonschema for the problems as before.

Being wrong in the "not sure" direction only costs time, so anything unusual (a float where an integer is due,
a list of mixed types under uniqueItems) is simply "not sure". A schema keyword this module does not know makes
`compile_schema` return None, and validation falls back to jsonschema alone: a new keyword can never be skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .schema import compile_pattern

Check = Callable[[Any], bool]

# Keywords that only describe; they never make a document invalid.
_ANNOTATIONS = frozenset({"$schema", "$comment", "$defs", "title", "description", "examples", "default", "x-labels"})
_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: type(v) is str,
    "integer": lambda v: type(v) is int,  # a float such as 1.0 is "not sure": jsonschema decides
    "number": lambda v: type(v) is int or type(v) is float,
    "array": lambda v: type(v) is list,
    "object": lambda v: type(v) is dict,
    "boolean": lambda v: type(v) is bool,
    "null": lambda v: v is None,
}


class Unsupported(Exception):
    """The schema uses something this module does not implement."""


def _same(value: Any, allowed: Any) -> bool:
    """Equal and of the very same type: a strict subset of JSON Schema equality (which also has 1 == 1.0)."""
    return type(value) is type(allowed) and type(value) in (str, int, bool, float) and value == allowed


def _all(checks: list[Check]) -> Check:
    """One check passing when every one of `checks` does (unrolled for the usual two or three)."""
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        a, b = checks
        return lambda v: a(v) and b(v)
    if len(checks) == 3:
        a, b, c = checks
        return lambda v: a(v) and b(v) and c(v)
    return lambda v: all(check(v) for check in checks)


class _Compiler:
    """Turns schema nodes into checks, resolving local references once each."""

    def __init__(self, root: Any) -> None:
        """Remember the root that `#/...` references point into."""
        self.root = root
        self.refs: dict[str, Check | None] = {}

    def ref(self, pointer: str) -> Check:
        """The check of a local reference, compiled once; a reference back into itself goes through the table."""
        if not pointer.startswith("#"):
            raise Unsupported(f"remote reference {pointer}")
        if pointer in self.refs:
            known = self.refs[pointer]
            if known is not None:
                return known
            table = self.refs  # a cycle: look the check up when it runs, by then it is compiled
            return lambda v: table[pointer](v)  # type: ignore[misc]
        node: Any = self.root
        for part in (p for p in pointer[1:].split("/") if p):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        self.refs[pointer] = None
        check = self.refs[pointer] = self.compile(node)
        return check

    def compile(self, schema: Any) -> Check:
        """One schema node as a single check: every keyword's check must pass."""
        if schema is True or schema == {}:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise Unsupported(f"schema node {schema!r}")
        compiled = (self._keyword(key, value, schema) for key, value in schema.items() if key not in _ANNOTATIONS)
        checks = [c for c in compiled if c is not None]
        return _all(checks)

    def _keyword(self, key: str, value: Any, schema: dict[str, Any]) -> Check | None:
        """The check of one keyword, or None for one that `properties` handles together with it."""
        if key == "type":
            names = [value] if isinstance(value, str) else list(value)
            tests = [_TYPES[name] for name in names]
            return tests[0] if len(tests) == 1 else (lambda v: any(test(v) for test in tests))
        if key == "$ref":
            return self.ref(value)
        if key == "enum":
            allowed = list(value)
            strings = frozenset(a for a in allowed if type(a) is str)
            if len(strings) == len(allowed):
                return lambda v: type(v) is str and v in strings
            return lambda v: any(_same(v, a) for a in allowed)
        if key == "const":
            return lambda v: _same(v, value)
        if key == "pattern":
            # The same reading of `$` as the validator's; text beyond maxLength fails that keyword anyway.
            search, limit = compile_pattern(value).search, schema.get("maxLength")
            if limit is None:
                return lambda v: type(v) is not str or search(v) is not None
            return lambda v: type(v) is not str or len(v) > limit or search(v) is not None
        if key in ("minLength", "maxLength"):
            low = key == "minLength"
            return lambda v: type(v) is not str or (len(v) >= value if low else len(v) <= value)
        if key in ("minItems", "maxItems"):
            low = key == "minItems"
            return lambda v: type(v) is not list or (len(v) >= value if low else len(v) <= value)
        if key in ("minimum", "maximum"):
            low = key == "minimum"
            return lambda v: type(v) not in (int, float) or (v >= value if low else v <= value)
        if key == "uniqueItems":
            if not value:
                return None
            return lambda v: type(v) is not list or (all(type(item) is str for item in v) and len(set(v)) == len(v))
        if key == "required":
            keys = tuple(value)
            return lambda v: type(v) is not dict or all(key in v for key in keys)
        if key == "properties":
            return self._object(schema)
        if key == "additionalProperties":
            return None if "properties" in schema else self._object(schema)
        if key == "propertyNames":
            check = self.compile(value)
            return lambda v: type(v) is not dict or all(check(name) for name in v)
        if key == "items":
            if not isinstance(value, dict | bool):
                raise Unsupported("items as a list")
            check = self.compile(value)

            def each(v: Any) -> bool:
                if type(v) is list:
                    for item in v:
                        if not check(item):
                            return False
                return True

            return each
        if key == "anyOf":
            options = [self.compile(option) for option in value]
            return lambda v: any(option(v) for option in options)
        raise Unsupported(f"keyword {key}")

    def _object(self, schema: dict[str, Any]) -> Check:
        """`properties` and `additionalProperties` together (neither has patternProperties beside it here)."""
        if "patternProperties" in schema:
            raise Unsupported("patternProperties")
        properties = {name: self.compile(sub) for name, sub in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties", True)
        extra_check = None if extra is True else self.compile(extra)

        def check(value: Any) -> bool:
            if type(value) is not dict:
                return True
            for name, item in value.items():
                known = properties.get(name)
                if known is not None:
                    if not known(item):
                        return False
                elif extra_check is not None and not extra_check(item):
                    return False
            return True

        return check


def compile_schema(schema: Any) -> Check | None:
    """A check that is True only for documents the schema accepts; None when the schema is beyond this module."""
    try:
        return _Compiler(schema).compile(schema)
    except (Unsupported, KeyError, TypeError, re.error):
        return None
