"""Running a query against the index: every match in order, and a page of hits with snippets."""

from __future__ import annotations

from collections.abc import Callable, Set
from dataclasses import dataclass
from datetime import UTC, datetime

import orjson

from ..store import Store, StoreError
from ..text import counted
from .documents import read_body
from .facts import EntityResolver, UserFacts
from .highlight import Fields, Marks, Snippet, highlight_many, match_offsets, sentence_around
from .index import SearchIndex
from .parser import parse
from .plan import IdSet, Plan, plan
from .query import Filter, Node, positive_entities


@dataclass(frozen=True, slots=True)
class Hit:
    """One result on the page asked for."""

    article_id: str
    #: bm25 relevance, lower is better; 0.0 when results are ordered by date.
    score: float
    #: The title with the matched words marked.
    title: Snippet
    #: A line from the body (or the annotations, or the tags) around the best match.
    snippet: Snippet
    outlet: str
    author: str
    published: datetime


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: Node
    #: The page asked for (``limit`` from ``offset``), best first, with snippets.
    hits: tuple[Hit, ...]
    #: How many articles match in all.
    total: int
    #: True when ordered by relevance (the query has words to rank by); else newest first.
    ranked: bool
    #: Things the user should know, e.g. that no entity has the name asked for.
    notes: tuple[str, ...] = ()


class Searcher:
    """Evaluates queries: words through FTS5, the rest against the docs table, the user's marks
    and entities; snippets read the bodies from the store.

    ``facts`` gives the user's marks for each query (default: read from the store; the app
    may hand over the ones it holds). ``entities`` is called when a query first needs them and
    returns a resolver, or None when there is no analysis to ask. Every method raises
    QueryError for a query that does not parse, IndexBusy or IndexDamaged.
    """

    def __init__(
        self,
        index: SearchIndex,
        store: Store,
        *,
        facts: Callable[[], UserFacts] | None = None,
        entities: Callable[[], EntityResolver | None] | None = None,
    ) -> None:
        self.index = index
        self.store = store
        self.facts = facts or (lambda: UserFacts.from_store(store))
        self.entities = entities

    def search(self, query: str | Node, *, limit: int = 20, offset: int = 0) -> SearchResults:
        """One page of results with snippets, and how many there are in all."""
        node, steps, notes = self._plan(query)
        with self.index.errors():
            db = self.index.connection()
            rows = self._page(steps, limit, offset)
            if offset == 0 and len(rows) < limit:
                total = len(rows)
            else:
                total = db.execute(*steps.count(orphans=self.index.orphans() > 0)).fetchone()[0]
            hits = self._hits(rows, steps.highlight, positive_entities(node))
        return SearchResults(node, hits, total, steps.rank is not None, notes)

    def _page(self, steps: Plan, limit: int, offset: int) -> list[tuple[int, str, float]]:
        db = self.index.connection()
        if steps.rank is not None and steps.where == "1":
            ranked = db.execute(*steps.select_words_only(limit=limit, offset=offset)).fetchall()
            ids = dict(db.execute("SELECT rowid, id FROM docs WHERE rowid IN (SELECT value FROM json_each(?))",
                                  (orjson.dumps([r for r, _ in ranked]),)).fetchall())
            if len(ids) == len(ranked):
                return [(rowid, ids[rowid], score) for rowid, score in ranked]
            # An orphaned FTS row took a place on the page: ask again, through docs.
        return db.execute(*steps.select(limit=limit, offset=offset)).fetchall()

    def count(self, query: str | Node) -> int:
        """How many articles match, counted by SQLite alone."""
        _, steps, _ = self._plan(query)
        with self.index.errors():
            count: int = self.index.connection().execute(*steps.count(orphans=self.index.orphans() > 0)).fetchone()[0]
            return count

    def matching_ids(self, query: str | Node) -> list[str]:
        """Every matching article id in order (best first, or newest first), without snippets:
        what a list of results or a saved view's counts need."""
        return self.matching(query)[0]

    def matching(self, query: str | Node) -> tuple[list[str], tuple[str, ...]]:
        """matching_ids, and what the query's terms could not answer (no entity of that name,
        articles not analysed yet), to be said beside the results."""
        _, steps, notes = self._plan(query)
        with self.index.errors():
            return [row[1] for row in self.index.connection().execute(*steps.select())], notes

    def hits_for(self, query: str | Node, article_ids: list[str]) -> list[Hit]:
        """Marked titles and snippets for these articles (the rows a list shows), in the order
        given; articles not in the index are left out. Scores are 0 here."""
        node = parse(query) if isinstance(query, str) else query
        highlight = plan(node, lambda _: (frozenset(), False)).highlight
        with self.index.errors():
            found = dict(self.index.connection().execute(
                "SELECT id, rowid FROM docs WHERE id IN (SELECT value FROM json_each(?))", (orjson.dumps(article_ids),)
            ).fetchall())
            rows = [(found[i], i, 0.0) for i in article_ids if i in found]
            return list(self._hits(rows, highlight, positive_entities(node)))

    def _plan(self, query: str | Node) -> tuple[Node, Plan, tuple[str, ...]]:
        node = parse(query) if isinstance(query, str) else query
        notes: list[str] = []
        facts: list[UserFacts] = []

        def ids(term: Filter) -> IdSet:
            if term.field in ("is", "tag"):
                if not facts:
                    facts.append(self.facts())
                return _marked(term, facts[0])
            return self._entity_ids(term, notes), False

        steps = plan(node, ids)  # fills ``notes`` as it asks for the sets
        return node, steps, tuple(dict.fromkeys(notes))

    def _entity_ids(self, term: Filter, notes: list[str]) -> Set[str]:
        resolver = self.entities() if self.entities is not None else None
        if resolver is None:
            notes.append("entity: and type: need the articles analysed for names (`broadsheet analyse`); none are yet")
            return frozenset()
        pending = resolver.pending
        if pending:
            notes.append(f"{counted(pending, 'article')} not analysed yet: entity: and type: leave them out until "
                         "they are (`broadsheet analyse`, or the app, analyses them)")
        if term.field == "type":
            return resolver.articles_of_kind(term.value)
        found = resolver.articles_named(term.value)
        if found is None:
            notes.append(f"no person, organisation or place is called {term.value!r}")
            return frozenset()
        return found

    def _hits(self, rows: list[tuple[int, str, float]], highlight: str | None,
              named: list[str]) -> tuple[Hit, ...]:
        """The rows as hits, with marked titles and snippets; ``named``: the query's entity
        names, whose first mention is the snippet where no word of the query is marked."""
        if not rows:
            return ()
        wanted = [r[0] for r in rows]
        marks = ", ".join("?" * len(wanted))
        found = {
            rowid: rest
            for rowid, *rest in self.index.connection().execute(
                "SELECT rowid, title, outlet, author, published, tags, notes, shard, body_at, body_size"
                f" FROM docs WHERE rowid IN ({marks})", wanted
            )
        }
        fields = {}
        for rowid, (title, outlet, author, _, tags, notes, shard, body_at, body_size) in found.items():
            try:
                body = read_body(self.store, shard, (body_at, body_size))
            except StoreError:
                body = ""  # a damaged pack: the title and the rest still show
            fields[rowid] = Fields(title, body, author, outlet, tags, notes)
        marked = highlight_many(highlight, fields)
        resolver = self.entities() if named and self.entities is not None else None
        hits = []
        for rowid, article_id, score in rows:
            if rowid not in found:
                continue  # removed by another process since the rows were read
            title, outlet, author, published, *_ = found[rowid]
            shown = marked[rowid]
            snippet = shown.snippet
            if resolver is not None and not snippet.marks:
                snippet = _at_mention(resolver, article_id, named, fields[rowid].body) or snippet
            hits.append(Hit(article_id, score, shown.title, snippet, outlet, author,
                            datetime.fromtimestamp(published, UTC)))
        return tuple(hits)


def _at_mention(resolver: EntityResolver, article_id: str, names: list[str], body: str) -> Snippet | None:
    """The sentence where the body first names one of the entities (the first name asked for
    that it names), that name marked; None when it names none of them in its text."""
    for name in names:
        found = resolver.first_mention(article_id, name)
        if found is not None and 0 <= found[0] < found[1] <= len(body):
            return sentence_around(body, *found)
    return None


def _marked(term: Filter, facts: UserFacts) -> IdSet:
    if term.field == "tag":
        return facts.tagged(term.value), False
    if term.value in ("read", "unread"):
        # Unread is "not read": the read ids are the set the user's data holds.
        return facts.read, term.value == "unread"
    return (facts.starred() if term.value == "starred" else facts.annotated), False


def body_matches(query: str | Node, text: str) -> Marks:
    """Offsets of the query's words in ``text`` (an article's Body.text): what n/N steps through.
    Needs no index; words under NOT are not marked."""
    node = parse(query) if isinstance(query, str) else query
    return match_offsets(plan(node, lambda _: (frozenset(), False)).highlight, text)
