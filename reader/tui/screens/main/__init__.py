"""The main screen: the article list, the reader pane and the entity sidebar, composed; the keys
that act on them; and the state that flows down to them (the open article, its body, the view)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header

from ....config import SORT_ORDERS
from ....entities.library import EntityLibrary
from ....fulltext.saving import page_address_problem
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
from ..dialogs import Prompt
from .annotating import Annotator
from .article_out import ArticleOut
from .destinations import Destinations
from .filters import Filters
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
    #: From 140 columns the list is given more of the width than the reader (styles/main.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]
    #: A search that ran before the index opened, to run again when it has: (text, view name).
    waiting_search: tuple[str, str] | None = None

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
        self.feed.with_body, self.feed.extra_loaded = self.annotator.read, self._body_extra
        self.marking = Marking(app, self, self.listing, changed=self.marks_changed, failed=self.feed.write_failed,
                               edits=self.annotator.edits)
        self.stories = StoryView(app, self, self.query_one(StoryList))
        self.panes = Panes(self, self.articles, self.reader, self.sidebar, lambda: self.stories.list_widget)
        self.go = Destinations(app, self)
        self.filters = Filters(app, self)
        self.session = SessionMemory(app, self)

        self.out = ArticleOut(app, self)
        self.view = ViewOptions(sort=services.settings.sort, hide_read=services.settings.hide_read)
        focus_now(self.articles)
        for status in ("fetch_status", "index_status", "analysis_status", "sync_state", "read_only"):
            self.watch(app, status, lambda _: self.update_header(), init=False)
        self.watch(app, "entity_library", self._entities_changed)
        self.watch(app, "story_library", self.stories.library_changed)
        self.watch(app, "analysis_note", lambda note: setattr(
            self.sidebar, "note", f"Simpler extractor in use: {note}" if note else ""))
        self.feed.load()

    def update_header(self) -> None:
        app = self.broadsheet
        parts = [self.listing.describe(stories=self.stories.active), f"{self.listing.unread_count:,} unread"]
        if self.library_loading:
            parts.append("loading library…")
        if self.stories.opening:
            parts.append("opening the story…")
        parts += [status for status in (app.fetch_status, app.analysis_status, app.index_status,
                                        app.sync_state.header) if status]
        if app.read_only:
            parts.append("READ-ONLY")
        self.sub_title = " · ".join(parts)

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
        self.update_header()

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
        if self.focused is self.reader and self.current is not None:
            return self.current
        if (stories := self.stories.list_widget) is not None:
            return stories.highlighted_article or self.current
        return self.articles.highlighted or self.current

    def marks_changed(self) -> None:
        self.articles.refresh()
        self.stories.refresh()
        if self.current is not None:
            self.reader.show_state(self.current, self.listing.state(self.current.id))
        self.update_header()

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

    def _body_extra(self, message: Message) -> None:
        """The open article's annotations, read with its body."""
        if isinstance(message, Annotator.Loaded):
            self.annotator.loaded(message)
        else:
            self.post_message(message)

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
    def _answered(self, message: SearchBox.Answered) -> None:
        self.filters.answered(message)

    @on(SearchBox.Cleared)
    def clear_search(self) -> None:
        self.filters.clear_search()

    @on(SearchBox.Unindexed)
    def _unindexed(self, message: SearchBox.Unindexed) -> None:
        self.change_view(query=message.text)  # until the index opens, words in titles and outlets narrow the list
        self.waiting_search = (message.text, message.view_name)

    def index_ready(self) -> None:
        """The index is open: a search typed (or restored) before it runs now, in full."""
        waiting, self.waiting_search = self.waiting_search, None
        if waiting is not None and self.view.query == waiting[0]:
            self.search_box.run(*waiting)

    @on(SearchBox.Submitted)
    def _search_submitted(self) -> None:
        focus_now(self.articles)

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
        if verb == "list":
            self.stories.toggle()
        else:
            self.stories.open(self.target)

    def action_mark_all_read(self) -> None:
        stories = self.stories.list_widget
        # The list by story shows a story's articles on one row: what it shows is the articles
        # of its rows on the screen (the hidden list by article has no height to go by).
        screenful = stories.articles_shown() if stories is not None else self.articles.size.height
        self.marking.mark_all_read(screenful=max(screenful, 1))

    def action_show_changes(self) -> None:
        self.feed.toggle_changes(self.reader)

    def action_full_text(self) -> None:
        self.broadsheet.full_text.fetch(self.target)

    def action_save_page(self) -> None:
        self.app.push_screen(Prompt("Save a web page as an article", placeholder="https://…",
                                    check=page_address_problem), self._save_page)

    def _save_page(self, url: str | None) -> None:
        if url:
            self.broadsheet.full_text.save(url)

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
        if verb == "hide_read":
            self.change_view(hide_read=not self.view.hide_read)
            return
        if self.stories.active:
            # The list by story is newest first by its stories' latest accounts, whatever the sort.
            self.notify("The list by story is always newest first; O sorts the list by article (L).",
                        timeout=4, markup=False)
            return
        sort = SORT_ORDERS[(SORT_ORDERS.index(self.view.sort) + 1) % len(SORT_ORDERS)]
        self.change_view(sort=sort)
        named = {"date": "date, newest first", "oldest": "date, oldest first"}
        self.notify(f"Sorted by {named.get(sort, sort)}.", timeout=2, markup=False)

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
