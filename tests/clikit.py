"""Running `broadsheet ARGS...` in the test's own process, and reading what it printed."""

from __future__ import annotations

from dataclasses import dataclass

import orjson
import pytest

from reader.cli import main


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self):
        return orjson.loads(self.out)

    def assert_fails_with(self, *fragments: str) -> None:
        """Exit 1 with exactly one `broadsheet: ...` line on stderr naming what went wrong."""
        assert self.code == 1, (self.out, self.err)
        lines = self.err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("broadsheet: "), self.err
        assert "Traceback" not in self.err + self.out
        for fragment in fragments:
            assert fragment in lines[0], lines[0]


def run_cli(capsys: pytest.CaptureFixture, *argv) -> Run:
    """`broadsheet ARGS...` as the console script would run it, with its exit status and output."""
    with pytest.raises(SystemExit) as exit_:
        main([str(a) for a in argv])
    out, err = capsys.readouterr()
    code = exit_.value.code
    return Run(0 if code is None else code, out, err)
