"""Whom "the minister said" stands for: the person the article named earlier with that role, as a
title before the name ("Foreign Minister Dalia Mendez"), an appositive beside it ("Ben Okafor,
the county's emergency manager,") or a role the name stands beside ("Ruiz's lawyer, Amanda
Cole"). The nearest such name before the quote wins; a role that only a longer office shares
("prime minister" for "the minister") is another office, not this one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from .antecedents import outside
from .describing import chain_start, in_chain
from .quotes import QuoteFound

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Words before a role that make it another office: the prime minister is not "the minister".
_OFFICE = frozenset({"prime", "vice", "deputy", "assistant", "junior", "first", "under", "former", "ex"})
#: Words after a role that still leave it this one ("the mayor of New Harbor").
_AFTER = frozenset({"of", "for", "at", "in", "to"})
#: Determiners that make a role definite: "the minister" is someone; "a minister" is not.
_DEFINITE = frozenset({"the", "its", "his", "her", "their"})
#: Forms of one role: a spokeswoman is the spokesperson the article named.
_FORMS = {"spokesman": "spokes", "spokeswoman": "spokes", "spokesperson": "spokes", "chairman": "chair",
          "chairwoman": "chair", "chairperson": "chair"}


def refer(doc: Doc, quotes: Iterable[QuoteFound], inside: list[tuple[int, int]]) -> Iterator[QuoteFound]:
    """The quotes, those whose speaker is a definite role ("the governor") given the names the
    role may stand for as ``antecedents``, nearest first."""
    names: list[tuple[Token, list[Token]]] | None = None
    for quote in quotes:
        role = _role(doc, quote)
        if role is None:
            yield quote
            continue
        if names is None:
            names = list(_described_names(doc, inside))
        found = [(doc[chain_start(name)].idx, name.idx + len(name.text)) for name, words in reversed(names)
                 if name.idx < quote.speaker_start and _fills(role, words)]
        yield replace(quote, antecedents=tuple(dict.fromkeys(found))[:3]) if found else quote


def _role(doc: Doc, quote: QuoteFound) -> list[str] | None:
    """The role's words, the head last ("emergency manager"), for a speaker that is a definite
    description; None for a name, a pronoun or "a source"."""
    if quote.pronoun or quote.head[0] < 0 or quote.antecedents:
        return None
    span = doc.char_span(quote.head[0], quote.head[1], alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].pos_ not in ("NOUN", "PROPN") or not span[0].is_lower:
        return None
    head = span[0]
    lefts = list(head.lefts)
    definite = any(t.lower_ in _DEFINITE or t.dep_ == "poss" for t in lefts)
    if not definite:
        return None
    words = [t.lower_ for t in lefts if t.dep_ in ("compound", "amod") and t.pos_ in ("NOUN", "ADJ")]
    return [*words, _form(head.lower_)]


def _form(word: str) -> str:
    return _FORMS.get(word, word)


def _described_names(doc: Doc, inside: list[tuple[int, int]]) -> Iterator[tuple[Token, list[Token]]]:
    """Each name outside the quotes (the last word of its proper-noun chain) with the words that
    may give its role: those before it in its phrase, an appositive beside it, or the noun it
    stands beside as an appositive."""
    for token in doc:
        if token.pos_ != "PROPN" or token.is_lower or in_chain(token) or not outside(token, inside):
            continue
        words = list(doc[token.left_edge.i:token.i])
        if token.dep_ == "appos":
            # The parser may hang "Denise Fontaine" from "New Harbor" in "The mayor of New Harbor,
            # Denise Fontaine": the role is the noun the "of" phrase hangs from.
            role = token.head
            while role.pos_ != "NOUN" and role.dep_ in ("pobj", "prep") and role.head.i < role.i:
                role = role.head
            if role.pos_ == "NOUN" and role.i < token.i:
                words = [*doc[role.left_edge.i:chain_start(token)], *words]
        for child in token.rights:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                words.extend(doc[child.left_edge.i:child.i + 1])
        if words:
            yield token, words


def _fills(role: list[str], words: list[Token]) -> bool:
    """Whether the words give the role: its head among them, followed by nothing, a name or "of",
    with its modifiers before it, and no word of a longer office ("prime") just before."""
    *modifiers, head = role
    for i, word in enumerate(words):
        if _form(word.lower_) != head:
            continue
        after = words[i + 1] if i + 1 < len(words) else None
        if after is not None and after.pos_ != "PROPN" and after.lower_ not in _AFTER and not after.is_punct:
            continue
        before = {w.lower_ for w in words[:i]}
        if not all(m in before for m in modifiers):
            continue
        if i > 0 and words[i - 1].lower_ in _OFFICE and words[i - 1].lower_ not in modifiers:
            continue
        return True
    return False
