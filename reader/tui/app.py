"""The Textual app: styles, global keys, palette commands and theme memory; wiring only."""

from __future__ import annotations

import asyncio
from dataclasses import replace
import webbrowser
from typing import Iterable
from urllib.parse import urlsplit

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from .background.analysis import EntityControl
from .background.fetching import FetchControl
from .background.indexing import SearchControl
from ..ingest.sanitize import clean_line
from ..paths import styles_dir
from .commands import palette_commands
from .screens.annotations import AnnotationsScreen
from .screens.dialogs import Prompt
from .screens.entity import EntityScreen
from .screens.feeds import FeedsScreen
from .screens.help import HelpScreen
from .screens.views import ViewsScreen
from .screens.main import MainScreen
from .services import Services


class BroadsheetApp(FetchControl, EntityControl, SearchControl, App):
    CSS_PATH = [styles_dir() / name for name in ("base.tcss", "main.tcss", "dialogs.tcss", "feeds.tcss", "entities.tcss", "annotations.tcss")]
    TITLE = "broadsheet"
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("R", "refresh_all", "Fetch all", id="app.refresh_all"),
        Binding("F", "show_feeds", "Feeds", id="app.feeds"),
        Binding("V", "show_views", "Views", id="app.views"),
        Binding("M", "show_annotations", "Annotations", id="app.annotations"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        services.call_on_ui = self._call_on_ui

    def _call_on_ui(self, callback, *args) -> None:
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:
            # The app has already stopped (a write finishing during quit): nothing to show.
            pass

    def get_default_screen(self) -> Screen:
        return MainScreen()

    def on_mount(self) -> None:
        services = self.services
        if services.settings.keymap:
            self.set_keymap(services.settings.keymap)
        self.theme = self._initial_theme()
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        services.writer.start()
        for problem in services.config_problems:
            self.notify(str(problem), title="Config problem", severity="warning", timeout=15, markup=False)
        if services.store.migration_backup:
            self.notify(f"The library was upgraded; the old version is kept in {services.store.migration_backup}", timeout=10, markup=False)
        if services.read_only_reason:
            self.notify(services.read_only_reason, title="Read-only", severity="error", timeout=15, markup=False)
        self.start_auto_refresh()
        self.start_analysis()
        self.start_search()

    def _initial_theme(self) -> str:
        try:
            remembered = self.services.store.session().get("theme")
        except Exception:  # noqa: BLE001 - an unreadable session must not stop the app
            remembered = None
        for theme in (remembered, self.services.settings.theme):
            if theme and theme in self.available_themes:
                return theme
        return "textual-dark"

    def _remember_theme(self, theme) -> None:
        self.services.save_session(theme=theme.name)

    def check_writable(self, screen: Screen) -> bool:
        reason = self.services.read_only_reason
        if reason:
            screen.notify(f"The library is read-only: {reason}", severity="warning", timeout=6, markup=False)
        return not reason

    # Actions ------------------------------------------------------------------------------------

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self._help_sections()))

    def _help_sections(self) -> list:
        focused = self.focused
        groups: dict[str, dict[str, Binding]] = {}
        for key, active in self.screen.active_bindings.items():
            node = active.node
            if node is focused and focused is not None:
                heading = f"{type(node).__name__} (focused pane)"
            elif node is self:
                heading = "Everywhere"
            else:
                heading = "On this screen"
            merged = groups.setdefault(heading, {})
            binding = active.binding
            name = binding.id or binding.action
            if name in merged:
                merged[name] = replace(merged[name], key=f"{merged[name].key},{key}")
            else:
                merged[name] = replace(binding, key=key)
        order = sorted(groups, key=lambda h: (h == "Everywhere", h == "On this screen"))
        return [(heading, list(groups[heading].values())) for heading in order]

    def action_show_feeds(self) -> None:
        if isinstance(self.screen, FeedsScreen):
            return
        main = self.screen_stack[0]

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                main.show_feed(*choice)

        self.push_screen(FeedsScreen(), chosen)

    def action_show_views(self) -> None:
        if isinstance(self.screen, ViewsScreen):
            return
        main = self.screen_stack[0]

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                main.open_view(*choice)

        self.push_screen(ViewsScreen(main.active_query), chosen)

    def action_show_annotations(self) -> None:
        if isinstance(self.screen, AnnotationsScreen):
            return
        main = self.screen_stack[0]

        def entity_articles(name: str) -> set[str] | None:
            library = self.entity_library
            return library.articles_mentioning(name) if library is not None else None

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                main.jump_to_annotation(*choice)

        self.push_screen(AnnotationsScreen(main.listing.articles, entity_articles), chosen)

    def show_entity(self, key: str) -> None:
        """The entity's own screen; what is chosen there is shown on the main screen."""
        main = self.screen_stack[0]

        def chosen(choice: tuple | None) -> None:
            if choice is None:
                return
            if choice[0] == "mention":
                main.jump_to_mention(*choice[1:])
            elif choice[0] == "article":
                main.jump_to_article(choice[1])
            elif choice[0] == "entity":
                self.show_entity(choice[1])

        self.push_screen(EntityScreen(key), chosen)

    def action_find_entity(self) -> None:
        def named(name: str | None) -> None:
            library = self.entity_library
            entity = library.find(name) if (name and library) else None
            if entity is None:
                if name:
                    self.notify(f"No person, organisation or place called {clean_line(name)} has been found yet.", severity="warning", markup=False)
                return
            self.show_entity(entity.key)

        self.push_screen(Prompt("Which person, organisation or place?", placeholder="any of its names"), named)

    def open_link(self, screen: Screen, url: str) -> None:
        url = clean_line(url)
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            screen.notify("This article has no web link to open." if not url else f"Not opening {url}: only http and https links are opened.", severity="warning", markup=False)
            return
        screen.notify(f"Opening {url}", timeout=4, markup=False)
        self._open_in_browser(url)

    @work(thread=True, group="browser", exit_on_error=False)
    def _open_in_browser(self, url: str) -> None:
        # webbrowser runs the browser with an argument list, never through a shell.
        if not webbrowser.open(url):
            self.call_from_thread(self.notify, f"No web browser found. The link is: {url}", severity="warning", timeout=10, markup=False)

    async def action_quit(self) -> None:
        # A fetch stops at once (what it already parsed is still saved); queued writes
        # finish, so nothing the user did is lost by leaving.
        self.services.feeds.cancel()
        self.stop_search()
        await asyncio.to_thread(self.stop_analysis)
        await asyncio.to_thread(self.services.writer.drain, 5.0)
        self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from palette_commands(self, screen)
