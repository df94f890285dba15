"""The entity screen: one entity's names, articles, companions and every mention in context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from ...entities.library import EntityLibrary
from ...ingest.sanitize import clean_line
from ...models.entities import KINDS, Correction, Entity
from ...text import counted
from ..focusing import focus_now
from ..widgets.footer import KeysFooter
from ..workers import run_in_thread
from .closing import close
from .dialogs import Choose, Prompt
from .entity_rows import EntityRows, entity_rows

if TYPE_CHECKING:
    from ..app import BroadsheetApp

KIND_NAMES = {"person": "person", "organisation": "organisation", "place": "place"}


class EntityScreen(Screen[tuple | None]):
    """Dismissed with ("mention", article id, start, end), ("article", id), ("entity", key), or None."""

    BINDINGS = [
        Binding("r", "rename", "Rename", id="entity.rename"),
        Binding("t", "retype", "Type", id="entity.retype"),
        Binding("M", "merge", "Merge", id="entity.merge"),
        Binding("x", "split", "Split alias", id="entity.split"),
        Binding("h", "hide", "Hide/show", id="entity.hide"),
        Binding("u", "undo", "Undo", id="entity.undo"),
        Binding("escape,q", "close", "Back", id="entity.close"),
    ]

    @dataclass
    class Loaded(Message):
        rows: list[tuple[str, Text]]

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.entity: Entity | None = None

    @property
    def broadsheet(self) -> BroadsheetApp:
        return cast("BroadsheetApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(id="entity-summary")
        yield EntityRows(id="entity-rows")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "broadsheet — entity"
        self.watch(self.app, "entity_library", lambda _: self.refresh_entity())

    def refresh_entity(self) -> None:
        library = self.broadsheet.entity_library
        entity = library.find(self.key) if library is not None else None
        if entity is None and self.entity is not None and library is not None:
            entity = library.find(self.entity.name)  # renamed or merged: follow it
        if entity is None or library is None:
            self.query_one("#entity-summary", Static).update(
                Text("This entity is not in the library (any more).", style="italic")
            )
            return
        self.entity, self.key = entity, entity.key
        self.query_one("#entity-summary", Static).update(self._summary(entity, library))
        self.load_rows(entity, library)

    def _summary(self, entity, library) -> Text:
        text = Text()
        text.append(clean_line(entity.name), style="bold")
        text.append(f"  {KIND_NAMES.get(entity.kind, entity.kind)}", style="italic")
        if entity.hidden:
            text.append("  (hidden from the sidebar; h shows it)", style="dim")
        text.append(f"\n{counted(entity.mention_count, 'mention')} in {counted(len(entity.articles), 'article')}\n",
                    style="dim")
        aliases = sorted(entity.aliases.items(), key=lambda item: -item[1])
        text.append("Also written: ", style="bold")
        text.append(", ".join(f"{clean_line(a)} ({n})" for a, n in aliases))
        return text

    def load_rows(self, entity: Entity, library: EntityLibrary) -> None:
        run_in_thread(self, lambda: self._load_rows(entity, library), group="entity.rows", exclusive=True)

    def _load_rows(self, entity: Entity, library: EntityLibrary) -> None:
        self.post_message(self.Loaded(entity_rows(self.broadsheet.services.store, entity, library)))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        options = self.query_one(EntityRows)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options([
            Option(text, id=f"{number}|{key}", disabled=not key) for number, (key, text) in enumerate(message.rows)
        ])
        if highlighted is not None and highlighted < options.option_count:
            options.highlighted = highlighted
        else:  # the cursor shows from the start, on the first row that can be chosen
            options.action_first()
        focus_now(options)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        _, kind, *rest = (event.option.id or "").split("|")
        if kind == "article":
            close(self, ("article", rest[0]))
        elif kind == "entity":
            close(self, ("entity", rest[0]))
        elif kind == "mention":
            article_id, start, end, part = rest
            close(self, ("mention", article_id, int(start), int(end)) if part == "body" else ("article", article_id))

    def action_close(self) -> None:
        close(self, None)

    # Corrections -------------------------------------------------------------------------------

    def _correct(self, correction: Correction, done_message: str) -> None:
        if not self.broadsheet.check_writable(self):
            return

        def done(_) -> None:
            self.notify(done_message + " (u undoes it)", timeout=4, markup=False)
            self.broadsheet.analysis.rebuild()

        self.broadsheet.writes.submit(lambda store: store.add_entity_correction(correction), on_done=done,
                            on_error=lambda error: self.notify(f"Not saved: {error}", severity="error", markup=False))

    def action_rename(self) -> None:
        if self.entity is None:
            return
        entity = self.entity

        def renamed(name: str | None) -> None:
            if name and name != entity.name:
                self._correct(Correction("rename", entity.name, clean_line(name)), f"Renamed to {clean_line(name)}.")

        name = clean_line(entity.name)
        self.app.push_screen(Prompt(f"A new name for {name}", value=name), renamed)

    def action_retype(self) -> None:
        if self.entity is None:
            return
        entity = self.entity
        kinds = [k for k in KINDS if k != entity.kind]

        def chosen(index: int | None) -> None:
            if index is not None:
                self._correct(
                    Correction("retype", entity.name, kinds[index]),
                    f"{clean_line(entity.name)} is now a {kinds[index]}.",
                )

        self.app.push_screen(Choose(f"What is {clean_line(entity.name)}?", kinds), chosen)

    def action_merge(self) -> None:
        if self.entity is None:
            return
        entity = self.entity

        def other(name: str) -> Entity | None:
            library = self.broadsheet.entity_library
            found = library.find(name) if library is not None else None
            return found if found is not None and found.key != entity.key else None

        def named(name: str | None) -> None:
            found = other(name) if name else None
            if found is None:
                return
            self._correct(
                Correction("merge", entity.name, found.name),
                f"{clean_line(found.name)} merged into {clean_line(entity.name)}.",
            )

        self.app.push_screen(Prompt(f"Merge which entity into {clean_line(entity.name)}? (any of its names)",
                                    check=lambda name: None if other(name) else
                                    f"no other entity is called {clean_line(name)}"), named)

    def action_split(self) -> None:
        if self.entity is None:
            return
        aliases = [a for a in self.entity.aliases if a != self.entity.name] or list(self.entity.aliases)
        if len(self.entity.aliases) < 2:
            self.notify("This entity has only one name; there is nothing to split off.", timeout=3, markup=False)
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                self._correct(
                    Correction("split", aliases[index]), f"{clean_line(aliases[index])} is now an entity of its own."
                )

        self.app.push_screen(Choose("Which name is a different entity?", [clean_line(a) for a in aliases]), chosen)

    def action_hide(self) -> None:
        if self.entity is not None:
            action = "show" if self.entity.hidden else "hide"
            self._correct(
                Correction(action, self.entity.name),
                f"{clean_line(self.entity.name)} is {'shown' if action == 'show' else 'hidden'} in the sidebar.",
            )

    def action_undo(self) -> None:
        def done(correction) -> None:
            if correction is None:
                self.notify("No correction to undo.", timeout=3, markup=False)
                return
            self.notify(f"Undone: {correction.action} {clean_line(correction.alias)}.", timeout=3, markup=False)
            self.broadsheet.analysis.rebuild()

        self.broadsheet.writes.submit(lambda store: store.remove_last_entity_correction(), on_done=done)

