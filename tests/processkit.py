"""Child processes for the store's crash and concurrency tests: start scripts, and let
several begin writing at the same moment."""

from __future__ import annotations

import subprocess
import sys


def child(script: str, *args) -> subprocess.Popen:
    """``python -c script args...`` with a pipe to its stdin and from its stdout."""
    return subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


def run_together(writers: list[subprocess.Popen], timeout: float) -> None:
    """Wait until every writer says "ready", tell them all "go", and check each says "done"."""
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        out, _ = writer.communicate(timeout=timeout)
        assert writer.returncode == 0 and out.strip() == "done"
