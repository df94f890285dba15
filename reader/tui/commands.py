"""Every action of the main screen as a command-palette entry, titled "category: what it does"."""

from __future__ import annotations

from typing import Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen

#: (title, help, action name on the main screen). Palette and key call the same action.
MAIN_SCREEN_COMMANDS = (
    ("article: Next unread", "Open the next unread article (n)", "next_unread"),
    ("article: Previous unread", "Open the previous unread article (p)", "previous_unread"),
    ("article: Toggle read", "Mark the article read or unread (N)", "toggle_read"),
    ("article: Star or unstar", "Star the article, or remove its star (s)", "star"),
    ("article: Edit tags", "Add or remove the article's tags (t)", "edit_tags"),
    ("article: Open in browser", "Open the article's link in a web browser (o)", "open_link"),
    ("article: Show changes", "Show what the outlet changed since the article was first fetched (D)", "show_changes"),
    ("feed: Fetch this feed", "Fetch the feed of the listed feed or of the article under the cursor (r)", "refresh_feed"),
    ("view: Mark all read", "Mark every article in the list read (A)", "mark_all_read"),
    ("view: Search", "Search titles, text, authors, outlets, tags and notes with the query language (/)", "search"),
    ("view: Next search match", "Move to the next match of the search in the open article (>)", "next_match(1)"),
    ("view: Previous search match", "Move to the previous match of the search in the open article (<)", "next_match(-1)"),
    ("annotation: Note on the article", "Write or edit your note on the whole open article (W)", "article_note"),
    ("annotation: Undo", "Undo the last highlight, note or deletion of this session (u)", "undo"),
    ("view: Hide or show read", "Hide read articles, or show them again (H)", "toggle_hide_read"),
    ("view: Change sort order", "Sort by date, outlet or title (O)", "cycle_sort"),
    ("pane: Focus entities", "Move to the entity sidebar (e)", "focus_entities"),
    ("pane: Toggle sidebar", "Show or hide the entity sidebar (E)", "toggle_sidebar"),
    ("pane: Zoom reader", "Give the reader pane the full width, or restore the panes (z)", "toggle_zoom"),
)


def palette_commands(app: App, screen: Screen) -> Iterable[SystemCommand]:
    from .screens.main import MainScreen

    if isinstance(screen, MainScreen):
        for title, help_text, action in MAIN_SCREEN_COMMANDS:
            yield SystemCommand(title, help_text, lambda action=action: screen.run_action(action))
    yield SystemCommand("feed: Fetch all feeds", "Fetch every feed now (R)", app.action_refresh_all)
    yield SystemCommand("feed: Manage feeds", "List, add, remove and open feeds (F)", app.action_show_feeds)
    yield SystemCommand("view: Saved views", "List, open, add, rename and delete saved views (V)", app.action_show_views)
    yield SystemCommand("annotation: All annotations", "Every highlight and note, newest first, filtered as you type (M)", app.action_show_annotations)
    yield SystemCommand("entity: Find an entity", "Show a person, organisation or place by any of its names", app.action_find_entity)
    yield SystemCommand("app: Help", "List the keys of the focused pane (?)", app.action_help)
