"""Highlights and notes in the reader: selecting by keys or mouse, saving, notes, editing,
deleting, undo, the article note, restarts, orphans, and a read-only library.

What is checked is what the user would notice: what the store holds afterwards (read
through a fresh Store) and how the reader body draws it (the spans of its rich Text).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.geometry import Offset
from textual.selection import Selection
from textual.widgets import Input, RadioSet, Static, TextArea

from reader.annotations import passages
from reader.annotations.model import Annotation
from reader.models import Block, Body
from reader.seeds import ensure_seeded
from reader.store import Store
from reader.tui.screens.main import MainScreen
from reader.tui.screens.note_editor import NoteEditor
from reader.tui.widgets.reader.marks import CARET_STYLE, CURRENT_HIGHLIGHT, KIND_STYLES, SELECTION_STYLE
from reader.tui.widgets.reader.pane import ReaderPane

from .conftest import CARACAS_CHRONICLES, article_list, drain, notifications, reader_title, screen_lines, settle, titles

FIRST_SENTENCE = (
    "Metropolitan Mayor and political prisoner Antonio Ledezma arrived in Madrid on Saturday after escaping custody."
)
SECOND_SENTENCE_START = "He flew to Spain via Colombia"
SECOND_PARAGRAPH_START = "After playing down Ledezma’s escape on Friday"
HIGHLIGHT = KIND_STYLES["highlight"]
QUESTION = KIND_STYLES["question"]


# Helpers -----------------------------------------------------------------------------------------


def pane(app) -> ReaderPane:
    return app.screen.query_one(ReaderPane)


def drawn_body(app) -> Text:
    content = app.screen.query_one("#reader-body", Static).content
    assert isinstance(content, Text)
    return content


def painted(app, style: str) -> list[str]:
    """The runs of the drawn body painted with ``style`` (touching or overlapping spans joined)."""
    body = drawn_body(app)
    ranges = sorted((span.start, span.end) for span in body.spans if str(span.style) == style)
    runs: list[list[int]] = []
    for start, end in ranges:
        if runs and start <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    return [body.plain[start:end] for start, end in runs]


def shown(app, selector: str) -> str:
    """The plain text of a Static in the reader pane, or "" when it is hidden."""
    widget = app.screen.query_one(selector, Static)
    if not widget.display:
        return ""
    content = widget.content
    return getattr(content, "plain", str(content))


def stored(home: Path, article_id: str) -> list[Annotation]:
    """The article's highlights as another process would read them (article notes left out)."""
    return [a for a in Store.open(home).annotations(article_id) if not a.is_article_note]


def top_body_line(app) -> str:
    """The first line of the reader pane on screen, as the user reads it (stripped)."""
    region = pane(app).region
    return screen_lines(app)[region.y].ljust(region.right)[region.x : region.right].strip()


def sentence_at(text: str, offset: int) -> str:
    return text[slice(*passages.sentence_bounds(text, offset))]


async def open_article(pilot, title: str = CARACAS_CHRONICLES) -> ReaderPane:
    """Open the article (enter) and wait for its body and highlights: the reader pane is focused."""
    app = pilot.app
    article_list(app).set_cursor(titles(app).index(title))
    await pilot.press("enter")
    await settle(pilot)
    reader = pane(app)
    assert reader_title(app) == title and reader.body_text and app.focused is reader
    return reader


async def saved(pilot) -> None:
    """Wait for the write to be on disk and the reader to have redrawn the highlights."""
    await drain(pilot)
    await settle(pilot)


async def editor(pilot) -> NoteEditor:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, NoteEditor), f"the note editor is not open: {screen!r}"
    return screen


async def type_text(pilot, text: str) -> None:
    """Type into the focused widget key by key; a newline is the enter key."""
    await pilot.press(*("enter" if char == "\n" else char for char in text))


def seeded_highlight(home: Path, quote: str, *, note: str = "", kind: str = "highlight") -> tuple[str, Annotation]:
    """Before the app starts: the seeds imported and a highlight on ``quote`` of Caracas Chronicles."""
    store = Store.open(home)
    ensure_seeded(store)
    article = next(a for a in store.articles() if a.title == CARACAS_CHRONICLES)
    text = store.body(article).text
    start = text.index(quote)
    return article.id, store.add_annotation(article.id, start, start + len(quote), note=note, kind=kind, text=text)


# 1. Selecting by keys ----------------------------------------------------------------------------


async def test_v_s_h_highlights_the_first_sentence_and_draws_it(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        assert reader.body_text.startswith(FIRST_SENTENCE)
        await pilot.press("v")
        assert reader.visual
        assert painted(app, CARET_STYLE) == ["M"]  # the caret, at the start of the first paragraph
        await pilot.press("s")
        assert painted(app, SELECTION_STYLE) == [FIRST_SENTENCE]
        await pilot.press("h")
        await saved(pilot)
        highlights = stored(home, reader.article_id)
        assert [(a.quote, a.start, a.end, a.kind, a.note) for a in highlights] == [
            (FIRST_SENTENCE, 0, len(FIRST_SENTENCE), "highlight", "")
        ]
        assert painted(app, HIGHLIGHT) == [FIRST_SENTENCE]
        # Visual mode is over: no selection and no caret drawn any more.
        assert not reader.visual
        assert painted(app, SELECTION_STYLE) == [] and painted(app, CARET_STYLE) == []
        assert "Highlighted and saved." in notifications(app)[-1]


async def test_w_extends_the_selection_by_whole_words(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        await pilot.press("v", "w", "w", "w")  # three words
        assert painted(app, SELECTION_STYLE) == ["Metropolitan Mayor and"]
        await pilot.press("w")
        assert painted(app, SELECTION_STYLE) == ["Metropolitan Mayor and political"]
        await pilot.press("b")
        assert painted(app, SELECTION_STYLE) == ["Metropolitan Mayor and p"]  # back to the start of "political"
        await pilot.press("escape", "v", "w", "w", "w", "h")
        await saved(pilot)
        assert [a.quote for a in stored(home, reader.article_id)] == ["Metropolitan Mayor and"]
        assert painted(app, HIGHLIGHT) == ["Metropolitan Mayor and"]


async def test_right_and_left_move_the_caret_by_characters(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        await pilot.press("v", *["right"] * 13)
        assert painted(app, SELECTION_STYLE) == ["Metropolitan M"]
        await pilot.press("left", "left")  # back over the "M" and the space
        assert painted(app, SELECTION_STYLE) == ["Metropolitan"]
        assert reader.caret_at == len("Metropolitan") - 1
        await pilot.press("l", "l", "h")  # l moves right too
        await saved(pilot)
        assert [a.quote for a in stored(home, reader.article_id)] == ["Metropolitan M"]


async def test_p_takes_the_paragraph_and_curly_brackets_move_between_paragraphs(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        text = reader.body_text
        first_paragraph = text[: text.index("\n\n")]
        await pilot.press("v", "right_curly_bracket")
        assert reader.caret_at == text.index(SECOND_PARAGRAPH_START)
        await pilot.press("left_curly_bracket")
        assert reader.caret_at == 0
        await pilot.press("p")
        assert painted(app, SELECTION_STYLE) == [first_paragraph]
        await pilot.press("h")
        await saved(pilot)
        # Then the second paragraph: } moves the caret there, v restarts the selection, p takes it.
        await pilot.press("v", "right_curly_bracket", "v", "p", "h")
        await saved(pilot)
        second_paragraph = text[slice(*passages.paragraph_bounds(text, text.index(SECOND_PARAGRAPH_START)))]
        assert second_paragraph.startswith(SECOND_PARAGRAPH_START)
        assert sorted(a.quote for a in stored(home, reader.article_id)) == sorted([first_paragraph, second_paragraph])
        assert painted(app, HIGHLIGHT) == [first_paragraph, second_paragraph]


async def test_parentheses_extend_by_sentences_and_go_back_to_a_sentence_start(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        text = reader.body_text
        second = text.index(SECOND_SENTENCE_START)
        second_sentence = sentence_at(text, second)
        await pilot.press("v", "right_parenthesis")  # to the end of this sentence
        assert painted(app, SELECTION_STYLE) == [FIRST_SENTENCE]
        await pilot.press("right_parenthesis")  # and of the next
        assert painted(app, SELECTION_STYLE) == [text[: text.index(second_sentence) + len(second_sentence)]]
        await pilot.press("left_parenthesis")  # back to the start of that one
        assert reader.caret_at == second
        await pilot.press("v", "s", "h")  # v restarts the selection at the caret
        await saved(pilot)
        assert second_sentence.startswith(SECOND_SENTENCE_START) and second_sentence.endswith("regime.”")
        assert [a.quote for a in stored(home, reader.article_id)] == [second_sentence]
        assert painted(app, HIGHLIGHT) == [second_sentence]


async def test_j_and_k_move_the_caret_by_screen_lines(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        lines = reader.line_starts()
        await pilot.press("v", "j")
        assert reader.caret_at == lines[1]  # same column (0) one wrapped line down
        first_line = reader.body_text[: lines[1] + 1]
        assert painted(app, SELECTION_STYLE) == [first_line]
        await pilot.press("k")
        assert reader.caret_at == 0
        await pilot.press("j", "h")
        await saved(pilot)
        assert [a.quote for a in stored(home, reader.article_id)] == [first_line.strip()]


# 2. S and P without visual mode ------------------------------------------------------------------


async def test_S_and_P_highlight_the_sentence_and_paragraph_at_the_top_of_the_view(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        text = reader.body_text
        first_paragraph = text[: text.index("\n\n")]
        await pilot.press("S")
        await saved(pilot)
        assert [a.quote for a in stored(home, reader.article_id)] == [FIRST_SENTENCE]
        assert painted(app, HIGHLIGHT) == [FIRST_SENTENCE]
        await pilot.press("P")
        await saved(pilot)
        assert sorted(a.quote for a in stored(home, reader.article_id)) == sorted([FIRST_SENTENCE, first_paragraph])
        assert painted(app, HIGHLIGHT) == [first_paragraph]  # the paragraph covers the sentence


async def test_S_after_paging_down_takes_the_sentence_on_the_top_line_of_the_view(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        await pilot.press("space")
        await settle(pilot)
        for _ in range(2):  # a page may end just before a paragraph: the gap between is blank
            if top_body_line(app):
                break
            await pilot.press("j")
            await settle(pilot)
        top_line = top_body_line(app)
        assert top_line and not FIRST_SENTENCE.startswith(top_line)  # the view did move on
        await pilot.press("S")
        await saved(pilot)
        [highlight] = stored(home, reader.article_id)
        assert top_line in highlight.quote  # the sentence the user sees at the top
        assert highlight.quote == sentence_at(reader.body_text, highlight.start)
        assert painted(app, HIGHLIGHT) == [highlight.quote]


async def test_S_in_visual_mode_takes_the_sentence_at_the_caret(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        text = reader.body_text
        await pilot.press("v", "right_curly_bracket", "S")
        await saved(pilot)
        expected = sentence_at(text, text.index(SECOND_PARAGRAPH_START))
        assert expected.startswith(SECOND_PARAGRAPH_START)
        assert [a.quote for a in stored(home, reader.article_id)] == [expected]
        assert painted(app, HIGHLIGHT) == [expected]
        assert not reader.visual


# 3, 4. Notes -------------------------------------------------------------------------------------


async def test_a_saves_a_multi_line_note_with_tags_and_a_kind(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        await pilot.press("v", "s", "a")
        dialog = await editor(pilot)
        assert FIRST_SENTENCE in dialog.query_one("#note-quote", Static).content.plain
        assert app.focused is dialog.query_one("#note-text", TextArea)
        await type_text(pilot, "Why Madrid?\nAnd why now?")
        await pilot.press("tab")
        assert app.focused is dialog.query_one("#note-tags", Input)
        await type_text(pilot, "Spain, Exile Politics , spain")
        await pilot.press("tab")
        kinds = dialog.query_one("#note-kind", RadioSet)
        assert app.focused is kinds
        await pilot.press("down", "enter")  # from Highlight to Question
        assert kinds.pressed_button is not None and kinds.pressed_button.name == "question"
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert isinstance(app.screen, MainScreen)
        [highlight] = stored(home, reader.article_id)
        assert highlight.quote == FIRST_SENTENCE
        assert highlight.note == "Why Madrid?\nAnd why now?"
        assert highlight.tags == ("exile-politics", "spain")
        assert highlight.kind == "question"
        assert painted(app, QUESTION) == [FIRST_SENTENCE] and painted(app, HIGHLIGHT) == []
        await pilot.press("right_square_bracket")
        note = shown(app, "#highlight-note")
        assert note.startswith(" Question   1 of 1  #exile-politics #spain")
        assert note.endswith("\nWhy Madrid?\nAnd why now?")
        assert FIRST_SENTENCE in painted(app, CURRENT_HIGHLIGHT)


async def test_markup_and_control_characters_in_a_note_are_shown_as_text(start, home):
    markup = "[bold red]x[/] [@click=app.quit]y[/]"
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        await pilot.press("v", "s", "a")
        dialog = await editor(pilot)
        await type_text(pilot, markup)
        area = dialog.query_one("#note-text", TextArea)
        assert area.text == markup
        area.insert("\n\x1b[2Jcleared\x07\u202egnp.exe")
        await pilot.press("ctrl+s")
        await saved(pilot)
        [highlight] = stored(home, reader.article_id)
        assert highlight.note.startswith(markup + "\n")
        assert "\x1b" not in highlight.note and "\x07" not in highlight.note and "\u202e" not in highlight.note
        await pilot.press("right_square_bracket")
        note = shown(app, "#highlight-note")
        assert note.splitlines()[1] == markup  # drawn as the characters typed, not as styles or a link
        assert "cleared" in note and "\x1b" not in note and "\u202e" not in note
        # Nothing of it was taken as a style on the note line.
        content = app.screen.query_one("#highlight-note", Static).content
        assert not [s for s in content.spans if "red" in str(s.style) or "link" in str(s.style)]
        await pilot.pause(0.2)
        assert app.is_running and isinstance(app.screen, MainScreen)


# 5, 6. Editing, deleting and undo ----------------------------------------------------------------


async def test_a_on_the_current_highlight_edits_its_note_and_u_restores_it(start, home):
    article_id, before = seeded_highlight(home, FIRST_SENTENCE, note="first thoughts")
    async with start() as pilot:
        app = pilot.app
        await open_article(pilot)
        assert painted(app, HIGHLIGHT) == [FIRST_SENTENCE]
        await pilot.press("right_square_bracket")
        assert shown(app, "#highlight-note").endswith("\nfirst thoughts")
        await pilot.press("a")
        dialog = await editor(pilot)
        area = dialog.query_one("#note-text", TextArea)
        assert area.text == "first thoughts"
        await pilot.press(*["backspace"] * len("thoughts"))
        await type_text(pilot, "doubts")
        await pilot.press("ctrl+s")
        await saved(pilot)
        [after] = stored(home, article_id)
        assert (after.id, after.quote, after.note) == (before.id, FIRST_SENTENCE, "first doubts")
        assert shown(app, "#highlight-note").endswith("\nfirst doubts")
        await pilot.press("u")
        await saved(pilot)
        [undone] = stored(home, article_id)
        assert (undone.id, undone.note) == (before.id, "first thoughts")
        assert shown(app, "#highlight-note").endswith("\nfirst thoughts")
        assert notifications(app)[-1] == "Note restored."


async def test_d_deletes_the_current_highlight_and_u_brings_it_back(start, home):
    article_id, before = seeded_highlight(home, "Antonio Ledezma arrived in Madrid", note="keep this", kind="disagree")
    disagree = KIND_STYLES["disagree"]
    async with start() as pilot:
        app = pilot.app
        await open_article(pilot)
        assert painted(app, disagree) == ["Antonio Ledezma arrived in Madrid"]
        await pilot.press("right_square_bracket", "d")
        await saved(pilot)
        assert stored(home, article_id) == []
        assert painted(app, disagree) == [] and painted(app, HIGHLIGHT) == []
        assert shown(app, "#highlight-note") == ""
        await pilot.press("u")
        await saved(pilot)
        [back] = stored(home, article_id)
        assert (back.id, back.quote, back.note, back.kind, back.start, back.end) == (
            before.id, before.quote, "keep this", "disagree", before.start, before.end
        )
        assert painted(app, disagree) == ["Antonio Ledezma arrived in Madrid"]


async def test_u_after_a_new_highlight_removes_it(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        await pilot.press("S")
        await saved(pilot)
        assert len(stored(home, reader.article_id)) == 1
        await pilot.press("u")
        await saved(pilot)
        assert stored(home, reader.article_id) == []
        assert painted(app, HIGHLIGHT) == []
        await pilot.press("u")
        assert notifications(app)[-1] == "Nothing to undo."


# 7, 8. Cancelling and empty selections -----------------------------------------------------------


async def test_escape_in_the_note_editor_saves_nothing(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        await pilot.press("v", "s", "a")
        await editor(pilot)
        await type_text(pilot, "a thought")
        await pilot.press("escape")
        await saved(pilot)
        assert isinstance(app.screen, MainScreen)
        assert stored(home, reader.article_id) == []
        assert painted(app, HIGHLIGHT) == [] and painted(app, SELECTION_STYLE) == []


async def test_h_without_a_selection_says_how_to_select_and_saves_nothing(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        await pilot.press("v", "escape")
        assert not reader.visual and painted(app, CARET_STYLE) == []
        await pilot.press("h")
        await saved(pilot)
        assert notifications(app)[-1].startswith("Select a passage first")
        assert stored(home, reader.article_id) == []
        assert painted(app, HIGHLIGHT) == []


async def test_h_on_a_selection_of_spaces_only_warns_and_saves_nothing(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        await pilot.press("v", *["right"] * len("Metropolitan"), "v")  # the caret on the space, selection restarted
        assert reader.body_text[reader.caret_at] == " " and reader.anchor == reader.caret_at
        await pilot.press("h")
        await saved(pilot)
        assert notifications(app, "warning")[-1].startswith("Nothing is selected")
        assert stored(home, reader.article_id) == []
        assert reader.visual  # still selecting


# 9. Mouse selection ------------------------------------------------------------------------------


async def test_a_mouse_selection_is_highlighted_with_h(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        body_static = app.screen.query_one("#reader-body", Static)
        lines = drawn_body(app).plain.split("\n")
        phrase = "Foreign minister Arreaza"
        y = next(n for n, line in enumerate(lines) if phrase in line)
        assert y == 2  # the second paragraph, after a blank line
        x = lines[y].index(phrase)
        app.screen.selections = {body_static: Selection(Offset(x, y), Offset(x + len(phrase), y))}
        await pilot.press("h")
        await saved(pilot)
        [highlight] = stored(home, reader.article_id)
        assert highlight.quote == phrase
        assert reader.body_text[highlight.start : highlight.end] == phrase
        assert painted(app, HIGHLIGHT) == [phrase]
        assert body_static not in app.screen.selections  # the mouse selection is cleared


async def test_a_mouse_drag_over_two_screen_lines_is_highlighted_with_h(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        region = app.screen.query_one("#reader-body", Static).content_region
        screen = screen_lines(app)
        first, second = (screen[region.y + n][region.x:region.right].rstrip() for n in (0, 1))
        assert first.startswith("Metropolitan Mayor and political prisoner Antonio")
        column = first.index("Antonio")
        word = second.split()[0]  # the drag ends on the first word of the next line
        await pilot.mouse_down(None, offset=(region.x + column, region.y))
        await pilot.hover(None, offset=(region.x + column + 5, region.y))
        await pilot.hover(None, offset=(region.x + len(word) - 1, region.y + 1))
        await pilot.mouse_up(None, offset=(region.x + len(word) - 1, region.y + 1))
        await pilot.press("h")
        await saved(pilot)
        expected = first[column:] + " " + word
        assert [a.quote for a in stored(home, reader.article_id)] == [expected]
        assert painted(app, HIGHLIGHT) == [expected]


# 10, 11. Article note and restarts ---------------------------------------------------------------


async def test_W_writes_the_article_note_which_survives_a_restart(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        article_id = reader.article_id
        assert shown(app, "#article-note") == ""
        await pilot.press("W")
        dialog = await editor(pilot)
        assert not dialog.query("#note-tags") and not dialog.query("#note-kind")  # no tags or kind for it
        assert "tab moves" not in " ".join(str(label.render()) for label in dialog.query(".hint"))
        await type_text(pilot, "Read with the Breitbart piece.\nCompare dates.")
        await pilot.press("ctrl+s")
        await saved(pilot)
        note = shown(app, "#article-note")
        assert note.startswith("Your note")
        assert note.endswith("Read with the Breitbart piece.\nCompare dates.")
    assert Store.open(home).article_note(article_id).note == "Read with the Breitbart piece.\nCompare dates."
    async with start() as pilot:
        app = pilot.app
        await open_article(pilot)
        assert shown(app, "#article-note").endswith("Read with the Breitbart piece.\nCompare dates.")


async def test_a_with_nothing_selected_writes_the_article_note(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        await pilot.press("a")
        await editor(pilot)
        await type_text(pilot, "general remark")
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert Store.open(home).article_note(reader.article_id).note == "general remark"
        assert shown(app, "#article-note").endswith("general remark")
        assert stored(home, reader.article_id) == []


async def test_highlights_survive_a_restart_and_are_drawn_again(start, home):
    async with start() as pilot:
        reader = await open_article(pilot)
        article_id = reader.article_id
        await pilot.press("v", "s", "a")
        await editor(pilot)
        await type_text(pilot, "remember")
        await pilot.press("ctrl+s")
        await saved(pilot)
    async with start() as pilot:
        app = pilot.app
        await open_article(pilot)
        assert painted(app, HIGHLIGHT) == [FIRST_SENTENCE]
        assert shown(app, "#highlight-note") == ""  # none is current until ] steps to it
        await pilot.press("right_square_bracket")
        assert shown(app, "#highlight-note").endswith("\nremember")
    assert [a.quote for a in stored(home, article_id)] == [FIRST_SENTENCE]


# 12. Orphans -------------------------------------------------------------------------------------


async def test_an_orphaned_highlight_is_listed_above_the_text_with_its_quote(start, home, make_draft):
    original = ["The council agreed to delay the vote until spring.", "Critics said the delay was welcome."]

    def edition(paragraphs):
        return make_draft(1, title="Council vote", body=Body(blocks=tuple(Block("paragraph", p) for p in paragraphs)))

    store = Store.open(home)
    ensure_seeded(store)
    article_id = store.add_articles([edition(original)]).added[0]
    text = store.body(article_id).text
    kept_at = text.index("delay the vote")
    lost_at = text.index("Critics said")
    store.add_annotation(article_id, kept_at, kept_at + len("delay the vote"), text=text)
    store.add_annotation(article_id, lost_at, lost_at + len(original[1]) - 1, note="not all of them", text=text)
    store.add_articles([edition(["Update: new figures were published.", original[0]])])
    assert [a.orphaned for a in stored(home, article_id) if "Critics" in a.quote] == [True]

    async with start() as pilot:
        app = pilot.app
        await open_article(pilot, "Council vote")
        note = shown(app, "#article-note")
        assert "1 highlight whose passage the outlet changed:" in note
        assert "“Critics said the delay was welcome” — not all of them" in note
        assert painted(app, HIGHLIGHT) == ["delay the vote"]  # the one still found is drawn where it is now
        await pilot.press("right_square_bracket")
        assert shown(app, "#highlight-note").startswith(" Highlight   1 of 1")  # placed ones first
        await pilot.press("right_square_bracket")
        assert shown(app, "#highlight-note").startswith(" Orphaned   1 of 1 whose passage is gone")
        assert "▶ “Critics said the delay was welcome”" in shown(app, "#article-note")


# 13. Read-only library ---------------------------------------------------------------------------


async def test_a_read_only_library_saves_no_highlight_and_says_why(start, home):
    store = Store.open(home)
    ensure_seeded(store)
    (home / "state" / "read.json").write_bytes(b"\x00garbage{{{ not json")
    async with start() as pilot:
        app = pilot.app
        assert "READ-ONLY" in app.screen.sub_title
        reader = await open_article(pilot)
        for keys in (("v", "s", "h"), ("S",), ("v", "p", "a"), ("W",)):
            before = len(notifications(app, "warning"))
            await pilot.press(*keys)
            await settle(pilot)
            assert isinstance(app.screen, MainScreen), f"{keys} opened {app.screen!r}"
            warnings = notifications(app, "warning")[before:]
            assert [w for w in warnings if w.startswith("The library is read-only")], (keys, warnings)
            assert not reader.visual and app.focused is reader
        assert app.services.store.annotations(reader.article_id) == []
        assert painted(app, HIGHLIGHT) == []
        assert app.is_running
