"""Exports made on the second core are exactly those made in line; a failing helper changes nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import parallel, pipeline, synth


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic project."""
    out = tmp_path_factory.mktemp("parallel") / "corpus"
    synth.synth(80, out, seed=9)
    return out


def pages(root: Path, out: Path, monkeypatch: pytest.MonkeyPatch, minimum: int) -> dict[str, str]:
    """Every generated file of one build, with the fork threshold at `minimum` events."""
    monkeypatch.setattr(parallel, "MIN_EVENTS", minimum)
    shutil.rmtree(out, ignore_errors=True)
    result = pipeline.build(root, out)
    return result.pages


def test_forked_exports_equal_serial_ones(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same files, byte for byte, whether the exports ran in a child or here."""
    if not parallel.can_fork(10**9) and not hasattr(os, "fork"):
        pytest.skip("no fork on this system")
    assert parallel.can_fork(80) is False  # the default threshold keeps small projects serial
    forked = pages(corpus, tmp_path / "a", monkeypatch, minimum=1)
    serial = pages(corpus, tmp_path / "b", monkeypatch, minimum=10**9)
    assert forked == serial
    assert any(path.startswith("data/") for path in forked)


def test_a_failing_child_falls_back_to_the_work_here() -> None:
    """The child's failure (an exception, or a crash) is invisible: the value is computed in this process."""
    calls = []

    def work() -> dict[str, str]:
        calls.append(os.getpid())
        if len(calls) == 1 and os.getpid() != parent:
            raise RuntimeError("child fails")
        return {"a": "b"}

    parent = os.getpid()
    helper = parallel.Beside(work, fork=hasattr(os, "fork"))
    assert helper.result() == {"a": "b"}

    crashing = parallel.Beside(lambda: os._exit(3), fork=hasattr(os, "fork"))
    crashing.work = lambda: {"fallback": "yes"}
    assert crashing.result() == {"fallback": "yes"}


def test_cancel_reaps_the_child() -> None:
    """A parent that fails itself kills and reaps its helper: no zombie is left."""
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this system")
    helper = parallel.Beside(lambda: {"x": "y"}, fork=True)
    pid = helper.pid
    helper.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
