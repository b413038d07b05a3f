"""A real `mkdocs serve` in a child process, for the live-preview test and the benchmark: started on a free port of
127.0.0.1, waited for with bounded waits, and always stopped (its whole process group)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from generator import settings


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LivePreview:
    """`mkdocs serve` of one project, as a context manager."""

    def __init__(
        self, root: Path, *, startup: float = 600.0, log: Path | None = None, args: Sequence[str] = ()
    ) -> None:
        """Remember the project; `startup` bounds the wait for the first build; `args` go to `mkdocs serve`."""
        self.root, self.startup, self.args = root, startup, list(args)
        self.port = free_port()
        self.log = log or root / "serve.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        """The preview's address."""
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> LivePreview:
        """Start the server and wait until it serves the home page."""
        command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}", *self.args]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                command,
                cwd=self.root,
                env=settings.engine_environment(),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self.wait(lambda: self.get("") is not None, self.startup, "the first build")
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        """Stop the server whatever happened."""
        self.stop()

    def stop(self) -> None:
        """Stop the server's process group, waiting a bounded time, then kill it."""
        process = self.process
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def get(self, path: str) -> bytes | None:
        """The body served at `path`, or None (not found, not up yet)."""
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited:\n{self.log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                return bytes(response.read())
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def text(self, path: str) -> str:
        """The page served at `path` as text ('' when there is none)."""
        body = self.get(path)
        return body.decode("utf-8", errors="replace") if body is not None else ""

    def search_index(self) -> list[dict[str, Any]]:
        """The entries of the served search index."""
        body = self.get("search/search_index.json")
        return list(json.loads(body)["docs"]) if body else []

    def wait(self, ready: Callable[[], bool], timeout: float, what: str, every: float = 0.05) -> float:
        """Seconds until `ready()` holds, polling; raises TimeoutError after `timeout` seconds."""
        start = time.perf_counter()
        while not ready():
            if time.perf_counter() - start > timeout:
                tail = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
                raise TimeoutError(f"{what}: not seen within {timeout:.0f} s\n{tail}")
            time.sleep(every)
        return time.perf_counter() - start
