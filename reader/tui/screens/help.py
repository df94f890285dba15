"""The help screen: every key of the focused pane, then those that work everywhere."""

from __future__ import annotations

from dataclasses import replace

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..commands import describe_keys
from ..widgets.reader.caret import CARET_ACTIONS, CARET_BINDINGS
from ..widgets.reader.pane import ReaderPane
from .closing import close

VISUAL = "Visual mode (v)"


def help_sections(screen: Screen, focused: DOMNode | None, app: App) -> list[tuple[str, list[Binding]]]:
    """The keys active on ``screen``, grouped: the focused pane's first, then the screen's, then
    those of the whole app; a binding with several keys is one entry."""
    groups: dict[str, dict[str, Binding]] = {}
    for key, active in screen.active_bindings.items():
        node = active.node
        if active.binding.action.partition("(")[0] in CARET_ACTIONS:
            continue  # listed in a section of their own below, whether in visual mode or not
        if node is focused and focused is not None:
            heading = f"{type(node).__name__} (focused pane)"
        elif node is app:
            heading = "Everywhere"
        else:
            heading = "On this screen"
        merged = groups.setdefault(heading, {})
        binding = active.binding
        name = binding.id or binding.action
        if name in merged:
            merged[name] = replace(merged[name], key=f"{merged[name].key},{key}")
        else:
            merged[name] = replace(binding, key=key)
    order = sorted(groups, key=lambda h: (h == "Everywhere", h == "On this screen"))
    sections = [(heading, list(groups[heading].values())) for heading in order]
    if _has_reader(screen):
        everywhere = next((n for n, (heading, _) in enumerate(sections) if heading == "Everywhere"), len(sections))
        sections.insert(everywhere, (VISUAL, list(CARET_BINDINGS)))
    return sections


def _has_reader(screen: Screen) -> bool:
    return bool(screen.query(ReaderPane))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=False, padding=(0, 2))
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("what it does")
        table.add_column("binding id (for [keymap] in config.toml)", style="dim", no_wrap=True)
        for heading, bindings in self.sections:
            table.add_row(Text(heading, style="bold underline"), "", "")
            for binding in bindings:
                table.add_row(describe_keys(binding.key), binding.description, binding.id or "")
            table.add_row("", "", "")
        with VerticalScroll(id="help-dialog"):
            yield Static(Text("Keys — escape or q closes", style="bold"))
            yield Static(table)

    def action_close(self) -> None:
        close(self, None)
