"""The reader pane: an article's header and body drawn as plain text, never as markup."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Collapsible, Static

from ..diffing import compare, summary
from ..ingest.sanitize import clean_line, clean_text
from ..models import Article, ArticleState, Body, Revision
from .body_render import RenderedBody, render_body



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
    _rendered: RenderedBody | None = None

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
        self._rendered = render_body(body)
        body_widget.update(self._rendered.text)
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

    def highlight(self, ranges: list[tuple[int, int]], current: int | None) -> bool:
        """Mark these Body.text ranges and scroll to the current one; False if it is not drawn."""
        rendered = self._rendered
        if rendered is None or self.showing_changes:
            return False
        text = rendered.highlighted(ranges, current)
        self.query_one("#reader-body", Static).update(text)
        if current is None:
            return True
        drawn = rendered.position(ranges[current][0])
        if drawn is None:
            return False
        body = self.query_one("#reader-body", Static)
        width = max(body.content_region.width, 10)
        lines = text.wrap(self.app.console, width)
        line, seen = 0, 0
        for number, wrapped in enumerate(lines):
            seen += len(wrapped.plain) + (0 if wrapped.plain.endswith("\n") else 1)
            if seen > drawn:
                line = number
                break
        self.scroll_to(y=max(0, body.virtual_region.y + line - self.size.height // 3), animate=False)
        return True

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
