"""The texts of the reader pane besides the article: its header, an edit's changes, comments."""

from __future__ import annotations

from rich.text import Text

from ....diffing import compare, summary
from ....ingest.sanitize import clean_line, clean_text
from ....models import Article, ArticleState, Body, Revision


def article_header(article: Article, state: ArticleState, told_by: str = "") -> Text:
    """Title, outlet, author, date, link, tags and the other outlets telling the same story,
    each field cleaned of control characters."""
    text = Text()
    text.append(clean_line(article.title) + "\n", style="bold")
    details = [
        clean_line(article.outlet), clean_line(article.author), article.published.strftime("%A %d %B %Y, %H:%M UTC")
    ]
    text.append(" · ".join(d for d in details if d) + "\n", style="italic")
    if told_by:
        text.append(clean_line(told_by) + "\n", style="bold")
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
    when = last.replaced[:16].replace("T", " ")
    paragraphs = compare(last.body, body, last.title, article.title)
    added, removed = summary(paragraphs)
    text = Text()
    edits = sum(1 for revision in revisions if not revision.full_text)
    times = f"{edits} times" if edits > 1 else "once"
    if last.full_text:
        # X is the reader's own doing: say what the page added to the feed's text, not "edited".
        edited = f" The outlet edited it {times} before." if edits else ""
        text.append(f"The page's full text, fetched {when} UTC, against the feed's: it added {added} words and "
                    f"left out {removed}.{edited} D returns to the article.\n\n", style="italic dim")
    else:
        text.append(f"Edited {times} since first fetched; the last edit, seen {when} UTC, added {added} words "
                    f"and removed {removed}. D returns to the article.\n\n", style="italic dim")
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
