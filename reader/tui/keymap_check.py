"""The [keymap] entries of the config that name no binding, said as config problems."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

from ..config import ConfigProblem, Settings, line_of_key


def binding_ids() -> set[str]:
    """Every binding id of the app's screens and widgets, and of Textual's own."""
    import reader.tui

    # Screens are imported when first opened; their bindings count all the same.
    for module in pkgutil.walk_packages(reader.tui.__path__, "reader.tui."):
        importlib.import_module(module.name)
    ids: set[str] = set()
    waiting: list[type] = [DOMNode]
    while waiting:
        node = waiting.pop()
        waiting += node.__subclasses__()
        ids.update(b.id for b in node.__dict__.get("BINDINGS", ()) if isinstance(b, Binding) and b.id)
    return ids


def keymap_problems(settings: Settings, path: Path) -> list[ConfigProblem]:
    """An id no binding has is a typing mistake the user would otherwise never learn of: the key
    simply does nothing."""
    if not settings.keymap:
        return []
    known = binding_ids()
    text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
    return [
        ConfigProblem(path, line_of_key(text, key),
                      f"keymap entry {key!r} is not a binding id (the help, ?, lists them); ignored")
        for key in settings.keymap if key not in known
    ]
