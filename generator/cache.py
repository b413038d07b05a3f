"""The build cache: what loading and schema-checking each event file gave, keyed by the file's content.

A run reads every event file anyway (to hash it); a file whose path and SHA-256 match an entry is not parsed
or schema-checked again. Its data comes from the cache and its source positions, needed only when a later check
reports a problem in it, are parsed from the file again on demand. Cross-reference checks, the warnings, the
catalog and the pages are always computed from everything, so a cache can only save time, never change a result:

- every entry is keyed by path and content hash, and the whole file by a digest of the generator's own code
  (its modules and schemas), the versions of the libraries that parse and validate, and the cache format: an
  edit to a file, the schema or the code misses, and the file is loaded and checked as if there were no cache;
- the file carries an HMAC of its body under a secret key that this machine made and keeps outside the checkout
  (`~/.cache/jazeera-timeline/cache-key`, or under $XDG_CACHE_HOME): a truncated, corrupt or hand-edited cache,
  and any cache this machine did not write (one committed in a pull request above all), is ignored as a whole;
  so is one that git tracks, or that is not a regular file inside the project;
- what a hit returns is verified again, not trusted: a file the cache calls free of schema problems must pass
  the quick schema check now (jsonschema-rs, validate.SchemaCheck), or it is a miss; every other check runs on the data;
- an entry that does not rebuild (a malformed problem, an unknown code) is a miss;
- it is written atomically (a temporary file and a rename) and only when something changed; entries of files
  that no longer exist are dropped.

JSON, not pickle: reading a cache must never run code, whoever wrote the file.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import platform
import secrets
import sys
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .history import git_output
from .load import Document, cached_document, decode_text, read_regular
from .problems import Problem

CACHE_DIR = Path("build/cache")
FILE_NAME = "files.json"
FORMAT = 2
_PACKAGE = Path(__file__).resolve().parent
KEY_NAME = "cache-key"
# About 1.5 KB an event: room for far more events than the timeline will ever hold.
MAX_CACHE_BYTES = 1 << 30


def key_path() -> Path:
    """Where this machine's cache key lives: the user's cache folder, never the checkout."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jazeera-timeline" / KEY_NAME


def machine_key(root: Path | None = None) -> bytes | None:
    """This machine's secret cache key, made on first use (0600); None where it cannot be kept safely."""
    path = key_path()
    if root is not None and path.resolve().is_relative_to(root.resolve()):
        return None  # a key inside the checkout could be committed with the cache it signs
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secrets.token_bytes(32))
        return _read_key(path)
    except FileExistsError:  # another build made it meanwhile
        try:
            return _read_key(path)
        except OSError:
            return None
    except OSError:
        return None


def _read_key(path: Path) -> bytes | None:
    """The key in `path`, if it is a private regular file of the right size."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        key = handle.read(64)
    if info.st_mode & 0o077 or info.st_uid != os.getuid() or len(key) != 32:
        return None
    return key


def _tracked(root: Path) -> bool:
    """Whether git tracks anything in the cache folder: a committed cache is someone else's."""
    listed = git_output(root, "ls-files", "--", CACHE_DIR.as_posix())
    return bool(listed and listed.strip())


@cache
def code_digest() -> str:
    """A digest of everything besides the file itself that decides what loading and checking a file gives."""
    hasher = hashlib.sha256(f"cache format {FORMAT}\n".encode())
    hasher.update(f"python {platform.python_version()} {sys.implementation.name}\n".encode())
    for package in ("pyyaml", "jsonschema", "jsonschema-rs"):
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:  # pragma: no cover - both are dependencies
            version = "-"
        hasher.update(f"{package} {version}\n".encode())
    for source in sorted(p for p in _PACKAGE.rglob("*") if p.suffix in (".py", ".json", ".geojson") and p.is_file()):
        hasher.update(source.relative_to(_PACKAGE).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    return hasher.hexdigest()


def _problems_json(problems: list[Problem]) -> list[list[Any]]:
    """Problems as JSON lists."""
    return [[p.path, p.line, p.col, p.code, p.message, p.hint] for p in problems]


def _problems_from(rows: Any, path: str) -> list[Problem]:
    """Problems back from JSON lists; raises on anything malformed."""
    problems = []
    for row in rows:
        file, line, col, code, message, hint = row
        if file != path or not all(isinstance(x, int) for x in (line, col)):
            raise ValueError("malformed problem")
        problems.append(Problem(file, line, col, str(code), str(message), str(hint)))
    return problems


class BuildCache:
    """Per-file load and schema results of the previous runs, and those of this run to keep for the next."""

    def __init__(self, folder: Path, root: Path | None = None, verify: Callable[[Any], bool] | None = None) -> None:
        """Read the cache in `folder` (of the project `root`), or start empty when there is none or it cannot be
        trusted; `verify` says whether cached data really has no schema problems (the quick schema check)."""
        self.folder, self.root, self.verify = folder, root, verify
        self.key = machine_key(root)
        self.entries: dict[str, list[Any]] = self._read()
        self.kept: dict[str, list[Any]] = {}
        self.changed = False
        self.hits = self.misses = 0

    def _read(self) -> dict[str, list[Any]]:
        """The entries of an intact cache made by this very code on this machine, else none."""
        if self.key is None:
            return {}
        try:
            file = self.folder / FILE_NAME
            if self.root is not None:
                if _tracked(self.root):
                    return {}
                blob, _ = read_regular(file, self.root, limit=MAX_CACHE_BYTES)
                if blob is None:
                    return {}
            else:
                blob = file.read_bytes()
            header, _, body = blob.partition(b"\n")
            meta = json.loads(header)
            if meta.get("format") != FORMAT or meta.get("code") != code_digest():
                return {}
            if not hmac.compare_digest(str(meta.get("hmac", "")), self._sign(body)):
                return {}
            entries = json.loads(body)
        except (OSError, ValueError, AttributeError):
            return {}
        return entries if isinstance(entries, dict) else {}

    def _sign(self, body: bytes) -> str:
        """The body's HMAC under this machine's key, bound to the code digest."""
        assert self.key is not None
        return hmac.new(self.key, code_digest().encode() + b"\n" + body, hashlib.sha256).hexdigest()

    # --- the load.LoadCache protocol ---------------------------------------------------------------------------

    def lookup(self, path: str, raw: bytes) -> tuple[Document | None, list[Problem]] | None:
        """What loading these bytes gave before, or None (a miss) when they are new or the entry is unusable."""
        entry = self.entries.get(path)
        digest = hashlib.sha256(raw).hexdigest()
        try:
            if not isinstance(entry, list) or len(entry) != 4 or entry[0] != digest:
                raise LookupError(path)
            _, data, load_rows, schema_rows = entry
            problems = _problems_from(load_rows, path)
            if data is None:
                doc = None
            else:
                text = decode_text(raw, path)
                if text is None or not isinstance(data, dict):
                    raise ValueError(path)
                doc = cached_document(path, data, text)
            if schema_rows is not None:
                _problems_from(schema_rows, path)  # proven to rebuild now, not later
                if not schema_rows and self.verify is not None and not self.verify(data):
                    raise ValueError(path)  # "no problems" that the fast check cannot confirm: ask again
        except (LookupError, ValueError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        self.kept[path] = entry
        return doc, problems

    def store(self, path: str, raw: bytes, result: tuple[Document | None, list[Problem]]) -> None:
        """Remember what loading these bytes gave (the schema result is added when validate asks for it)."""
        doc, problems = result
        self.kept[path] = [
            hashlib.sha256(raw).hexdigest(),
            None if doc is None else doc.data,
            _problems_json(problems),
            None,
        ]
        self.changed = True

    # --- the schema results --------------------------------------------------------------------------------------

    def schema_problems(self, checker: Callable[[Document], list[Problem]]) -> Callable[[Document], list[Problem]]:
        """`checker` (validate.schema_problems), answered from the cache for a file checked before."""

        def cached(doc: Document) -> list[Problem]:
            entry = self.kept.get(doc.path)
            if entry is not None and entry[3] is not None:
                return _problems_from(entry[3], doc.path)
            found = checker(doc)
            if entry is not None:
                entry[3] = _problems_json(found)
                self.changed = True
            return found

        return cached

    def save(self) -> None:
        """Write the entries of this run's files, atomically, when anything differs from what was read."""
        if self.key is None or (not self.changed and self.kept.keys() == self.entries.keys()):
            return
        body = json.dumps(self.kept, separators=(",", ":")).encode()
        header = json.dumps({"format": FORMAT, "code": code_digest(), "hmac": self._sign(body)})
        temporary = self.folder / f".{FILE_NAME}.{os.getpid()}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(header.encode() + b"\n" + body)
            os.replace(temporary, self.folder / FILE_NAME)
        except OSError:  # a read-only checkout still builds; it only builds without a cache
            temporary.unlink(missing_ok=True)
