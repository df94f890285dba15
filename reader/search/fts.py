"""Text terms as SQLite FTS5 query strings, built so user text can never be read as FTS syntax."""

from __future__ import annotations

from typing import cast

from .query import And, Node, Not, Or, Text

#: The tokenizer of both the index and the highlighter: Porter stems ("escaped" finds
#: "escape"), unicode61 folds case and, with remove_diacritics 2, accents ("Nicolas" finds
#: "Nicolás"); apostrophes separate, so "Maduro" finds "Maduro's".
TOKENIZER = "porter unicode61 remove_diacritics 2"
#: The indexed columns, in order. Tags and annotations (quotes and notes) are searched as words
#: too; ``tag:`` and ``is:`` filters read the user's marks themselves.
COLUMNS = ("title", "body", "author", "outlet", "tags", "notes")
#: bm25 weights per column: a word in the title counts ten times one in the body.
WEIGHTS = (10.0, 1.0, 3.0, 3.0, 4.0, 2.0)


def quoted(term: Text) -> str:
    """One term as an FTS5 string: always quoted (with quotes doubled), so AND, NEAR, ``:``,
    ``^`` or ``*`` typed by the user are plain text. A quoted string of several words is a
    phrase to FTS5, which is what a hyphenated word ("e-mail") should be too."""
    # NUL would end the query string early inside SQLite.
    text = term.text.replace("\x00", " ").replace('"', '""')
    return f'"{text}"' + (" *" if term.prefix else "")


def is_text_only(node: Node) -> bool:
    """True when the subtree is made only of text terms (and AND, OR, NOT between them)."""
    if isinstance(node, Text):
        return True
    if isinstance(node, Not):
        return is_text_only(node.child)
    if isinstance(node, (And, Or)):
        return all(is_text_only(c) for c in node.children)
    return False


def expression(node: Node) -> str | None:
    """The FTS5 query for a text-only subtree, or None when FTS5 cannot say it.

    FTS5's NOT is binary ("a NOT b"), so a NOT needs a positive term beside it in an AND;
    a lone NOT (or one directly under OR) is left to the caller to evaluate as a set.
    """
    if isinstance(node, Text):
        return quoted(node)
    if isinstance(node, Or):
        parts = [expression(c) for c in node.children]
        return None if None in parts else "(" + " OR ".join(cast(list[str], parts)) + ")"
    if isinstance(node, And):
        return conjunction([c for c in node.children if not isinstance(c, Not)],
                           [c.child for c in node.children if isinstance(c, Not)])
    return None


def conjunction(positives: list[Node], negatives: list[Node]) -> str | None:
    """``(p1 AND p2 ...) NOT (n1 OR n2 ...)``; None without a positive part or when a part cannot be said."""
    wanted = [expression(p) for p in positives]
    unwanted = [expression(n) for n in negatives]
    if not wanted or None in wanted or None in unwanted:
        return None
    # Neither holds a None any more (checked above).
    text = "(" + " AND ".join(cast(list[str], wanted)) + ")"
    if unwanted:
        text += " NOT (" + " OR ".join(cast(list[str], unwanted)) + ")"
    return text


def any_of(terms: list[Text]) -> str | None:
    """Matches wherever any of the terms does: what highlighting marks."""
    return " OR ".join(quoted(t) for t in terms) or None
