"""Running `broadsheet` on a pseudo-terminal: what a person at a terminal sees, waited on, never slept on."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time

#: Terminal control sequences, taken out to read what is shown.
CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")
#: A sequence that sets a colour (foreground or background, 16, 256 or true colour).
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


class Terminal:
    """`python -m reader ARGS...` with stdin, stdout and stderr on one pseudo-terminal."""

    def __init__(self, *argv: str, env: dict[str, str] | None = None, timeout: float = 60) -> None:
        environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "30"}
        environment.pop("NO_COLOR", None)
        environment.update(env or {})
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen([sys.executable, "-m", "reader", *argv], stdin=slave, stdout=slave,
                                        stderr=slave, env=environment, close_fds=True)
        os.close(slave)
        self.raw = b""
        self.deadline = time.monotonic() + timeout

    @property
    def text(self) -> str:
        """What was written so far, as text."""
        return self.raw.decode("utf-8", "replace")

    @property
    def shown(self) -> str:
        return CONTROL.sub("", self.text)

    def _read(self) -> bool:
        """Read what is there, waiting until the deadline; False once the other side closed."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no more output; so far: {self.text!r}")
        ready, _, _ = select.select([self.master], [], [], left)
        if not ready:
            raise TimeoutError(f"no more output; so far: {self.text!r}")
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: every copy of the terminal's other side is closed
            return False
        self.raw += chunk
        return bool(chunk)

    def expect(self, fragment: str) -> None:
        """Wait until ``fragment`` has been shown."""
        while fragment not in self.shown:
            if not self._read():
                raise AssertionError(f"{fragment!r} never came; got {self.text!r}")

    def send(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\n")

    def finish(self) -> int:
        """Read to the end and return the exit status."""
        while self._read():
            pass
        os.close(self.master)
        return self.process.wait(timeout=max(1.0, self.deadline - time.monotonic()))
