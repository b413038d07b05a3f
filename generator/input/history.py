"""When each event file last changed, from the repository history: one `git log` for all files, never the clock.

Without history (a tarball, git not installed, a folder outside any repository) the answer is simply empty and
pages carry no "Last updated" line. In a shallow clone the oldest commit fetched stands for all the history
before it, so a file last changed there has no known date and gets none, rather than a wrong one.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

GIT_TIMEOUT = 30
# A line of YAML content (POSIX regex, as `git log -G` reads it): something other than space that does not start
# a comment.
CONTENT_LINE = "^[[:space:]]*[^#[:space:]]"


def _git(root: Path, git: str, *args: str) -> str | None:
    """The stdout of one git command run in `root`, or None when git is missing or fails."""
    try:
        completed = subprocess.run(
            [git, "-c", "core.quotepath=off", *args],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
            timeout=GIT_TIMEOUT,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout if completed.returncode == 0 else None


def git_output(root: Path, *args: str) -> str | None:
    """The stdout of `git ARGS` in `root`, or None without git or a repository."""
    return _git(root, "git", *args)


def parse_log(log: str, *, shallow: bool) -> dict[str, str]:
    """Path -> date of its newest commit, from `git log --format=%x00%cs %P --name-only` (newest first)."""
    updated: dict[str, str] = {}
    for entry in log.split("\0")[1:]:
        header, _, names = entry.partition("\n")
        day, _, parents = header.partition(" ")
        # A parentless commit of a shallow clone is the cut-off point: it lists every file, changed there or not.
        if shallow and not parents.strip():
            continue
        for name in names.splitlines():
            if name:
                updated.setdefault(name, day)
    return updated


def last_updated(root: Path, folder: str = "events", git: str = "git") -> dict[str, str]:
    """Project-relative path -> YYYY-MM-DD of the last commit that changed its content, for files under `folder`."""
    shallow = _git(root, git, "rev-parse", "--is-shallow-repository")
    if shallow is None:
        return {}
    # --relative: paths relative to `root`, which may be a sub-folder of the repository. -G: only commits that
    # added or removed a line of content count for a file; one that changed only comments (the editor's schema
    # line, rewritten when the schema moves) or blank space leaves the reader's "Last updated" date alone.
    log = _git(root, git, "log", "--relative", f"-G{CONTENT_LINE}", "--format=%x00%cs %P", "--name-only", "--", folder)
    return parse_log(log, shallow=shallow.strip() == "true") if log else {}
