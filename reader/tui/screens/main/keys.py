"""The main screen's commands: its keys, and its entries in the command palette, from one list."""

from __future__ import annotations

from ...commands import Command

COMMANDS = (
    Command("article.next_unread", "n", "next_unread", "Next unread", "Next unread", "Open the next unread article", show=True),
    Command("article.previous_unread", "p", "previous_unread", "Prev unread", "Previous unread",
            "Open the previous unread article"),
    Command("article.toggle_read", "N", "article('read')", "Read/unread", "Toggle read", "Mark the article read or unread",
            show=True),
    Command("view.mark_all_read", "A", "mark_all_read", "All read", "Mark all read", "Mark every article in the list read"),
    Command("article.star", "s", "article('star')", "Star", "Star or unstar", "Star the article, or remove its star", show=True),
    Command("article.tags", "t", "article('tags')", "Tags", "Edit tags", "Add or remove the article's tags", show=True),
    Command("article.open_link", "o", "article('link')", "Browser", "Open in browser", "Open the article's link in a web browser"),
    Command("article.changes", "D", "show_changes", "Changes", "Show changes",
            "Show what the outlet changed since the article was first fetched"),
    Command("feed.refresh", "r", "refresh_feed", "Fetch feed", "Fetch this feed",
            "Fetch the feed of the listed feed or of the article under the cursor"),
    Command("search.next_match", "greater_than_sign", "next_match(1)", "Next match", "Next search match",
            "Move to the next match of the search in the open article", category="view"),
    Command("search.previous_match", "less_than_sign", "next_match(-1)", "Previous match", "Previous search match",
            "Move to the previous match of the search in the open article", category="view"),
    Command("view.search", "slash", "search", "Search", "Search",
            "Search titles, text, authors, outlets, tags and notes with the query language", show=True),
    Command("annotation.undo", "u", "undo", "Undo", "Undo", "Undo the last highlight, note or deletion of this session"),
    Command("annotation.article_note", "W", "article_note", "Article note", "Note on the article",
            "Write or edit your note on the whole open article"),
    Command("view.hide_read", "H", "toggle_hide_read", "Hide read", "Hide or show read", "Hide read articles, or show them again"),
    Command("view.sort", "O", "cycle_sort", "Sort", "Change sort order", "Sort by date, outlet or title"),
    Command("pane.entities", "e", "pane('entities')", "Entities", "Focus entities", "Move to the entity sidebar"),
    Command("pane.toggle_sidebar", "E", "pane('sidebar')", "Sidebar", "Toggle sidebar", "Show or hide the entity sidebar"),
    Command("pane.zoom", "z", "pane('zoom')", "Zoom", "Zoom reader", "Give the reader pane the full width, or restore the panes"),
    Command("pane.next", "tab", "pane('cycle', 1)", "Next pane"),
    Command("pane.previous", "shift+tab", "pane('cycle', -1)", "Previous pane"),
    Command("app.back", "q", "back", "Back/Quit", show=True),
    Command("app.escape", "escape", "back_only", "Back"),
)
