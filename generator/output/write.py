"""Write generated files into their folder, all at once: a run killed at any moment leaves the previous complete
tree or the new complete tree, never a mix.

The new tree is assembled beside the old one (unchanged files are hard-linked, so only what changed is
written), then the two folders are exchanged in one atomic `renameat2(RENAME_EXCHANGE)` call.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MARKER = ".timeline-generated"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class UnsafeOutputDir(Exception):
    """The output folder holds files this generator did not write, so it will not replace it."""


@dataclass
class WriteReport:
    """What a write changed."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def _renameat2() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    """glibc's renameat2, or None where the C library lacks it."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    function = getattr(libc, "renameat2", None)
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two existing paths; False where the system or file system cannot."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _aside(target: Path) -> Path:
    """Where a replaced tree waits to be deleted (and where an interrupted swap is recovered from)."""
    return target.with_name(f".{target.name}.previous")


def recover(target: Path) -> None:
    """Finish or undo a swap that was killed half-way on a system without atomic exchange."""
    aside = _aside(target)
    if aside.exists() and not target.exists():
        aside.rename(target)
    shutil.rmtree(aside, ignore_errors=True)
    for leftover in target.parent.glob(f".{target.name}.new-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def swap_in(new_tree: Path, target: Path) -> None:
    """Make `new_tree` become `target` in one step, then delete the old tree."""
    if not target.exists():
        new_tree.rename(target)
        return
    if _exchange(new_tree, target):
        shutil.rmtree(new_tree)
        return
    # Fallback (no RENAME_EXCHANGE): two renames; `recover` repairs the gap between them after a kill.
    aside = _aside(target)
    shutil.rmtree(aside, ignore_errors=True)
    target.rename(aside)
    new_tree.rename(target)
    shutil.rmtree(aside)


def new_tree_beside(target: Path) -> Path:
    """An empty folder next to `target`, on the same file system, for assembling its replacement."""
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    folder.chmod(0o755)  # mkdtemp makes it private; the result is a published folder
    return folder


def _check_ours(out_dir: Path) -> None:
    """Refuse to replace a non-empty folder that the generator did not make."""
    if out_dir.exists() and not (out_dir / MARKER).exists() and any(out_dir.iterdir()):
        raise UnsafeOutputDir(f"{out_dir} is not empty and was not made by the generator; choose another folder")


def _same_file(path: Path, data: bytes) -> bool:
    """True when `path` already holds exactly `data`."""
    return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data


def write_tree(out_dir: Path, files: dict[str, str]) -> WriteReport:
    """Make `out_dir` hold exactly `files` (relative path -> text), replacing the whole tree atomically."""
    _check_ours(out_dir)
    recover(out_dir)
    report = WriteReport()
    # Each file is encoded when it is compared and again when it is written, never all at once: holding every
    # page's bytes beside its text doubled the peak memory of a large run.
    paths = sorted(files)
    changed = [r for r in paths if not _same_file(out_dir / r, files[r].encode("utf-8"))]
    old_files = (
        {p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file()} - {MARKER}
        if out_dir.exists()
        else set()
    )
    changed_set = set(changed)
    report.removed = sorted(old_files - set(files))
    report.unchanged = len(paths) - len(changed)
    if out_dir.exists() and not changed and not report.removed:
        return report  # nothing to do: leave the tree, and its timestamps, alone
    staging = new_tree_beside(out_dir)
    try:
        for relative in paths:
            destination = staging / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            if relative in changed_set:
                destination.write_bytes(files[relative].encode("utf-8"))
            else:
                os.link(out_dir / relative, destination)  # unchanged: share the old file, write nothing
        (staging / MARKER).write_text("Generated by `timeline generate`; the whole folder is replaced on each run.\n")
        swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report.written = changed
    return report
