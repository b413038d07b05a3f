"""Killed at any moment, the generator and the site build leave the previous complete output or the new one.

The corpus alternates between two versions (every event page differs between them); after each SIGKILL at a
random moment the output folder must equal, byte for byte, one of the two complete outputs.

`generate` is killed on the real project (over 900 files to write, so a kill lands while it writes them); the site
build on the small project, whose engine run (over a second, on the staging folder) is where most kills land.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import settings

from .conftest import copy_project, digest, small_project

# The project each command is killed on.
CORPUS: dict[str, Callable[[Path], Path]] = {"generate": copy_project, "build": small_project}


def set_version(project: Path, version: str) -> None:
    """Give every event the version's tag (replacing its own tags), so that every event page changes."""
    for file in (project / "events").glob("[0-9]*/*.yaml"):
        lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
        lines = [line for line in lines if not line.startswith("tags:")]
        file.write_text("".join(lines) + f"tags: [version-{version}]\n", encoding="utf-8")


def run(project: Path, *args: str) -> subprocess.Popen[bytes]:
    """Start the command line on the project."""
    env = settings.engine_environment(SOURCE_DATE_EPOCH="1553299200")
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(project), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )


def complete(project: Path, *args: str) -> float:
    """Run to the end; return how long it took."""
    start = time.monotonic()
    assert run(project, *args).wait() == 0
    return time.monotonic() - start


def staging_folders(project: Path, output: str) -> list[Path]:
    """The half-assembled trees a run is writing (or a killed run left) beside the output folder."""
    target = project / output
    return list(target.parent.glob(f".{target.name}.new-*"))


def kill_at_random(
    project: Path, args: tuple[str, ...], duration: float, rng: random.Random, window: tuple[float, float]
) -> int:
    """Start a run and SIGKILL its whole process group at a random moment within `window` (fractions) of its usual
    duration; its exit status (-SIGKILL when the kill came first)."""
    process = run(project, *args)
    time.sleep(rng.uniform(window[0] * duration, window[1] * duration))
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    return process.wait()


def kill_while_writing(project: Path, args: tuple[str, ...], output: str, duration: float, rng: random.Random) -> int:
    """Start a run and SIGKILL it a random moment after it starts assembling the new tree, i.e. mid-write; its
    exit status."""
    process = run(project, *args)
    deadline = time.monotonic() + duration * 3
    while process.poll() is None and not staging_folders(project, output) and time.monotonic() < deadline:
        time.sleep(0.001)
    time.sleep(rng.uniform(0.0, 0.02))
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    return process.wait()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "output", "kills"),
    [(("generate",), "build/generated", 6), (("build",), "site", 4)],
    ids=["generate", "build"],
)
def test_killed_runs_leave_old_or_new_output(tmp_path: Path, args: tuple[str, ...], output: str, kills: int) -> None:
    """After every kill the output is one of the two complete versions, and the next run cleans up."""
    project = CORPUS[args[0]](tmp_path / "project")
    expected: dict[str, str] = {}
    durations = []
    for version in ("a", "b"):
        set_version(project, version)
        durations.append(complete(project, *args))
        expected[version] = digest(project / output)
    assert expected["a"] != expected["b"]
    rng = random.Random(20170909)
    mid_write = 0
    randoms = (kills + 1) // 2  # the kills at a random moment: attempts 0, 2, 4 ...
    state = expected["b"]
    for attempt in range(kills):
        # Always the other version than the output holds: a run with nothing to change would write nothing.
        version = "a" if state == expected["b"] else "b"
        set_version(project, version)
        left_before = set(staging_folders(project, output))
        # Every other kill waits for the new tree to be under way, so that some kills surely land mid-write. The
        # others each take their own slice of the run, so that a few kills still reach every part of it.
        if attempt % 2:
            status = kill_while_writing(project, args, output, max(durations), rng)
        else:
            window = (attempt // 2 / randoms, (attempt // 2 + 1) / randoms)
            status = kill_at_random(project, args, max(durations) * 1.1, rng, window)
        # A half-assembled tree that this run left beside the output proves the kill landed while it was writing.
        mid_write += bool(set(staging_folders(project, output)) - left_before)
        state = digest(project / output)
        assert state in expected.values(), f"kill {attempt}: {output} is a mix of versions"
        # A run the kill missed finished on its own: then the output is its version, whole.
        assert status in (0, -signal.SIGKILL), f"kill {attempt}: the run failed by itself ({status})"
        if status == 0:
            assert state == expected[version], f"kill {attempt}: a finished run left the other version"
    print(f"{args[0]}: {mid_write} of {kills} kills landed mid-write")
    assert mid_write >= 1, "no kill landed while the new tree was being written: the test proved nothing"
    set_version(project, "a")
    complete(project, *args)
    assert digest(project / output) == expected["a"]
    leftovers = [p.name for p in (project / output).parent.iterdir() if p.name.startswith(f".{Path(output).name}.")]
    assert leftovers == []


def test_digest_changes_with_any_byte(tmp_path: Path) -> None:
    """The comparison above would notice a single changed byte."""
    (tmp_path / "a").write_bytes(b"x")
    before = digest(tmp_path)
    assert before == hashlib.sha256(b"a\0x").hexdigest()  # the path and the bytes, nothing else
    (tmp_path / "a").write_bytes(b"y")
    assert digest(tmp_path) != before
    assert digest(tmp_path) == hashlib.sha256(b"a\0y").hexdigest()
