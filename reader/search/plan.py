"""A query tree as one SQL statement: FTS5 finds and ranks by words, the docs table filters the rest.

The top-level AND is split. Its text terms become one FTS5 query whose bm25 orders the
results; everything else becomes SQL over the docs table: dates, outlets and authors from
its columns, text terms FTS5 cannot say alone (a lone NOT, a word ORed with a tag) as
subqueries, and what needs the user's marks or the entities (``is:``, ``tag:``, ``entity:``,
``type:``) as membership in a set of ids the caller supplies. Filtering in SQL means bm25 is
worked out only for the rows that pass. Every piece of user text reaches SQLite as a bound
parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from dataclasses import dataclass
from datetime import UTC, datetime, time

import orjson

from .fts import WEIGHTS, any_of, conjunction, expression, is_text_only
from .query import And, DateFilter, Everything, Filter, Node, Not, Or, Text, positive_texts, word_key

#: Filters answered by a set of article ids from outside the index (marks, entities).
SET_FIELDS = ("is", "tag", "entity", "type")
IN_FTS = "d.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)"
#: Ids for a set filter, and whether the filter means "not in them" (``is:unread``: not read).
IdSet = tuple[Set[str], bool]
SQL = tuple[str, tuple[object, ...]]


@dataclass(frozen=True, slots=True)
class Plan:
    #: The FTS5 query that finds and ranks the results; None: every article, newest first.
    rank: str | None
    #: SQL over ``docs d`` every result must pass, with its parameters.
    where: str
    params: tuple[object, ...]
    #: The FTS5 query whose matches are marked in titles, snippets and bodies.
    highlight: str | None

    def select(self, *, limit: int | None = None, offset: int = 0) -> SQL:
        """The statement listing (rowid, id, score) of the results in order: best first (bm25,
        lower is better), or newest first with a score of 0."""
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        if self.rank is None:
            return (f"SELECT d.rowid, d.id, 0.0 FROM docs d WHERE {self.where}"
                    f" ORDER BY d.published DESC, d.id DESC{page}", self.params)
        # FTS5 drives: it finds the matches, docs is joined by rowid (which also leaves out
        # orphaned FTS rows), and bm25 is worked out only for rows that pass the filters.
        return (f"SELECT d.rowid, d.id, bm25(fts, {', '.join(map(str, WEIGHTS))}) AS score"
                f" FROM fts CROSS JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ? AND {self.where}"
                f" ORDER BY score, d.published DESC, d.id DESC{page}", (self.rank, *self.params))

    def select_words_only(self, *, limit: int, offset: int = 0) -> SQL:
        """(rowid, score) of a page straight from FTS5, for a query with nothing but words:
        twice as fast as joining docs first. Orphaned rows may be among them."""
        return (f"SELECT rowid, bm25(fts, {', '.join(map(str, WEIGHTS))}) AS score FROM fts WHERE fts MATCH ?"
                f" ORDER BY score LIMIT {int(limit)} OFFSET {int(offset)}", (self.rank,))

    def count(self, *, orphans: bool = True) -> SQL:
        """How many results; without ``orphans`` in the index, a words-only query is counted by FTS5 alone."""
        if self.rank is not None and self.where == "1" and not orphans:
            return "SELECT count(*) FROM fts WHERE fts MATCH ?", (self.rank,)
        if self.rank is None:
            return f"SELECT count(*) FROM docs d WHERE {self.where}", self.params
        return (f"SELECT count(*) FROM fts CROSS JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ? AND {self.where}",
                (self.rank, *self.params))


def plan(node: Node, ids: Callable[[Filter], IdSet]) -> Plan:
    """``ids`` answers the set filters; it is called once for each of them."""
    conjuncts = node.children if isinstance(node, And) else (node,)
    wanted: list[Node] = []
    unwanted: list[Node] = []
    where: list[SQL] = []
    for part in conjuncts:
        if isinstance(part, Everything):
            continue
        if not isinstance(part, Not) and is_text_only(part) and expression(part) is not None:
            wanted.append(part)
        elif isinstance(part, Not) and is_text_only(part.child) and expression(part.child) is not None:
            unwanted.append(part.child)
        else:
            where.append(to_sql(part, ids))
    rank = conjunction(wanted, unwanted) if wanted else None
    if rank is None:
        where.extend(("NOT " + IN_FTS, (expression(n),)) for n in unwanted)
    return Plan(
        rank=rank,
        where=" AND ".join(f"({sql})" for sql, _ in where) or "1",
        params=tuple(p for _, params in where for p in params),
        highlight=any_of(positive_texts(node)),
    )


def to_sql(node: Node, ids: Callable[[Filter], IdSet]) -> SQL:
    """The node as an SQL condition on ``docs d``."""
    if isinstance(node, Everything):
        return "1", ()
    if isinstance(node, Text) or (is_text_only(node) and expression(node) is not None):
        return IN_FTS, (expression(node),)
    if isinstance(node, DateFilter):
        moment = int(datetime.combine(node.day, time(), UTC).timestamp())
        return ("d.published >= ?" if node.field == "after" else "d.published < ?"), (moment,)
    if isinstance(node, Filter):
        if node.field in SET_FIELDS:
            found, negated = ids(node)
            if not found:
                return ("1" if negated else "0"), ()
            member = "d.id IN (SELECT value FROM json_each(?))"
            return (f"NOT ({member})" if negated else member), (orjson.dumps(list(found)).decode(),)
        pattern = "%" + word_key(node.value).replace("_", "\\_") + "%"
        if node.field == "author":
            return "d.author_key LIKE ? ESCAPE '\\'", (pattern,)
        # A feed's id matches too, so `feed:` takes what `broadsheet feeds list` shows.
        return "(d.outlet_key LIKE ? ESCAPE '\\' OR d.source = ?)", (pattern, node.value)
    if isinstance(node, Not):
        inner, params = to_sql(node.child, ids)
        return f"NOT ({inner})", params
    if isinstance(node, (And, Or)):
        parts = [to_sql(c, ids) for c in node.children]
        joiner = " AND " if isinstance(node, And) else " OR "
        return joiner.join(f"({sql})" for sql, _ in parts), tuple(p for _, params in parts for p in params)
    raise TypeError(f"not a query node: {node!r}")
