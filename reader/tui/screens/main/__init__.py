"""The main screen: the article list, the reader pane and the entity sidebar, composed; the keys
that act on them; and the state that flows down to them (the open article, its body, the view)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header

from ....entities.library import EntityLibrary
from ....models import Article, Body
from ...commands import bindings
from ...focusing import focus_now
from ...listing import Listing, ViewOptions
from ...widgets.article_list import ArticleList
from ...widgets.entity_sidebar import EntitySidebar
from ...widgets.footer import KeysFooter
from ...widgets.reader.pane import ReaderPane
from ...widgets.search_box import SearchBox
from ...widgets.story_list import StoryList
from .annotating import Annotator
from .article_out import ArticleOut
from .destinations import Destinations
from .filters import Filters
from .header import HeaderLine
from .keys import COMMANDS
from .library_feed import LibraryFeed
from .marking import Marking
from .navigation import Panes
from .session import SessionMemory
from .story_view import StoryView

if TYPE_CHECKING:
    from ...app import BroadsheetApp


class MainScreen(Screen[None]):
    BINDINGS = bindings(COMMANDS)
    #: From 140 columns the list is given more of the width than the reader; below 120 the
    #: sidebar takes the list's place when open (styles/main.tcss, navigation.NARROW).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-medium"), (140, "-wide")]

    # ``var``, not ``reactive``: a reactive repaints the whole screen when it changes (every cursor
    # move), where the watchers below redraw only the parts that show it.
    #: The article in the reader pane, and its body once loaded.
    current: var[Article | None] = var(None)
    current_body: var[Body | None] = var(None)
    #: How the list is sorted and filtered; every change rebuilds the rows.
    view: var[ViewOptions] = var(ViewOptions, always_update=True)
    #: The search whose results the list shows ("" when none): its words are marked in the reader.
    active_query: var[str] = var("")
    #: The header's second part (what the list shows, unread, background work). Screen's own
    #: reactive repaints the whole screen on each change, and the unread count changes as each
    #: article is read; the header, which watches it, redraws its one line.
    sub_title: var[str | None] = var(None)

    def __init__(self) -> None:
        super().__init__()
        self.listing = Listing()
        self.library_loading = True

    @property
    def broadsheet(self) -> BroadsheetApp:
        return cast("BroadsheetApp", self.app)

    def compose(self) -> ComposeResult:
        services = self.broadsheet.services
        yield Header(show_clock=False)
        yield SearchBox(lambda: self.broadsheet.indexing.searcher, id="search-box")
        with Horizontal(id="panes"):
            yield ArticleList(self.listing, date_format=services.settings.date_format, clock=services.clock,
                              relative_dates=services.settings.relative_dates, id="articles")
            yield StoryList(self.listing, date_format=services.settings.date_format, clock=services.clock,
                            relative_dates=services.settings.relative_dates, id="stories")
            yield ReaderPane(entities=lambda: self.broadsheet.entity_library, id="reader")
            yield EntitySidebar(lambda: [a.id for a in self.listing.rows], id="entities")
        yield KeysFooter()

    def on_mount(self) -> None:
        app, services = self.broadsheet, self.broadsheet.services
        self.title = "broadsheet"
        self.articles, self.reader = self.query_one(ArticleList), self.query_one(ReaderPane)
        self.sidebar, self.search_box = self.query_one(EntitySidebar), self.query_one(SearchBox)
        self.feed = LibraryFeed(services.store, self, self.listing, self.articles, poll_seconds=services.poll_seconds)
        self.annotator = Annotator(app, self, self.reader)
        self.feed.with_body, self.feed.extra_loaded = self.annotator.read, self.annotator.extra_loaded
        self.marking = Marking(app, self, self.listing, changed=self.marks_changed, failed=self.feed.write_failed,
                               edits=self.annotator.edits)
        self.stories = StoryView(app, self, self.query_one(StoryList))
        self.panes = Panes(self, self.articles, self.reader, self.sidebar, lambda: self.stories.list_widget)
        self.go = Destinations(app, self)
        self.filters = Filters(app, self)
        self.session = SessionMemory(app, self)
        self.out = ArticleOut(app, self)
        self.header_line = HeaderLine(app, self)
        self.view = ViewOptions(sort=services.settings.sort, hide_read=services.settings.hide_read)
        focus_now(self.articles)
        self.header_line.follow()
        self.watch(app, "entity_library", self._entities_changed)
        self.watch(app, "story_library", self.stories.library_changed)
        self.watch(app, "analysis_note", lambda note: setattr(
            self.sidebar, "note", f"Simpler extractor in use: {note}" if note else ""))
        self.feed.load()

    # The state flowing down ---------------------------------------------------------------------

    def watch_current(self, article: Article | None) -> None:
        self.broadsheet.collector.activity()
        if article is not None:
            self.reader.show_article(article, self.listing.state(article.id), None)
            self.sidebar.show_article(article.id, article.title)
            self.stories.article_shown(article)
            self.broadsheet.analysis.prioritise(article)
            self.feed.load_body(article)

    def watch_current_body(self, body: Body | None) -> None:
        if body is not None and self.current is not None:
            self.reader.show_article(self.current, self.listing.state(self.current.id), body)
            self.go.show_pending_passage()
            self.session.body_shown()

    def watch_view(self, options: ViewOptions) -> None:
        keep = self.articles.highlighted_id  # before the rows change, which moves the cursor's article
        self.listing.set_options(options)
        self.articles.rows_changed(keep=keep)
        self.stories.list_changed()
        self.sidebar.list_changed()
        self.header_line.update()

    def watch_active_query(self, query: str) -> None:
        self.reader.set_query(query)

    def change_view(self, **changes: object) -> None:
        self.view = replace(self.view, **changes)  # type: ignore[arg-type]
        if persistent := {k: v for k, v in changes.items() if k in ("sort", "hide_read")}:
            self.broadsheet.save_session(**persistent)

    def show_article(self, article: Article, *, again: bool = False) -> None:
        """Show an article in the reader (``again``: even if it is the one shown, e.g. edited)."""
        if again or self.current is None or self.current.id != article.id or self.current_body is None:
            self.current_body = None
            self.current = article

    def open_article(self, article: Article) -> None:
        self.show_article(article)
        if self.broadsheet.services.settings.mark_read_on_open and not self.listing.is_read(article.id):
            self.marking.set_read([article.id], True)
        self.broadsheet.save_session(article=article.id)
        focus_now(self.reader)

    @property
    def target(self) -> Article | None:
        """What the article keys act on: the open article in the reader, else the list's cursor."""
        return self.panes.target(self.current)

    def marks_changed(self) -> None:
        self.articles.refresh()
        self.stories.refresh()
        if self.current is not None:
            self.reader.show_state(self.current, self.listing.state(self.current.id))
        self.header_line.update()

    # What the parts report ------------------------------------------------------------------------

    @on(ArticleList.Highlighted)  # from the story list too
    def _highlighted(self, message: ArticleList.Highlighted) -> None:
        self.show_article(message.article)

    @on(ArticleList.Opened)
    def _opened(self, message: ArticleList.Opened) -> None:
        self.open_article(message.article)

    @on(LibraryFeed.Loaded)
    @on(LibraryFeed.Changed)
    @on(LibraryFeed.Arrived)
    @on(LibraryFeed.BodyLoaded)
    @on(LibraryFeed.ChangesLoaded)
    def _library(self, message: LibraryFeed.Received) -> None:
        self.feed.received(message)

    @on(Annotator.Loaded)
    def _annotations_loaded(self, message: Annotator.Loaded) -> None:
        self.annotator.loaded(message)

    @on(ReaderPane.AnnotateRequested)
    @on(ReaderPane.EditRequested)
    @on(ReaderPane.DeleteRequested)
    @on(ReaderPane.ReattachRequested)
    def _annotation(self, message: ReaderPane.AnnotateRequested | ReaderPane.EditRequested
                    | ReaderPane.DeleteRequested | ReaderPane.ReattachRequested) -> None:
        self.annotator.requested(message)

    @on(ReaderPane.ArticleNoteRequested)
    def action_article_note(self) -> None:
        if self.current is not None:
            self.annotator.article_note(self.current.id)

    @on(SearchBox.Answered)
    @on(SearchBox.Cleared)
    @on(SearchBox.Unindexed)
    @on(SearchBox.Submitted)
    def _searched(self, message: SearchBox.Answered | SearchBox.Cleared | SearchBox.Unindexed
                  | SearchBox.Submitted) -> None:
        self.filters.searched(message)

    def index_ready(self) -> None:
        if self.is_mounted:  # the index may open before this screen has: no search waits then
            self.filters.index_ready()

    @on(EntitySidebar.Chosen)
    def _entity_chosen(self, message: EntitySidebar.Chosen) -> None:
        self.filters.show_entity(message.key, message.name)

    @on(EntitySidebar.MentionsWanted)
    def _mentions_wanted(self, message: EntitySidebar.MentionsWanted) -> None:
        if (library := self.broadsheet.entity_library) is not None and self.current_body is not None:
            self.reader.step_mentions(library, message.key, message.name)

    @on(EntitySidebar.Inspected)
    def _entity_inspected(self, message: EntitySidebar.Inspected) -> None:
        self.go.entity(message.key)

    def on_resize(self) -> None:
        self.panes.resized(self.size.width)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.panes.focused(event.widget)

    def _entities_changed(self, library: EntityLibrary | None) -> None:
        self.sidebar.library_changed(library)
        self.filters.library_changed(library)
        self.session.entities_loaded()

    # Keys (the article keys act on ``target``) ------------------------------------------------------

    def action_unread(self, step: int) -> None:
        """n and p: the next or previous unread article."""
        self.go.unread(step)

    def action_article(self, verb: str) -> None:
        """N, s, t and o act on ``target``: read or unread, the star, the tags, the link."""
        if (article := self.target) is not None:
            act = {"read": self.marking.toggle_read, "star": self.marking.toggle_star, "tags": self.marking.edit_tags,
                   "link": lambda a: self.broadsheet.open_link(self, a.url)}[verb]
            act(article)

    def action_out(self, verb: str, number: int = 0) -> None:
        """1–9, U, ctrl+s and |: the open article's links, saved to a file, piped to a command."""
        {"link": lambda: self.out.link(number), "links": self.out.links, "save": self.out.save,
         "pipe": self.out.pipe}[verb]()

    def action_story(self, verb: str) -> None:
        """L lists by story, T compares the target's story."""
        {"list": self.stories.toggle, "open": lambda: self.stories.open(self.target)}[verb]()

    def action_mark_all_read(self) -> None:
        self.marking.mark_all_read(screenful=self.panes.screenful())

    def action_show_changes(self) -> None:
        self.feed.toggle_changes(self.reader)

    def action_full_text(self) -> None:
        self.broadsheet.full_text.fetch(self.target)

    def action_save_page(self) -> None:
        self.go.save_page()

    def action_refresh_feed(self) -> None:
        self.feed.fetch_listed(self.target)

    def action_next_match(self, step: int = 1) -> None:
        self.reader.step_match(step)

    def action_search(self) -> None:
        self.search_box.open()

    def action_undo(self) -> None:
        self.annotator.undo()

    def action_list(self, verb: str) -> None:
        """H hides or shows read articles; O goes on to the next sort order."""
        {"hide_read": self.filters.toggle_hide_read, "sort": self.filters.next_sort}[verb]()

    def action_pane(self, verb: str, step: int = 1) -> None:
        """e, E, z, tab and shift+tab change the layout: focus, the sidebar, zoom."""
        panes = self.panes
        act = {"entities": panes.focus_entities, "sidebar": panes.toggle_sidebar, "zoom": panes.toggle_zoom,
               "cycle": lambda: panes.cycle(step)}[verb]
        act()

    async def action_back(self) -> None:
        if not self.panes.go_back(self):
            await self.broadsheet.action_quit()

    def action_back_only(self) -> None:
        self.panes.go_back(self)
