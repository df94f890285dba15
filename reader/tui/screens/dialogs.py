"""Small modal dialogs: ask for a line of text, confirm, or choose one of a few options."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from ..focusing import focus_now
from .closing import close


class Prompt(ModalScreen[str | None]):
    """One line of text; None if cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, question: str, placeholder: str = "", hint: str = "enter confirms · escape cancels",
                 value: str = "", check: Callable[[str], str | None] | None = None) -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.placeholder = placeholder
        self.hint = hint
        #: What the answer starts as (the current name, when renaming).
        self.value = value
        #: Says what is wrong with an answer (None: nothing); a rejected answer stays in the box
        #: to be corrected, rather than the dialog closing on it.
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.question, markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Label(self.hint, classes="hint", markup=False, id="prompt-hint")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        answer = event.value.strip()
        problem = self.check(answer) if self.check is not None and answer else None
        if problem:
            hint = self.query_one("#prompt-hint", Label)
            hint.update(problem + " · escape cancels")
            hint.add_class("-error")
            return
        close(self, answer or None)

    def action_cancel(self) -> None:
        close(self, None)


class Confirm(ModalScreen[bool]):
    """Yes or no; escape and n say no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="dialog.yes"),
        Binding("n,escape", "answer(False)", "No", id="dialog.no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.question, markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        focus_now(self.query_one("#no", Button))

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        close(self, event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        close(self, answer)


class ChoiceList(OptionList):
    """The options of a Choose: j and k move as the arrows do, like every list in the app; the
    keys have ids, so the keymap reaches them."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="dialog.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="dialog.up"),
    ]


class Choose(ModalScreen[int | None]):
    """Pick one of several lines; returns its index, or None if cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, question: str, choices: list[str]) -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.question, markup=False)
            # Text, not str: a choice may hold a web page's words, never to be read as markup.
            yield ChoiceList(*(Option(Text(choice)) for choice in self.choices), id="choices")
            yield Label("enter chooses · escape cancels", classes="hint", markup=False)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        close(self, event.option_index)

    def action_cancel(self) -> None:
        close(self, None)
