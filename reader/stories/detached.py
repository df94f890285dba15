"""Placing new articles in a process of its own, so that a fetch returns once they are stored.

Placing a first fetch's thousands of articles takes longer than downloading them; a fetch run
from cron (or by a newsboat user, who waits on it) need not wait for it. The fetch starts this
module detached (a session of its own, no terminal, output to ``stories/placing.log``) and
leaves; it places under the placing lock (turn.py), so every story command and the app, which
place what is new under the same lock before they read, wait for it and see its stories
complete, and none places an article twice. If it never runs or dies, the next of those places
the articles itself.

Run as ``python -m reader.stories.detached HOME``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import reader

#: What the last detached placing wrote (a problem with an article, a crash), for whoever looks.
LOG = "placing.log"


def place_detached(home: Path) -> int | None:
    """Start placing the library in ``home`` in a detached process: its pid, or None when it
    could not be started (the caller then places in-process)."""
    # index.FILE's folder, named here: the index module loads NumPy, which a fetch never needs.
    folder = Path(home) / "stories"
    package_root = str(Path(reader.__file__).resolve().parent.parent)
    # The child imports this very code, wherever it was imported from.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # posix_spawn, not subprocess: nothing is left to reap or warn about in a process that
        # runs on (the app, a test), and with setsid a hang-up of the fetch's terminal or cron
        # job does not reach it.
        return os.posix_spawn(
            sys.executable, [sys.executable, "-m", "reader.stories.detached", str(home)], env,
            file_actions=[(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                          (os.POSIX_SPAWN_OPEN, 1, str(folder / LOG), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
                          (os.POSIX_SPAWN_DUP2, 1, 2)],
            setsid=True,
        )
    except OSError:
        return None


def main(argv: list[str]) -> int:
    from ..errors import BroadsheetError
    from ..store import Store
    from .desk import StoryDesk

    try:
        store = Store.open(Path(argv[0]))
        report = StoryDesk.open(store).update()
    except BroadsheetError as error:
        print(f"broadsheet: stories not updated: {error}", file=sys.stderr)
        return 1
    for problem in report.problems:
        print(f"broadsheet: {problem}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
