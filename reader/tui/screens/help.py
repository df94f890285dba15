"""The help screen: the keys of the screen, under the names of the parts they act on (List,
Reader, Story...), the focused pane's first and those that work everywhere last."""

from __future__ import annotations

import re
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
#: Terminals narrower than this show the help without its column of binding ids.
WIDE_ENOUGH_FOR_IDS = 100
EVERYWHERE = "Everywhere"
#: The headings, by the part of a binding's id before its name: the ids are what [keymap] in
#: config.toml names, the headings what a reader calls the parts of the app.
HEADINGS = {
    "list": "List",
    "stories": "List by story",
    "reader": "Reader",
    "annotation": "Highlights and notes",
    "article": "Article",
    "view": "View",
    "search": "Search",
    "feed": "Feeds",
    "pane": "Panes",
    "entities": "Entity sidebar",
    "entity": "Entity",
    "story": "Story",
    "feeds": "Feeds",
    "views": "Saved views",
    "annotations": "Annotations",
    "app": EVERYWHERE,
}
#: Textual's own keys have no id. These are worth knowing, said plainly; the others (scrolling
#: sideways, the editing keys of a text box, which work as in any) are left out.
TEXTUAL_KEYS = {
    "screen.copy_text": "Copy the selected text",
    "command_palette": "Command palette: every action",
    "app.focus_next": "Next part of the screen",
    "app.focus_previous": "Previous part of the screen",
}
_NUMBERED = re.compile(r"(.+_)([1-9])$")


def help_sections(screen: Screen, focused: DOMNode | None, app: App) -> list[tuple[str, list[Binding]]]:
    """The keys active on ``screen``, grouped under headings: the groups of the focused pane's
    keys first, then the screen's, then visual mode's (with a reader), then those of the whole
    app. A binding with several keys is one entry, and keys 1-9 doing one thing are one."""
    groups: dict[str, dict[str, Binding]] = {}
    rank: dict[str, int] = {}
    for key, active in screen.active_bindings.items():
        binding, node = active.binding, active.node
        if binding.action.partition("(")[0] in CARET_ACTIONS:
            continue  # listed in a section of their own below, whether in visual mode or not
        if binding.id:
            heading = EVERYWHERE if node is app else HEADINGS.get(binding.id.rpartition(".")[0],
                                                                   binding.id.partition(".")[0].capitalize())
        elif binding.action in TEXTUAL_KEYS:
            heading, binding = EVERYWHERE, replace(binding, description=TEXTUAL_KEYS[binding.action])
        else:
            continue
        merged = groups.setdefault(heading, {})
        order = 2 if heading == EVERYWHERE else 0 if focused is not None and node is focused else 1
        rank[heading] = min(rank.get(heading, order), order)
        name = binding.id or binding.action
        if name in merged:
            merged[name] = replace(merged[name], key=f"{merged[name].key},{key}")
        else:
            merged[name] = replace(binding, key=key)
    headings = sorted(groups, key=lambda h: rank[h])  # stable: in order of appearance within a rank
    sections = [(heading, _fold_numbered(list(groups[heading].values()))) for heading in headings]
    if screen.query(ReaderPane):
        everywhere = next((n for n, (heading, _) in enumerate(sections) if heading == EVERYWHERE), len(sections))
        sections.insert(everywhere, (VISUAL, list(CARET_BINDINGS)))
    return sections


def _fold_numbered(bindings: list[Binding]) -> list[Binding]:
    """Keys 1 to 9 saying the same but for their number ("Open link 1", "Open link 2"...) as
    one entry, "1–9: Open link N"; those saying different things (the story's sections, each
    by its name) stay apart, and so does a number key the keymap moved."""
    folded: list[Binding] = []
    run: list[Binding] = []
    shape: tuple[str, str] | None = None

    def end_run() -> None:
        if len(run) > 1 and shape is not None:
            stem, description = shape
            first, last = run[0].key, run[-1].key
            folded.append(replace(run[0], key=f"{first}–{last}", description=description, id=f"{stem}{first}…{last}"))
        else:
            folded.extend(run)
        run.clear()

    for binding in bindings:
        numbered = _NUMBERED.match(binding.id or "")
        this = None
        if numbered and binding.key == numbered.group(2):
            this = (numbered.group(1), binding.description.replace(binding.key, "N"))
        if run and (this != shape or int(binding.key) != int(run[-1].key) + 1):
            end_run()
        if this is None:
            folded.append(binding)
        else:
            run.append(binding)
            shape = this
    end_run()
    return folded


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        # The binding ids matter to someone writing a keymap; on a narrow terminal they would
        # squeeze what each key does onto two lines, so they are shown from 100 columns.
        with_ids = self.app.size.width >= WIDE_ENOUGH_FOR_IDS
        table = Table(box=None, expand=True, show_header=False, padding=(0, 2))
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("what it does")
        if with_ids:
            table.add_column("binding id (for [keymap] in config.toml)", style="dim", no_wrap=True)
        for heading, bindings in self.sections:
            table.add_row(Text(heading, style="bold underline"), "", *([""] if with_ids else []))
            for binding in bindings:
                keys = binding.key if "–" in binding.key else describe_keys(binding.key)
                table.add_row(Text(keys), Text(binding.description), *([Text(binding.id or "")] if with_ids else []))
            table.add_row("", "", *([""] if with_ids else []))
        with VerticalScroll(id="help-dialog"):
            yield Static(Text("Keys — the focused pane's first; escape or q closes", style="bold"))
            yield Static(table)

    def action_close(self) -> None:
        close(self, None)
