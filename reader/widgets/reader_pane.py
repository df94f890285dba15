"""The reader pane: an article's header and body drawn as plain text, never as markup."""

from __future__ import annotations

import re

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Collapsible, Static

from ..diffing import compare, summary
from ..ingest.sanitize import clean_line, clean_text
from ..models import Article, ArticleState, Body, Revision

_LINK_REF = re.compile(r"\[\d+\]")


def article_header(article: Article, state: ArticleState) -> Text:
    """Title, outlet, author, date, link and tags, each field cleaned of control characters."""
    text = Text()
    text.append(clean_line(article.title) + "\n", style="bold")
    details = [clean_line(article.outlet), clean_line(article.author), article.published.strftime("%A %d %B %Y, %H:%M UTC")]
    text.append(" · ".join(d for d in details if d) + "\n", style="italic")
    if article.url:
        text.append(clean_line(article.url) + "\n", style="underline")
    status = ["read" if state.read else "unread"]
    if state.starred:
        status.append("★ starred")
    text.append(" · ".join(status), style="dim")
    if state.tags:
        text.append("  " + " ".join(f"#{t}" for t in state.tags), style="bold")
    return text


def body_text(body: Body) -> Text:
    """The body as styled text. Styles are applied by span, so nothing in the article is
    ever read as Rich markup: "[bold]" in a feed stays the seven characters it is."""
    text = Text()
    previous = None
    for block in body.blocks:
        content = clean_text(block.text)
        if previous is not None:
            tight = previous == "list_item" and block.kind == "list_item"
            text.append("\n" if tight else "\n\n")
        if block.kind == "heading":
            text.append(content, style="bold underline" if block.level <= 2 else "bold")
        elif block.kind == "list_item":
            text.append("  " * max(block.level - 1, 0) + "• " + content)
        elif block.kind == "quote":
            text.append("\n".join("▎ " + line for line in content.splitlines()), style="italic")
        elif block.kind == "preformatted":
            text.append(content, style="dim")
        elif block.kind in ("image", "rule"):
            text.append(content or "―" * 20, style="dim")
        else:
            text.append(content)
        previous = block.kind
    for match in _LINK_REF.finditer(text.plain):
        text.stylize("bold", match.start(), match.end())
    if body.links:
        text.append("\n\nLinks\n", style="bold")
        for number, url in enumerate(body.links, 1):
            text.append(f"[{number}] ", style="bold")
            text.append(clean_line(url) + "\n", style="underline")
    return text


_CHANGE_STYLES = {"same": "", "added": "bold green underline", "removed": "red strike"}


def changes_text(article: Article, revisions: list[Revision], body: Body) -> Text:
    """The current text with the last edit marked: removed words struck, added ones underlined."""
    last = revisions[-1]
    replaced = last.replaced
    paragraphs = compare(last.body, body, last.title, article.title)
    added, removed = summary(paragraphs)
    text = Text()
    times = f"{len(revisions)} times" if len(revisions) > 1 else "once"
    text.append(f"Edited {times} since first fetched; the last edit, seen {replaced[:16].replace('T', ' ')} UTC, "
                f"added {added} words and removed {removed}. D returns to the article.\n\n", style="italic dim")
    for number, paragraph in enumerate(paragraphs):
        if number:
            text.append("\n\n")
        for kind, piece in paragraph:
            text.append(clean_text(piece), style=_CHANGE_STYLES[kind])
    return text


def comments_text(body: Body) -> Text:
    text = Text()
    for comment in body.comments:
        indent = "    " * comment.depth
        if comment.author:
            text.append(indent + clean_line(comment.author) + "\n", style="bold")
        for line in clean_text(comment.text).splitlines():
            text.append(indent + line + "\n")
        text.append("\n")
    return text


class ReaderPane(VerticalScroll, can_focus=True):
    """Shows one article; scrolls with j/k and space/b when focused."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("space,pagedown", "page_down", "Page down", key_display="space", id="reader.page_down"),
        Binding("b,pageup", "page_up", "Page up", key_display="b", id="reader.page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G,end", "scroll_end", "End", show=False, id="reader.end"),
        Binding("c", "toggle_comments", "Comments", id="reader.comments"),
    ]

    def compose(self):
        yield Static(Text("Choose an article from the list.", style="dim"), id="reader-header")
        yield Static("", id="reader-body")
        with Collapsible(title="Reader comments", collapsed=True, id="reader-comments"):
            yield Static("", id="reader-comments-text")

    #: True while the body shows an edit's changes instead of the article.
    showing_changes = False

    def on_mount(self) -> None:
        self.query_one("#reader-comments").display = False

    def show_article(self, article: Article, state: ArticleState, body: Body | None) -> None:
        self.showing_changes = False
        self.query_one("#reader-header", Static).update(article_header(article, state))
        body_widget = self.query_one("#reader-body", Static)
        comments = self.query_one("#reader-comments", Collapsible)
        if body is None:
            body_widget.update(Text("Loading…", style="dim"))
            comments.display = False
            return
        body_widget.update(body_text(body))
        comments.display = bool(body.comments)
        if body.comments:
            count = len(body.comments)
            comments.title = f"Reader comments ({count}) — c shows or folds them"
            comments.collapsed = True
            self.query_one("#reader-comments-text", Static).update(comments_text(body))
        self.scroll_home(animate=False)

    def show_changes(self, article: Article, revisions: list, body: Body) -> None:
        self.showing_changes = True
        self.query_one("#reader-body", Static).update(changes_text(article, revisions, body))
        self.query_one("#reader-comments").display = False
        self.scroll_home(animate=False)

    def show_state(self, article: Article, state: ArticleState) -> None:
        """Refresh the header only (read, star, tags changed)."""
        self.query_one("#reader-header", Static).update(article_header(article, state))

    def show_message(self, message: str) -> None:
        self.query_one("#reader-header", Static).update(Text(message, style="dim"))
        self.query_one("#reader-body", Static).update("")
        self.query_one("#reader-comments").display = False

    def action_toggle_comments(self) -> None:
        comments = self.query_one("#reader-comments", Collapsible)
        if comments.display:
            comments.collapsed = not comments.collapsed
            if not comments.collapsed:
                self.scroll_to_widget(comments, top=True, animate=False)
