"""Static checks in the test run: types (mypy) and lint (ruff), so the codebase stays as clean as
the tests keep it working."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = BIN / tool
    assert command.exists(), f"{command} is missing: install the test extras"
    return subprocess.run([str(command), *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)


def test_mypy_finds_no_errors_in_reader():
    result = run("mypy", "--no-incremental")
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert "Success: no issues found" in result.stdout


def test_ruff_finds_nothing_in_the_code_or_the_tests():
    result = run("ruff", "check", "--no-cache", "reader", "tests")
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
