"""The app shows its list before it loads what fetching, stories, sync and the other screens need."""

from __future__ import annotations

import subprocess
import sys

from reader.tui.app import LOADED_AFTER_THE_LIST

#: Libraries and modules the first screen never uses: each is loaded after the list shows.
NOT_BEFORE_THE_LIST = ("httpx", "feedparser", "numpy", "spacy", "trafilatura", "reader.entities.extract",
                       "reader.stories.grouping", *LOADED_AFTER_THE_LIST)


def test_importing_the_app_loads_no_fetcher_parser_grouping_or_other_screen(tmp_path):
    code = (
        "import sys\nimport reader.tui.app\n"
        f"wanted = {NOT_BEFORE_THE_LIST!r}\n"
        "print(sorted(m for m in wanted if sys.modules.get(m) is not None))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_every_module_loaded_after_the_list_exists():
    # The names are imported by a thread once the list shows; a renamed module would fail there.
    code = f"import importlib\nfor name in {LOADED_AFTER_THE_LIST!r}:\n    importlib.import_module(name)\nprint('ok')\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "ok", result.stderr
