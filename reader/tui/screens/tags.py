"""The tag editor: a one-line dialog that completes tags the library already uses."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label

from ...ingest.sanitize import clean_line
from ...text import normalise_tag, tag_problem
from .closing import close

HINT = "enter saves · → accepts a suggestion · escape cancels"


class TagSuggester(Suggester):
    """Completes the last word typed from the library's existing tags."""

    def __init__(self, known: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.known = known

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(" ")
        if not last:
            return None
        for tag in self.known:
            if tag.startswith(last.lstrip("#").lower()) and tag != last:
                return f"{head} {tag}".lstrip() if head else tag
        return None


class TagEditor(ModalScreen[tuple[str, ...] | None]):
    """Returns the new tags, or None if the user cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="tags.cancel")]

    def __init__(self, title: str, tags: tuple[str, ...], known: list[str]) -> None:
        super().__init__()
        self.article_title = title
        self.tags = tags
        self.known = known

    def compose(self) -> ComposeResult:
        with Vertical(id="tag-dialog"):
            yield Label(f"Tags for “{clean_line(self.article_title)[:60]}”", markup=False)
            yield Input(
                " ".join(self.tags),
                placeholder="words separated by spaces",
                suggester=TagSuggester(self.known),
                id="tag-input",
            )
            yield Label(HINT, classes="hint", markup=False, id="tag-hint")

    @on(Input.Submitted)
    def save(self, event: Input.Submitted) -> None:
        words = [clean_line(word) for word in event.value.split()]
        # The command line's rule: a tag it would refuse could be saved here but never searched
        # for, so the dialog stays open with what was typed, to be corrected.
        problem = next((p for p in map(tag_problem, words) if p), None)
        if problem:
            hint = self.query_one("#tag-hint", Label)
            hint.update(f"{problem[:1].upper()}{problem[1:]} · escape cancels")
            hint.add_class("-error")
            return
        close(self, tuple(dict.fromkeys(normalise_tag(w.lstrip("#")) for w in words)))

    def action_cancel(self) -> None:
        close(self, None)
