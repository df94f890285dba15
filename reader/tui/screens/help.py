"""The help screen: every key of the focused pane, then those that work everywhere."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def describe_keys(keys: str) -> str:
    names = {"slash": "/", "question_mark": "?", "space": "space", "shift+tab": "shift+tab"}
    return ", ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))


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
        self.dismiss(None)
