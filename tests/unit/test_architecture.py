"""The layering rule: packages import only the layers below them, and only reader.tui imports Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

CORE_MODULES = ["reader.models", "reader.text", "reader.store", "reader.annotations", "reader.cli", "reader.seeds",
                "reader.ingest", "reader.feeds.refresh", "reader.feeds.runner", "reader.feeds.probe", "reader.diffing",
                "reader.entities", "reader.search"]


def test_import_linter_contracts_are_kept():
    assert LINT_IMPORTS.exists(), f"{LINT_IMPORTS} is missing: install the test extras"
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "BROKEN" not in report and "0 broken" in report


def run_python(code: str, cwd: Path) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_importing_the_core_does_not_load_textual(tmp_path):
    code = f"import importlib, sys\nfor name in {CORE_MODULES!r}: importlib.import_module(name)\n" + (
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'reader.tui'))))"
    )
    assert run_python(code, tmp_path) == "[]"


def test_scripting_commands_run_without_loading_textual(tmp_path):
    # A `broadsheet list` in a shell loop must not pay for importing the UI.
    code = (
        "import sys\nfrom reader.cli import main\n"
        f"for argv in (['--home', {str(tmp_path / 'lib')!r}, 'list'], "
        f"['--home', {str(tmp_path / 'lib')!r}, 'stats']):\n"
        "    try:\n        main(argv)\n    except SystemExit as exit_:\n        assert not exit_.code, exit_.code\n"
        "print('textual' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "articles     5" in result.stdout
    assert result.stderr.strip() == "False"


def test_screens_close_only_through_close():
    """A second Enter on a closing dialog must not pop the screen beneath it (see closing.py)."""
    root = Path(__file__).resolve().parents[2] / "reader" / "tui"
    direct = [f"{path.relative_to(root)}:{n}" for path in root.rglob("*.py") if path.name != "closing.py"
              for n, line in enumerate(path.read_text().splitlines(), 1) if ".dismiss(" in line]
    assert direct == []


def test_focus_moves_only_through_focus_now():
    """Widget.focus() is deferred behind queued keys, which then go astray (see focusing.py)."""
    root = Path(__file__).resolve().parents[2] / "reader" / "tui"
    deferred = [f"{path.relative_to(root)}:{n}" for path in root.rglob("*.py") if path.name != "focusing.py"
                for n, line in enumerate(path.read_text().splitlines(), 1) if ".focus()" in line]
    assert deferred == []
