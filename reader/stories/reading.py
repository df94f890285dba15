"""Reading an article's sentences with spaCy's parser: the words it puts next to proper names
(premodifiers, appositives, predicate nominals, aliases) and the quotes it carries with who
says them. Nothing here knows the library's entities: names are the parser's proper-noun
chains and speakers are the words that name them, matched to canonical entities later
(comparison.py), so a reading stays true when the entities are corrected and is cached by
the article's content hash alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .describing import chain_start, descriptions, in_chain
from .quotes import QuoteFound, attribute_quotes, find_quoted, reported_speech
from .referring import refer

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Bump when what a reading finds changes: cached readings of another version are read again.
VERSION = 12

#: The dependency labels of words that describe the name they stand before.
_ALIAS = re.compile(r"\A\s*,?\s*(?:alias|a\.k\.a\.?|aka|also known as|known as|nicknamed|dubbed)\s+(?:as\s+)?"
                    r"[\"“‘']?((?:the\s+)?[^,.;:”\"’()]{2,60}?)[\"”’']?(?=[,.;:)]|\s+(?:and|who|has|was|is)\b|\Z)",
                    re.IGNORECASE)
_LEADING = re.compile(r"\A(?:the|a|an)\s+", re.IGNORECASE)
#: Longer descriptions are clauses, not labels.
MAX_LABEL_WORDS = 12


@dataclass(frozen=True, slots=True)
class NameLabel:
    """A description an article puts next to a proper name, in its own voice (never inside a
    quote). Offsets are into the title or ``Body.text`` (``part``)."""

    part: str
    #: The proper-noun chain the phrase describes ("Interior Minister Viktor Sallo"): the
    #: entity's mention lies within it, and what of the chain is before the mention is
    #: part of a premodifier.
    name_start: int
    name_end: int
    phrase: str
    start: int
    end: int
    #: "premodifier", "appositive", "predicate", "alias", or "shared" (a premodifier before
    #: the first of coordinated names, "chains" in "chains Aldmere and Pennant").
    kind: str

    def to_json(self) -> list[Any]:
        return [self.part, self.name_start, self.name_end, self.phrase, self.start, self.end, self.kind]


@dataclass(frozen=True, slots=True)
class Reading:
    """What one article's parse gave."""

    labels: tuple[NameLabel, ...] = ()
    quotes: tuple[QuoteFound, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"labels": [label.to_json() for label in self.labels], "quotes": [q.to_json() for q in self.quotes]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reading:
        return cls(tuple(NameLabel(*row) for row in data.get("labels", ())),
                   tuple(QuoteFound.from_json(row) for row in data.get("quotes", ())))


def read_articles(nlp: Language, articles: Iterable[tuple[str, str]]) -> Iterator[Reading]:
    """Readings of (title, text) pairs, in order."""
    items = list(articles)
    texts: list[str] = []
    for title, text in items:
        texts.extend((title, text))
    docs = iter(nlp.pipe(texts, batch_size=8))
    for _ in items:
        title_doc, body_doc = next(docs), next(docs)
        yield read_docs(title_doc, body_doc)


def read_docs(title: Doc, body: Doc) -> Reading:
    labels: list[NameLabel] = []
    quotes: list[QuoteFound] = []
    for part, doc in (("title", title), ("body", body)):
        quoted = find_quoted(doc.text)
        inside = [(q.start, q.end) for q in quoted]
        labels.extend(_labels(doc, part, inside))
        quotes.extend(refer(doc, attribute_quotes(doc, part, quoted), inside))
        quotes.extend(refer(doc, reported_speech(doc, part, inside), inside))
    return Reading(tuple(labels), tuple(sorted(quotes, key=lambda q: (q.part != "title", q.start))))


def _within(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _labels(doc: Doc, part: str, quoted: list[tuple[int, int]]) -> Iterator[NameLabel]:
    seen: set[tuple[int, int, str]] = set()
    for token in doc:
        if token.pos_ != "PROPN" or in_chain(token):
            continue
        first = chain_start(token)
        name_start, name_end = doc[first].idx, token.idx + len(token.text)
        if _within(name_start, name_end, quoted):
            continue
        for kind, start, end in descriptions(doc, token, first):
            if kind in ("premodifier", "name"):
                # Kept whole (cut at the mention later), starting after any quote within it.
                for q_start, q_end in quoted:
                    if start < q_end and q_start < end:
                        start = min(q_end + 1, name_start)
                yield NameLabel(part, name_start, name_end, doc.text[start:end].strip(), start, end, kind)
                continue
            found = _clean(doc.text, start, end)
            if found is None or _within(found[1], found[2], quoted):
                continue
            phrase, s, e = found
            if (s, e, kind) in seen:
                continue
            seen.add((s, e, kind))
            yield NameLabel(part, name_start, name_end, phrase, s, e, kind)
        tail = doc.text[name_end:name_end + 90]
        alias = _ALIAS.match(tail)
        if alias is not None:
            s = name_end + alias.start(1)
            found = _clean(doc.text, s, s + len(alias.group(1)))
            if found is not None:
                yield NameLabel(part, name_start, name_end, found[0], found[1], found[2], "alias")


def _clean(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The phrase less a leading article and trailing punctuation; None when it is no label
    (empty, too long, or a pronoun)."""
    phrase = text[start:end]
    lead = _LEADING.match(phrase)
    if lead:
        start += lead.end()
        phrase = phrase[lead.end():]
    stripped = phrase.rstrip(" ,.;:—–-\"”’'")
    phrase, end = stripped, start + len(stripped)
    stripped = phrase.lstrip(" \"“‘'")
    start += len(phrase) - len(stripped)
    phrase = stripped
    words = phrase.split()
    if not words or len(words) > MAX_LABEL_WORDS or phrase.lower() in ("he", "she", "it", "they", "who"):
        return None
    return phrase, start, end
