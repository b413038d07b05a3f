"""Exports made on the second core are exactly those made in line; a failing helper changes nothing."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    result = pipeline.build(root, out, cache=False)
    return result.pages


class Helpers:
    """Records each helper the pipeline starts: its child's pid (0: none forked), and every time its work ran in
    this process (a child's runs happen in the child's memory, so they are not seen here)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Wrap `parallel.Beside` for the test."""
        self.pids: list[int] = []
        self.ran_here: list[int] = []
        start = parallel.Beside.__init__

        def recording(helper: parallel.Beside, work: Callable[[], Any], *, fork: bool) -> None:
            def counted() -> Any:
                self.ran_here.append(os.getpid())
                return work()

            start(helper, counted, fork=fork)
            self.pids.append(helper.pid)

        monkeypatch.setattr(parallel.Beside, "__init__", recording)


def test_forked_exports_equal_serial_ones(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same files, byte for byte, whether the exports ran in a child or here; and the forked run really
    forked and used the child's work."""
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        pytest.skip("forking a helper needs os.fork and a second CPU")
    assert parallel.can_fork(80) is False  # the default threshold keeps small projects serial
    in_child = Helpers(monkeypatch)
    forked = pages(corpus, tmp_path / "a", monkeypatch, minimum=1)
    assert len(in_child.pids) == 1 and in_child.pids[0] > 0, "the build forked no helper"
    assert in_child.ran_here == [], "the helper's work was done here: the child failed"
    here = Helpers(monkeypatch)
    serial = pages(corpus, tmp_path / "b", monkeypatch, minimum=10**9)
    assert (here.pids, here.ran_here) == ([0], [os.getpid()])
    assert forked == serial
    assert any(path.startswith("data/") for path in forked)


def test_a_failing_child_falls_back_to_the_work_here() -> None:
    """The child's failure (an exception, or a crash) is invisible: the value is computed in this process."""
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this system")
    calls = []

    def work() -> dict[str, str]:
        calls.append(os.getpid())
        if len(calls) == 1 and os.getpid() != parent:
            raise RuntimeError("child fails")
        return {"a": "b"}

    parent = os.getpid()
    helper = parallel.Beside(work, fork=True)
    assert helper.pid > 0  # a child was started, and fails
    assert helper.result() == {"a": "b"}
    assert calls == [parent]  # the value came from one run here, after the child's failure

    crashing = parallel.Beside(lambda: os._exit(3), fork=True)
    assert crashing.pid > 0
    crashing.work = lambda: {"fallback": "yes"}
    assert crashing.result() == {"fallback": "yes"}
    assert crashing.pid == 0  # reaped


def test_cancel_reaps_the_child() -> None:
    """A parent that fails itself kills and reaps its helper: no zombie is left."""
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this system")
    helper = parallel.Beside(lambda: {"x": "y"}, fork=True)
    pid = helper.pid
    helper.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
