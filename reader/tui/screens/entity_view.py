"""The main screen's side of entities: the sidebar's content, filtering by an entity, its mentions."""

from __future__ import annotations

from textual import work

from ..widgets.article_list import ArticleList
from ..widgets.entity_sidebar import EntityMention, EntitySidebar
from ..widgets.reader_pane import ReaderPane


class EntityView:
    """Mixed into MainScreen. Handlers are named on_* (not @on): @on only registers methods
    of the class being defined, and this is a mixin."""

    #: The entity whose mentions m steps through in the open article, and where it is.
    _mentions_of: tuple[str, str] | None = None
    _mention_index = -1

    #: The entity whose articles the list shows, kept so the list follows new results.
    _entity_filter: tuple[str, str] | None = None

    def watch_entities(self) -> None:
        self.watch(self.app, "entity_library", lambda _: self._library_changed(), init=False)
        self.watch(self.app, "analysis_status", lambda _: self._after_analysis_status(), init=False)
        self.watch(self.app, "analysis_note", lambda note: setattr(self.query_one(EntitySidebar), "note", _note(note)))

    def _after_analysis_status(self) -> None:
        self._update_header()

    def _library_changed(self) -> None:
        self.fill_sidebar()
        if self._entity_filter is not None and self.listing.options.article_ids is not None:
            self.filter_by_entity(*self._entity_filter, quiet=True)

    def show_article_entities(self, article_id: str, library) -> None:
        """The open article's entities from its own result, while the library catches up."""
        known = self.app.entity_library
        if self.current is not None and self.current.id == article_id and (known is None or article_id not in known.article_ids):
            self.fill_sidebar(library)

    def fill_sidebar(self, library=None) -> None:
        """Show the open article's entities from the library (in list scope: the list's)."""
        sidebar = self.query_one(EntitySidebar)
        library = library or self.app.entity_library
        if sidebar.scope == "list":
            # Counted for the list, not the article: a cursor move changes nothing here.
            if library is not self._list_counted_for:
                self.count_list_entities()
            return
        article = self.current
        if article is None or library is None or article.id not in library.article_ids:
            sidebar.entities = None
            return
        sidebar.entities = tuple(
            EntityMention(item.entity.name, item.entity.kind, item.mentions, key=item.entity.key,
                          leading=item.in_headline or item.in_lead)
            for item in library.for_article(article.id)
        )

    _list_counted_for = None

    def count_list_entities(self) -> None:
        """Count the entities across every row of the list, off the UI thread (a list may hold
        100,000 articles); called when the scope, the library or the list changes."""
        library = self.app.entity_library
        self._list_counted_for = library
        if library is None:
            self.query_one(EntitySidebar).entities = None
            return
        self._count_across(library, [a.id for a in self.listing.rows])

    @work(thread=True, group="entities-list", exclusive=True, exit_on_error=False)
    def _count_across(self, library, article_ids: list[str]) -> None:
        entities = tuple(
            EntityMention(e.name, e.kind, mentions, key=e.key, articles=articles)
            for e, mentions, articles in library.across(article_ids)[:60]
        )
        self.app.call_from_thread(self._show_list_entities, entities)

    def list_changed(self) -> None:
        """The list's rows changed (a filter, a sort): the list scope counts them again."""
        if self.query_one(EntitySidebar).scope == "list":
            self.count_list_entities()

    def _show_list_entities(self, entities: tuple[EntityMention, ...]) -> None:
        sidebar = self.query_one(EntitySidebar)
        if sidebar.scope == "list":
            sidebar.entities = entities

    def on_entity_sidebar_scope_toggled(self, message: EntitySidebar.ScopeToggled) -> None:
        sidebar = self.query_one(EntitySidebar)
        sidebar.scope = "list" if sidebar.scope == "article" else "article"
        if sidebar.scope == "list":
            self.count_list_entities()
        else:
            self.fill_sidebar()

    def on_entity_sidebar_chosen(self, message: EntitySidebar.Chosen) -> None:
        self.filter_by_entity(message.key, message.name)

    def filter_by_entity(self, key: str, name: str, quiet: bool = False) -> None:
        """List the articles naming the entity; the list grows as the analysis finds more."""
        library = self.app.entity_library
        if library is None:
            return
        # A key from the open article's provisional entities may not be the library's: the
        # name finds it then.
        ids = frozenset(library.articles_mentioning(key) or library.articles_mentioning(name))
        if quiet and ids == self.listing.options.article_ids:
            return
        self._entity_filter = (key, name)
        self._change_view(article_ids=ids, filter_name=f"entity: {name}")
        if not quiet:
            self.query_one(ArticleList).focus()
            more = " (more as the analysis goes on)" if self.app.analysis_status else ""
            self.notify(f"{len(ids):,} articles name {name}{more}; escape lists every article again.", timeout=4, markup=False)

    def on_entity_sidebar_mentions_wanted(self, message: EntitySidebar.MentionsWanted) -> None:
        self.step_mentions(message.key, message.name)

    def step_mentions(self, key: str, name: str, step: int = 1) -> None:
        """Highlight the entity's mentions in the open article and move to the next one."""
        library = self.app.entity_library
        article = self.current
        if library is None or article is None or self.current_body is None:
            return
        if library.get(key) is None and (found := library.find(name)) is not None:
            key = found.key
        ranges = [(m.start, m.end) for m in library.mentions(article.id, key) if m.part == "body"]
        if not ranges:
            self.notify(f"{name} is named only in the headline.", timeout=3, markup=False)
            return
        if self._mentions_of != (article.id, key):
            self._mentions_of, self._mention_index = (article.id, key), -1
        self._mention_index = (self._mention_index + step) % len(ranges)
        self.query_one(ReaderPane).highlight(ranges, self._mention_index)
        self.notify(f"{name}: mention {self._mention_index + 1} of {len(ranges)} (m: next)", timeout=2, markup=False)

    def jump_to_mention(self, article_id: str, start: int, end: int) -> None:
        """From the entity screen: open the article and show the passage."""
        article = self.listing.articles.get(article_id)
        if article is None:
            return
        self._pending_passage = (article_id, start, end)
        article_list = self.query_one(ArticleList)
        index = self.listing.index_of(article_id)
        if index is not None:
            article_list.set_cursor(index, announce=False)
        self.open_article(article)
        self._show_pending_passage()

    _pending_passage: tuple[str, int, int] | None = None

    def jump_to_article(self, article_id: str) -> None:
        article = self.listing.articles.get(article_id)
        if article is not None:
            index = self.listing.index_of(article_id)
            if index is not None:
                self.query_one(ArticleList).set_cursor(index, announce=False)
            self.open_article(article)

    def _show_pending_passage(self) -> None:
        """Once the body is on screen, mark the passage asked for (called again on BodyLoaded)."""
        if self._pending_passage is None or self.current is None or self.current_body is None:
            return
        article_id, start, end = self._pending_passage
        if self.current.id != article_id:
            return
        self._pending_passage = None
        # After the refresh that lays the body out, so the passage can be scrolled to.
        self.call_after_refresh(self.query_one(ReaderPane).highlight, [(start, end)], 0)

    def on_entity_sidebar_inspected(self, message: EntitySidebar.Inspected) -> None:
        self.app.show_entity(message.key)


def _note(note: str) -> str:
    return f"Simpler extractor in use: {note}" if note else ""
