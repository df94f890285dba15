"""The query language's syntax tree (frozen dataclasses), and the tree back to text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from dataclasses import field as _field  # for classes with a field named ``field``, which hides it
from datetime import date

from ..text import fold

#: The states ``is:`` accepts.
STATES = ("unread", "read", "starred", "annotated")
#: The entity kinds ``type:`` accepts (reader.entities.KINDS, without importing spaCy's side).
KINDS = ("person", "organisation", "place")


@dataclass(frozen=True, slots=True)
class Text:
    """Words to find: one word, a prefix (``vene*``) or a quoted phrase."""

    text: str
    phrase: bool = False
    prefix: bool = False
    #: Where the term stands in the query; ignored when trees are compared.
    span: tuple[int, int] = field(default=(0, 0), compare=False)


@dataclass(frozen=True, slots=True)
class Filter:
    """A ``field:value`` term on the article's metadata or the user's marks.

    ``field`` is one of is, tag, outlet (``feed:`` too), author, entity, type; the value is
    already normalised (a known state or kind, a normalised tag, the name as written).
    """

    field: str
    value: str
    span: tuple[int, int] = _field(default=(0, 0), compare=False)


@dataclass(frozen=True, slots=True)
class DateFilter:
    """``after:D`` (published on or after D) or ``before:D`` (published before D), in UTC."""

    field: str
    day: date
    span: tuple[int, int] = _field(default=(0, 0), compare=False)


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Everything:
    """The empty query: every article."""


Node = Text | Filter | DateFilter | Not | And | Or | Everything
Leaf = Text | Filter | DateFilter


def word_key(text: str) -> str:
    """How ``outlet:`` and ``author:`` compare: folded words, each led by a space, so a value
    matches from the start of any word ("outlet:panam" and "outlet:post" both find "PanAm Post")."""
    return "".join(" " + word for word in re.findall(r"\w+", fold(text)))


def leaves(node: Node, negated: bool = False) -> Iterator[tuple[Leaf, bool]]:
    """Every term with whether it is negated (under an odd number of NOTs)."""
    if isinstance(node, Not):
        yield from leaves(node.child, not negated)
    elif isinstance(node, (And, Or)):
        for child in node.children:
            yield from leaves(child, negated)
    elif not isinstance(node, Everything):
        yield node, negated


def positive_texts(node: Node) -> list[Text]:
    """The text terms a matching article may contain: the ones to highlight."""
    return [leaf for leaf, negated in leaves(node) if isinstance(leaf, Text) and not negated]


def positive_entities(node: Node) -> list[str]:
    """The names of the ``entity:`` terms a matching article may name (not those under NOT):
    where a result names one, its snippet shows that passage."""
    return [leaf.value for leaf, negated in leaves(node)
            if isinstance(leaf, Filter) and leaf.field == "entity" and not negated]


def unparse(node: Node) -> str:
    """The query as text, so that parsing it gives the same tree."""
    if isinstance(node, Everything):
        return ""
    if isinstance(node, Text):
        if node.phrase:
            return _quote(node.text) + ("*" if node.prefix else "")
        return node.text + ("*" if node.prefix else "")
    if isinstance(node, Filter):
        return f"{node.field}:{_quote(node.value) if _needs_quotes(node.value) else node.value}"
    if isinstance(node, DateFilter):
        return f"{node.field}:{node.day.isoformat()}"
    if isinstance(node, Not):
        inner = unparse(node.child)
        return f"-({inner})" if isinstance(node.child, (And, Or)) else f"-{inner}"
    if isinstance(node, And):
        return " ".join(unparse(c) for c in node.children)
    # OR binds tighter than AND, so only an AND inside an OR needs parentheses.
    return " OR ".join(f"({unparse(c)})" if isinstance(c, And) else unparse(c) for c in node.children)


def _needs_quotes(value: str) -> bool:
    return not value or any(c.isspace() or c in '()"“”' for c in value)


def _quote(text: str) -> str:
    # The language has no escape inside quotes, so a double quote in a phrase becomes a space:
    # the tokenizer treats both as separators anyway.
    return '"' + text.replace('"', " ") + '"'
