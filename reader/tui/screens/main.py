"""The main screen: article list, reader pane and entity sidebar, and what the keys do to them."""

from __future__ import annotations


from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from ..listing import Listing, ViewOptions
from ..messages import BodyLoaded
from ...models import Article, ArticleState, Body
from ...store import StoreError
from ..widgets.article_list import ArticleList
from ..widgets.entity_sidebar import EntitySidebar
from ..widgets.reader_pane import ReaderPane
from .annotation_view import AnnotationView
from .entity_view import EntityView
from .feed_view import FeedView
from .library_sync import SORTS, LibrarySync
from .panes import PaneNavigation
from .search_view import SearchView
from .tags import TagEditor



class MainScreen(LibrarySync, FeedView, EntityView, SearchView, AnnotationView, PaneNavigation, Screen):
    BINDINGS = [
        Binding("n", "next_unread", "Next unread", id="article.next_unread"),
        Binding("p", "previous_unread", "Prev unread", show=False, id="article.previous_unread"),
        Binding("N", "toggle_read", "Read/unread", id="article.toggle_read"),
        Binding("A", "mark_all_read", "All read", show=False, id="view.mark_all_read"),
        Binding("s", "star", "Star", id="article.star"),
        Binding("t", "edit_tags", "Tags", id="article.tags"),
        Binding("o", "open_link", "Browser", show=False, id="article.open_link"),
        Binding("D", "show_changes", "Changes", show=False, id="article.changes"),
        Binding("r", "refresh_feed", "Fetch feed", show=False, id="feed.refresh"),
        Binding("greater_than_sign", "next_match(1)", "Next match", show=False, id="search.next_match"),
        Binding("less_than_sign", "next_match(-1)", "Previous match", show=False, id="search.previous_match"),
        Binding("slash", "search", "Search", id="view.search"),
        Binding("u", "undo", "Undo", show=False, id="annotation.undo"),
        Binding("W", "article_note", "Article note", show=False, id="annotation.article_note"),
        Binding("H", "toggle_hide_read", "Hide read", show=False, id="view.hide_read"),
        Binding("O", "cycle_sort", "Sort", show=False, id="view.sort"),
        Binding("e", "focus_entities", "Entities", show=False, id="pane.entities"),
        Binding("E", "toggle_sidebar", "Sidebar", show=False, id="pane.toggle_sidebar"),
        Binding("z", "toggle_zoom", "Zoom", show=False, id="pane.zoom"),
        Binding("tab", "cycle_panes(1)", "Next pane", show=False, id="pane.next"),
        Binding("shift+tab", "cycle_panes(-1)", "Previous pane", show=False, id="pane.previous"),
        Binding("q", "back", "Back/Quit", id="app.back"),
        Binding("escape", "back_only", "Back", show=False, id="app.escape"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.listing = Listing()
        #: The article in the reader pane, and its body once loaded.
        self.current: Article | None = None
        self.current_body: Body | None = None
        self.library_loading = True

    @property
    def services(self):
        return self.app.services

    def compose(self) -> ComposeResult:
        settings = self.services.settings
        yield Header(show_clock=False)
        yield Input(placeholder='Search: words, "phrases", vene*, is:unread, tag:T, outlet:X, entity:"Name", after:2017-11-01, OR, -word… (enter: to the list, escape: clear)', id="search")
        yield Static("", id="search-error")
        with Horizontal(id="panes"):
            yield ArticleList(
                self.listing,
                date_format=settings.date_format,
                relative_dates=settings.relative_dates,
                clock=self.services.clock,
                id="articles",
            )
            yield ReaderPane(id="reader")
            yield EntitySidebar(id="entities")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "broadsheet"
        settings = self.services.settings
        self.listing.options = ViewOptions(sort=settings.sort, hide_read=settings.hide_read)
        self.query_one("#search").display = False
        self.query_one("#search-error").display = False
        self.query_one(ArticleList).focus()
        self._update_header()
        self.watch_fetching()
        self.watch_entities()
        self.load_library()

    # Showing an article ---------------------------------------------------------------------------

    @on(ArticleList.Highlighted)
    def article_highlighted(self, message: ArticleList.Highlighted) -> None:
        self.show_article(message.article)

    @on(ArticleList.Opened)
    def article_opened(self, message: ArticleList.Opened) -> None:
        self.open_article(message.article)

    def show_article(self, article: Article) -> None:
        if self.current is not None and self.current.id == article.id and self.current_body is not None:
            return
        self.current, self.current_body = article, None
        self.query_one(ReaderPane).show_article(article, self._state(article.id), None)
        self.query_one(EntitySidebar).article_title = article.title
        self._mentions_of = None
        self.fill_sidebar()
        self.app.analyse_first(article.id)
        self.load_body(article)

    def open_article(self, article: Article) -> None:
        self.show_article(article)
        if self.services.settings.mark_read_on_open and not self.listing.is_read(article.id):
            self._set_read([article.id], True)
        self.services.save_session(article=article.id)
        self.query_one(ReaderPane).focus()

    @work(thread=True, group="body", exclusive=True, exit_on_error=False)
    def load_body(self, article: Article) -> None:
        try:
            body = self.services.store.body(article)
        except StoreError as error:
            self.post_message(BodyLoaded(article.id, None, str(error)))
            return
        self.post_message(BodyLoaded(article.id, body))

    @on(BodyLoaded)
    def body_loaded(self, message: BodyLoaded) -> None:
        if self.current is None or self.current.id != message.article_id:
            return
        pane = self.query_one(ReaderPane)
        if message.body is None:
            pane.show_message(f"This article's text cannot be shown: {message.error}")
            return
        self.current_body = message.body
        pane.show_article(self.current, self._state(self.current.id), message.body)
        self._mark_matches()
        self._show_pending_passage()
        self.load_annotations(self.current.id)

    def _state(self, article_id: str) -> ArticleState:
        return ArticleState(self.listing.is_read(article_id), self.listing.is_starred(article_id), self.listing.tags(article_id))

    def _update_header(self) -> None:
        parts = [self.listing.describe(), f"{self.listing.unread_count:,} unread"]
        if self.library_loading:
            parts.append("loading library…")
        parts += [status for status in (self.app.fetch_status, self.app.analysis_status, self.app.index_status) if status]
        if self.services.read_only_reason:
            parts.append("READ-ONLY")
        self.sub_title = " · ".join(parts)

    # Writing marks ---------------------------------------------------------------------------------

    def _set_read(self, article_ids: list[str], read: bool) -> None:
        if not self.app.check_writable(self):
            return
        self.listing.note_read(article_ids, read)
        self._after_marks_changed()
        self.services.write(lambda store: store.mark_read(article_ids, read), on_error=self._write_failed)

    def _after_marks_changed(self) -> None:
        self.query_one(ArticleList).refresh()
        if self.current is not None:
            self.query_one(ReaderPane).show_state(self.current, self._state(self.current.id))
        self._update_header()

    def _write_failed(self, error: Exception) -> None:
        self.notify(f"Not saved: {error}", title="Library problem", severity="error", timeout=12, markup=False)
        self.check_store_now()

    def check_store_now(self) -> None:
        self.services.store.forget_generation()
        self.check_store()

    def set_marks(self, article: Article, *, starred: bool | None = None, tags: tuple[str, ...] | None = None) -> None:
        if not self.app.check_writable(self):
            return
        new_starred = self.listing.is_starred(article.id) if starred is None else starred
        # Sorted as the store keeps them, so the order shown does not change after a restart.
        new_tags = self.listing.tags(article.id) if tags is None else tuple(sorted(set(tags)))
        self.listing.note_mark(article.id, new_starred, new_tags)
        self._after_marks_changed()

        def apply(store):
            if starred is not None:
                store.set_starred(article.id, starred)
            if tags is not None:
                return store.set_tags(article.id, tags)
            return None

        def done(state):
            self.app.update_index()  # tags are searchable
            if state is not None:
                self.notify(f"Tags saved: {' '.join('#' + t for t in state.tags) or 'none'}", timeout=3, markup=False)

        self.services.write(apply, on_done=done, on_error=self._write_failed)

    # Actions -----------------------------------------------------------------------------------------

    @property
    def _target(self) -> Article | None:
        """What the article keys act on: the open article in the reader, else the list's cursor."""
        if self.focused is self.query_one(ReaderPane) and self.current is not None:
            return self.current
        return self.query_one(ArticleList).highlighted or self.current

    def action_next_unread(self) -> None:
        self._jump_unread(1)

    def action_previous_unread(self) -> None:
        self._jump_unread(-1)

    def _jump_unread(self, step: int) -> None:
        article_list = self.query_one(ArticleList)
        index = self.listing.next_unread(article_list.cursor, step)
        if index is None:
            self.notify("No more unread articles " + ("below." if step > 0 else "above."), timeout=3, markup=False)
            return
        article_list.set_cursor(index, announce=False)
        self.open_article(self.listing.rows[index])

    def action_toggle_read(self) -> None:
        article = self._target
        if article is not None:
            self._set_read([article.id], not self.listing.is_read(article.id))

    def action_mark_all_read(self) -> None:
        unread = [a.id for a in self.listing.rows if not self.listing.is_read(a.id)]
        if unread:
            self._set_read(unread, True)
            self.notify(f"Marked {len(unread):,} articles read.", timeout=3, markup=False)

    def action_star(self) -> None:
        article = self._target
        if article is not None:
            self.set_marks(article, starred=not self.listing.is_starred(article.id))

    def action_edit_tags(self) -> None:
        article = self._target
        if article is None or not self.app.check_writable(self):
            return
        known = sorted({t for mark in self.listing.marks.values() for t in mark.get("tags", ())})

        def apply(tags: tuple[str, ...] | None) -> None:
            if tags is not None and tags != self.listing.tags(article.id):
                self.set_marks(article, tags=tags)

        self.app.push_screen(TagEditor(article.title, self.listing.tags(article.id), known), apply)

    def action_open_link(self) -> None:
        article = self._target
        if article is not None:
            self.app.open_link(self, article.url)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self.search_for(event.value)

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        self.query_one(ArticleList).focus()

    def action_toggle_hide_read(self) -> None:
        self._change_view(hide_read=not self.listing.options.hide_read)

    def action_cycle_sort(self) -> None:
        sort = SORTS[(SORTS.index(self.listing.options.sort) + 1) % len(SORTS)]
        self._change_view(sort=sort)
        self.notify(f"Sorted by {sort}.", timeout=2, markup=False)

    def _change_view(self, **changes) -> None:
        options = self.listing.options
        article_list = self.query_one(ArticleList)
        # Taken before the rows change: afterwards the cursor's row holds another article.
        keep = article_list.highlighted_id
        self.listing.set_options(ViewOptions(**{**options.__dict__, **changes}))
        article_list.rows_changed(keep=keep)
        self.list_changed()
        self._update_header()
        persistent = {k: v for k, v in changes.items() if k in ("sort", "hide_read")}
        if persistent:
            self.services.save_session(**persistent)
