"""What `broadsheet` exits with, so that scripts and cron can tell the outcomes apart."""

from __future__ import annotations

from ..errors import BroadsheetError

#: The command did what was asked.
OK = 0
#: An expected failure: an unknown id, a bad query, a busy library... (one `broadsheet:` line says which).
ERROR = 1
#: The command line itself is wrong: an unknown option, a missing argument, or a change to many
#: articles with no terminal to confirm it on and no --yes.
USAGE = 2
#: `fetch` ran to the end, but one or more feeds failed (the others' articles are stored).
FEEDS_FAILED = 3
#: `import` stored the files it could read, but one or more failed (each is named on stderr).
FILES_FAILED = 4
#: Stopped by Ctrl-C (128 + SIGINT, as shells report it).
INTERRUPTED = 130

TABLE = (
    (OK, "done"),
    (ERROR, "an expected error: one line starting `broadsheet:` on stderr says what went wrong"),
    (USAGE, "bad usage: an unknown command or option, a missing argument, or a change to many articles "
            "that needs --yes when there is no terminal to ask on"),
    (FEEDS_FAILED, "`fetch` finished but some feeds failed (their errors are on stderr and in `feeds list`)"),
    (FILES_FAILED, "`import` stored the files it could read but some failed (each is named on stderr)"),
    (INTERRUPTED, "interrupted (Ctrl-C)"),
)


class UsageError(BroadsheetError):
    """The arguments ask for something that cannot be done as given; exits with USAGE."""
