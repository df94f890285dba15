"""The app's own commands: the keys that work on every screen, and its palette-only entries."""

from __future__ import annotations

from .commands import Command

#: The keys that work on every screen; their palette entries act on the main screen.
APP_COMMANDS = (
    Command("app.help", "question_mark", "help", "Help", "Help",
            "List the keys of this screen, the focused pane's first", show=True),
    Command("app.refresh_all", "R", "refresh_all", "Fetch all", "Fetch all feeds", "Fetch every feed now",
            category="feed", show=True),
    Command("app.feeds", "F", "show_feeds", "Feeds", "Manage feeds", "List, add, remove and open feeds",
            category="feed", show=True),
    Command("app.views", "V", "show_views", "Views", "Saved views",
            "List, open, add, rename and delete saved views", category="view", show=True),
    Command("app.annotations", "M", "show_annotations", "Annotations", "All annotations",
            "Every highlight and note, newest first, filtered as you type", category="annotation", show=True),
    Command("app.sync", "Y", "sync_now", "Sync", "Sync now",
            "Send and take read, star, tag and note changes with the sync account's server", category="sync"),
    Command("app.quit", "ctrl+q", "quit", "Quit", "Quit", "Save where you are and leave broadsheet", priority=True),
)
FIND_ENTITY = ("entity: Find an entity", "Show a person, organisation or place by any of its names")
THEME = ("app: Change theme", "Choose the colours (remembered for the next start)")

