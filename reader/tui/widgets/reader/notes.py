"""The user's notes as the reader pane shows them: always plain Text, never markup."""

from __future__ import annotations

from rich.text import Text

from ....annotations.model import Annotation
from ....ingest.sanitize import clean_line, clean_text
from .marks import KIND_STYLES

KIND_NAMES = {"highlight": "Highlight", "question": "Question", "disagree": "Disagree"}
#: Orphaned highlights listed above the text, at most; the annotations screen has them all.
ORPHANS_SHOWN = 5


def _short(text: str, limit: int) -> str:
    text = " ".join(clean_text(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def article_note_text(note: Annotation | None, orphans: list[Annotation], current: str | None = None) -> Text:
    """The note on the whole article, and the highlights whose passage is gone (``current``,
    the one stepped to, marked)."""
    text = Text()
    if note is not None:
        text.append("Your note", style="bold")
        text.append("  (W edits it)\n", style="dim")
        text.append(clean_text(note.note))
    if orphans:
        if text:
            text.append("\n\n")
        count = len(orphans)
        text.append(f"{count} highlight{'s' if count != 1 else ''} whose passage the outlet changed:", style="bold")
        if current is None:
            text.append("  (] steps to them)", style="dim")
        shown = orphans[:ORPHANS_SHOWN]
        chosen = next((n for n, orphan in enumerate(orphans) if orphan.id == current), None)
        if chosen is not None and chosen >= ORPHANS_SHOWN:
            shown = [*orphans[: ORPHANS_SHOWN - 1], orphans[chosen]]
        for orphan in shown:
            marked = orphan.id == current
            text.append("\n" + ("▶ " if marked else "  "))
            text.append("“" + _short(orphan.quote, 120) + "”", style="bold italic reverse" if marked else "italic")
            if orphan.note:
                text.append(" — " + _short(orphan.note, 80))
        if count > len(shown):
            text.append(f"\n  and {count - len(shown)} more (M lists them)", style="dim")
    return text


def highlight_note_text(annotation: Annotation, number: int, total: int) -> Text:
    """The line under the text for the highlight stepped to: kind, tags, date, then its note."""
    text = Text()
    if annotation.orphaned:
        text.append(" Orphaned ", style="bold reverse")
        text.append(f"  {number} of {total} whose passage is gone", style="dim")
        text.append("   select its new place (v …) and press h to re-attach it · a edits · d deletes", style="dim")
        text.append("\n“" + _short(annotation.quote, 300) + "”", style="italic")
        if annotation.note:
            text.append("\n" + clean_text(annotation.note))
        return text
    text.append(
        f" {KIND_NAMES.get(annotation.kind, annotation.kind)} ", style="bold " + KIND_STYLES.get(annotation.kind, "")
    )
    text.append(f"  {number} of {total}", style="dim")
    if annotation.tags:
        text.append("  " + " ".join("#" + clean_line(tag) for tag in annotation.tags), style="bold")
    if annotation.created is not None:
        text.append("  " + annotation.created.strftime("%d %b %Y"), style="dim")
    text.append("   ] [ step · a edits · d deletes · u undoes", style="dim")
    if annotation.original:
        text.append("\nwas: “" + _short(annotation.original, 200) + "”", style="dim italic")
    if annotation.note:
        text.append("\n" + clean_text(annotation.note))
    return text
