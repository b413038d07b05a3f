"""Run one piece of pure work on the machine's second core while this process does another.

MkDocs builds on one core, and so did the generator: while it rendered the pages the other core sat idle. Pages
and exports are pure functions of the catalog, so a forked child renders a share of them meanwhile and hands
back the text (the pipeline decides the shares).
Forking is done only where it is safe and worth it: on a system with fork, more than one CPU, no other thread in
this process (a fork copies a lock another thread may hold; `mkdocs serve` runs threads, so it stays serial), and
enough work to cover the cost. If the child fails in any way the work is simply done here, so the result is
always what the serial run gives, and the tests compare the two.
"""

from __future__ import annotations

import marshal
import os
import signal
import threading
from collections.abc import Callable
from typing import Any

# Below this many events the exports take less time than a fork costs.
MIN_EVENTS = 1000


def can_fork(events: int) -> bool:
    """True when forking a helper is both safe and useful here."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1 and events >= MIN_EVENTS


class Beside:
    """`work()` started in a forked child (or not at all yet); `result()` gives its value, `cancel()` drops it."""

    def __init__(self, work: Callable[[], Any], *, fork: bool) -> None:
        """Start the child when `fork` is set; otherwise the work runs in `result()`."""
        self.work = work
        self.pid = 0
        self.pipe = -1
        if fork:
            self._start()

    def _start(self) -> None:
        """Fork; the child computes, sends its value through a pipe, and exits without running any cleanup."""
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child's lines are measured in the child, not by the parent's coverage
            try:
                os.close(read)
                try:
                    payload = marshal.dumps(("ok", self.work()))
                except BaseException as error:  # any failure: the parent does the work itself
                    payload = marshal.dumps(("failed", repr(error)))
                with os.fdopen(write, "wb") as out:
                    out.write(payload)
            finally:
                os._exit(0)
        os.close(write)
        self.pid, self.pipe = pid, read

    def result(self) -> Any:
        """The work's value: from the child when it succeeded, else computed here."""
        if not self.pid:
            return self.work()
        with os.fdopen(self.pipe, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        try:
            kind, value = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            kind, value = "failed", None
        if kind != "ok" or status != 0:
            return self.work()
        return value

    def cancel(self) -> None:
        """Stop and reap the child, when the parent will not need its value (it failed itself)."""
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            os.close(self.pipe)
            self.pid = 0
