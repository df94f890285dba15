"""The query language's parser: text in, a syntax tree out, or a QueryError saying where.

    maduro "political prisoner" vene* -colombia (tag:venezuela OR outlet:panam)
    is:unread entity:"Nicolás Maduro" type:person after:2017-11-01 before:2018 author:kew

Terms next to each other must all match; ``OR`` (upper case) between two terms means either,
and binds tighter than AND (``maduro OR chavez venezuela`` wants venezuela and one of the
names); ``NOT`` or ``-`` leaves a term out, and parentheses group. One parser serves the search
box, the command line and saved views, so a query means the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ..text import normalise_tag
from .errors import QueryError
from .query import KINDS, STATES, And, DateFilter, Everything, Filter, Node, Not, Or, Text

FIELDS = ("is", "tag", "outlet", "feed", "author", "entity", "type", "after", "before")
KIND_ALIASES = {"organization": "organisation", "org": "organisation", "location": "place"}
OPEN_QUOTES = '"“'
CLOSE_QUOTES = '"”'
#: Characters that end a bare word.
STOPS = '()"“”'
MAX_DEPTH = 32
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True)
class Dialect:
    """Which fields a query may use: the article search's, or a smaller language built on the
    same syntax (the annotations screen's filter)."""

    fields: tuple[str, ...] = FIELDS
    states: tuple[str, ...] = STATES
    #: Fields whose value must be one of these; a unique start of one is enough (kind:q).
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


ARTICLES = Dialect()


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "(", ")", "OR", "AND", "NOT", "-", "term"
    start: int
    node: Node | None = None


def parse(query: str, dialect: Dialect = ARTICLES) -> Node:
    """The tree of ``query``; ``Everything()`` for a blank one. Raises only QueryError."""
    tokens = _Lexer(query, dialect).tokens()
    if not tokens:
        return Everything()
    parser = _Parser(tokens, query)
    node = parser.conjunction()
    leftover = parser.peek()
    if leftover is not None:
        raise QueryError("')' has no '(' to close", leftover.start, query)
    return node


class _Lexer:
    def __init__(self, query: str, dialect: Dialect) -> None:
        self.query = query
        self.at = 0
        self.dialect = dialect

    def error(self, message: str, position: int) -> QueryError:
        return QueryError(message, position, self.query)

    def tokens(self) -> list[Token]:
        found: list[Token] = []
        query = self.query
        while True:
            while self.at < len(query) and query[self.at].isspace():
                self.at += 1
            if self.at >= len(query):
                return found
            start, char = self.at, query[self.at]
            if char in "()":
                self.at += 1
                found.append(Token(char, start))
            elif char == "-":
                following = query[start + 1 : start + 2]
                if not following or following.isspace() or following == ")":
                    raise self.error("'-' must be written right before the term it leaves out", start)
                self.at += 1
                found.append(Token("-", start))
            elif char in OPEN_QUOTES:
                text = self.quoted()
                prefix = self.query[self.at : self.at + 1] == "*"
                self.at += prefix
                found.append(Token("term", start, self.text(text, start, phrase=True, prefix=prefix)))
            else:
                found.append(self.word())

    def quoted(self) -> str:
        """The text between a quote at ``self.at`` and its closing quote."""
        start = self.at
        end = next((i for i in range(start + 1, len(self.query)) if self.query[i] in CLOSE_QUOTES), -1)
        if end < 0:
            raise self.error("this quote is never closed", start)
        self.at = end + 1
        return self.query[start + 1 : end]

    def word(self) -> Token:
        start = self.at
        while self.at < len(self.query) and not self.query[self.at].isspace() and self.query[self.at] not in STOPS:
            self.at += 1
        word = self.query[start : self.at]
        if word in ("OR", "AND", "NOT"):
            return Token(word, start)
        name, colon, rest = word.partition(":")
        if colon and name.isalpha():
            return Token("term", start, self.field(name.lower(), rest, start))
        star = word.find("*")
        if star == 0 or 0 <= star < len(word) - 1:
            raise self.error("'*' may only end a word, as in vene*", start + star)
        return Token("term", start, self.text(word.rstrip("*"), start, phrase=False, prefix=word.endswith("*")))

    def text(self, text: str, start: int, *, phrase: bool, prefix: bool) -> Text:
        text = " ".join(text.split())
        if not any(c.isalnum() for c in text):
            shown = f'"{text}"' if phrase else text
            raise self.error(f"{shown or 'the quotes'} hold no letters or digits to search for", start)
        return Text(text, phrase, prefix, span=(start, self.at))

    def field(self, name: str, value: str, start: int) -> Node:
        dialect = self.dialect
        if name not in dialect.fields:
            known = ", ".join(f"{f}:" for f in dialect.fields)
            raise self.error(
                f"no field called '{name}:' (the fields are {known}); put a word with a colon in quotes", start
            )
        value_at = start + len(name) + 1
        if not value and self.query[self.at : self.at + 1] in OPEN_QUOTES and self.at < len(self.query):
            value = self.quoted()
        value = " ".join(value.split())
        if not value:
            raise self.error(f"'{name}:' needs a value right after the colon", start)
        span = (start, self.at)
        if name in ("after", "before"):
            return DateFilter(name, self.day(name, value, value_at), span)
        if name == "is":
            states = dialect.states
            if value.lower() not in states:
                raise self.error(f"'is:' takes {_either(states)}", value_at)
            return Filter("is", value.lower(), span)
        if name in dialect.choices:
            return Filter(name, self.choice(name, value, dialect.choices[name], value_at), span)
        if name == "type":
            kind = KIND_ALIASES.get(value.lower(), value.lower())
            if kind not in KINDS:
                raise self.error(f"'type:' takes {', '.join(KINDS[:-1])} or {KINDS[-1]}", value_at)
            return Filter("type", kind, span)
        if not any(c.isalnum() for c in value):
            raise self.error(f"'{name}:' needs a value with letters or digits", value_at)
        if name == "tag":
            return Filter("tag", normalise_tag(value), span)
        return Filter("outlet" if name == "feed" else name, value, span)

    def choice(self, name: str, value: str, allowed: tuple[str, ...], at: int) -> str:
        wanted = value.lower()
        fitting = [c for c in allowed if c == wanted] or [c for c in allowed if c.startswith(wanted)]
        if len(fitting) != 1:
            raise self.error(f"'{name}:' takes {_either(allowed)}", at)
        return fitting[0]

    def day(self, name: str, value: str, at: int) -> date:
        match = _DATE.fullmatch(value)
        try:
            if match is None:
                raise ValueError
            year, month, day = match.groups()
            return date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise self.error(f"'{name}:' needs a date such as 2017-11-01, 2017-11 or 2017", at) from None


class _Parser:
    """Recursive descent, OR binding tighter than AND as in mail search (``a OR b c`` is
    ``(a OR b) c``): conjunction := disjunction ([AND] disjunction)*;
    disjunction := unary (OR unary)*; unary := (NOT | -)* primary;
    primary := term | ( conjunction )."""

    def __init__(self, tokens: list[Token], query: str) -> None:
        self.tokens = tokens
        self.query = query
        self.at = 0
        self.depth = 0

    def peek(self) -> Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> Token | None:
        token = self.peek()
        self.at += token is not None
        return token

    def error(self, message: str, position: int) -> QueryError:
        return QueryError(message, position, self.query)

    def expect_term_after(self, token: Token) -> None:
        following = self.peek()
        if following is None or following.kind in ("OR", "AND", ")"):
            name = "'-'" if token.kind == "-" else token.kind
            raise self.error(f"{name} needs a term after it", token.start)

    def conjunction(self) -> Node:
        parts = [self.disjunction()]
        while (token := self.peek()) is not None and token.kind != ")":
            if token.kind == "AND":
                self.take()
                self.expect_term_after(token)
            parts.append(self.disjunction())
        return _joined(And, parts)

    def disjunction(self) -> Node:
        parts = [self.unary()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            self.expect_term_after(token)
            parts.append(self.unary())
        return _joined(Or, parts)

    def unary(self) -> Node:
        negations = 0
        while (token := self.peek()) is not None and token.kind in ("NOT", "-"):
            self.take()
            self.expect_term_after(token)
            negations += 1
        node = self.primary()
        return Not(node) if negations % 2 else node

    def primary(self) -> Node:
        token = self.take()
        if token is None:
            raise self.error("the query ends where a term was expected", len(self.query))
        if token.kind == "term":
            assert token.node is not None  # the lexer gives every term its node
            return token.node
        if token.kind in ("OR", "AND"):
            raise self.error(f"{token.kind} needs a term before it", token.start)
        if token.kind == ")":
            raise self.error("')' has no '(' to close", token.start)
        following = self.peek()
        if following is not None and following.kind == ")":
            raise self.error("nothing between these parentheses", token.start)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"parentheses nested more than {MAX_DEPTH} deep", token.start)
        node = self.conjunction()
        self.depth -= 1
        if self.take() is None:
            raise self.error("this '(' is never closed", token.start)
        return node


def _joined(kind: type[And] | type[Or], parts: list[Node]) -> Node:
    """One node for several parts, nested nodes of the same kind flattened into it."""
    if len(parts) == 1:
        return parts[0]
    flat: list[Node] = []
    for part in parts:
        flat.extend(part.children if isinstance(part, kind) else (part,))
    return kind(tuple(flat))


def _either(values: tuple[str, ...]) -> str:
    return f"{', '.join(values[:-1])} or {values[-1]}" if len(values) > 1 else values[0]
