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

from .quotes import QuoteFound, attribute_quotes, find_quoted, reported_speech
from .speakers import SPEECH as _SPEECH

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

#: Bump when what a reading finds changes: cached readings of another version are read again.
VERSION = 11

#: The dependency labels of words that describe the name they stand before.
_PREMODIFIERS = {"compound", "amod", "nmod", "nummod", "npadvmod", "poss"}
_COPULAS = {"be", "become", "remain"}
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
    #: "premodifier", "appositive", "predicate" or "alias".
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
        quotes.extend(attribute_quotes(doc, part, quoted))
        quotes.extend(reported_speech(doc, part, inside))
    return Reading(tuple(labels), tuple(sorted(quotes, key=lambda q: (q.part != "title", q.start))))


def _within(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _labels(doc: Doc, part: str, quoted: list[tuple[int, int]]) -> Iterator[NameLabel]:
    seen: set[tuple[int, int, str]] = set()
    for token in doc:
        if token.pos_ != "PROPN" or _in_chain(token):
            continue
        first = _chain_start(token)
        name_start, name_end = doc[first].idx, token.idx + len(token.text)
        if _within(name_start, name_end, quoted):
            continue
        for kind, start, end in _descriptions(doc, token, first):
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


def _in_chain(token: Token) -> bool:
    """A proper noun that is part of a longer name ("Viktor" in "Viktor Sallo"): it leans on a
    proper noun after it, with only proper nouns between."""
    head = token.head
    if token.dep_ not in ("compound", "flat") or head.pos_ != "PROPN" or head.i <= token.i:
        return False
    return all(t.pos_ == "PROPN" for t in token.doc[token.i + 1:head.i])


def _chain_start(token: Token) -> int:
    """The first token of the proper-noun chain that ends at ``token``."""
    doc = token.doc
    i = token.i
    while i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].dep_ in ("compound", "flat") \
            and doc[i - 1].head.i >= i - 1 and doc[i - 1].head.i <= token.i:
        i -= 1
    return i


def _descriptions(doc: Doc, name: Token, first: int) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) character spans of what describes the name."""
    # Premodifier: what stands before the name in its noun phrase ("jailed opposition leader",
    # "Vastria's strongman President"), down to the chain itself; the comparison cuts it where
    # the entity's mention starts, so titles within the chain ("Interior Minister") join it.
    start = name.left_edge.i
    while start < first and (doc[start].dep_ in ("det", "punct", "cc") or doc[start].is_space):
        start += 1
    # "Rajoy and Foreign Minister Arreaza": what describes Arreaza starts after the "and".
    for t in doc[start:first]:
        if t.dep_ == "cc" or t.text in (",", ";"):
            start = t.i + 1
    region = doc[start:first]
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" or t.is_space or t.pos_ == "ADV" and t.dep_ != "advmod"
           for t in region) or (len(region) and not any(t.pos_ in ("NOUN", "ADJ", "PROPN", "VERB") for t in region)):
        start = first  # a clause, a misparsed headline, an adverb: no description
    if start == first:
        start = _of_name(doc, first)
    yield ("premodifier" if start < first else "name"), doc[start].idx, doc[first].idx
    # Appositive after the name: "Reyna, the jailed opposition leader,".
    for child in name.rights:
        if child.dep_ == "appos" and child.i > name.i and (child.pos_ in ("NOUN", "ADJ") or _described(child)) \
                and _beside(name, child.left_edge.i):
            yield "appositive", child.left_edge.idx, _right_end(child)
    # The name as the appositive of a description: "his lawyer, Ilse Marek,".
    if name.dep_ == "appos" and (name.head.pos_ == "NOUN" or _described(name.head)) and name.head.i < first:
        head = name.head
        yield "appositive", head.left_edge.idx, head.idx + len(head.text)
    elif (role := _role_before(doc, name, first)) is not None:
        yield "appositive", doc[role[0]].idx, doc[role[1]].idx + len(doc[role[1]].text)
    # Predicate nominal: "Reyna is a hero", "Reyna, who is the mayor,".
    subject_of = None
    if name.dep_ in ("nsubj", "nsubjpass") and name.head.lemma_ in _COPULAS:
        subject_of = name.head
    for child in name.rights:
        if child.dep_ == "relcl" and child.lemma_ in _COPULAS and any(
                c.dep_ == "nsubj" and c.lower_ in ("who", "which", "that") for c in child.children):
            subject_of = child
    if subject_of is not None:
        for attr in subject_of.rights:
            if attr.dep_ == "attr" and (attr.pos_ == "NOUN" or _described(attr)):
                yield "predicate", attr.left_edge.idx, _right_end(attr)


def _beside(name: Token, start: int) -> bool:
    """Whether what starts at ``start`` stands beside the name: only the name's own words and
    punctuation between. The parser hangs "the sole apparatus" from Maduro across a clause in
    "Maduro is starting to lose the support of the military, the sole apparatus keeping...";
    an appositive follows its noun."""
    doc = name.doc
    return all(t.is_punct or t.is_space or name.is_ancestor(t) and t.pos_ not in ("VERB", "AUX")
               for t in doc[name.i + 1:start])


def _role_before(doc: Doc, name: Token, first: int) -> tuple[int, int] | None:
    """An apposition the parser missed when the writer left out the comma after the name:
    a possessive noun phrase opening a clause, a comma, then the name as the clause's subject
    ("that Venezuela's dictator, Nicolás Maduro is starting..."). (first, last) token of the
    phrase; None otherwise. A parenthetical "His father, Maduro said, was..." is no label."""
    if first < 2 or doc[first - 1].text != "," or name.dep_ not in ("nsubj", "nsubjpass") or name.head.i < name.i:
        return None
    noun = doc[first - 2]
    if noun.pos_ != "NOUN" or noun.sent.start != name.sent.start:
        return None
    before = [c for c in noun.lefts if c.dep_ in ("poss", "amod", "compound", "nmod")]
    if not any(c.dep_ == "poss" for c in before):
        return None
    start = min(c.left_edge.i for c in before)
    if any(t.pos_ in ("VERB", "AUX", "ADP") or t.is_punct and t.text != "'" for t in doc[start:noun.i]):
        return None
    opener = doc[start - 1] if start > noun.sent.start else None
    if opener is not None and not (opener.dep_ == "mark" or opener.pos_ == "SCONJ"):
        return None
    verb = name.head
    if verb.lemma_ in _SPEECH and verb.i + 1 < len(doc) and doc[verb.i + 1].text == ",":
        return None
    return start, noun.i


def _of_name(doc: Doc, first: int) -> int:
    """Where a name's chain starts once an organisation's "X of Y" name before it is whole:
    the parser cuts "Organization of American States Secretary General Luis Almagro" at "of",
    and "American States Secretary General" would be a label cut short."""
    start = first
    while start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].pos_ == "PROPN" \
            and doc[start - 2].text[:1].isupper():
        start -= 2
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in ("compound", "flat"):
            start -= 1
    return start


#: Where a description stops: a clause or an apposition hanging from any of its words.
_STOPS = {"relcl", "acl", "punct", "cc", "conj", "appos", "advcl"}


def _described(token: Token) -> bool:
    """A capitalised description, not a name: "the Metropolitan Mayor", "a Labour MP"."""
    return token.pos_ == "PROPN" and any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in token.children)


def _right_end(token: Token) -> int:
    """Where a description ends: its subtree, stopping before the first word that belongs to a
    relative clause, an apposition or a coordination ("presenter who...", "leader, and")."""
    end = token.i
    for t in token.subtree:
        if t.i <= token.i:
            continue
        joined = t.text in ("-", "‐") and not t.whitespace_ and not t.doc[t.i - 1].whitespace_
        if not joined and (t.text in (",", ";", "(", "—", "–", ":") or _hangs_from_clause(t, token)):
            break
        end = t.i
    last = token.doc[end]
    return last.idx + len(last.text)


def _hangs_from_clause(t: Token, top: Token) -> bool:
    while t.i != top.i:
        if t.dep_ in _STOPS and not (t.dep_ == "punct" and t.text in ("-", "‐", "'", "’")) \
                and not _coordinated_noun(t):
            return True
        t = t.head
    return False


def _coordinated_noun(t: Token) -> bool:
    """"and" with a noun after it, or that noun: "Metropolitan Mayor and political prisoner"
    is one label. A coordinated clause, or a name, is not."""
    if t.dep_ == "conj":
        return t.pos_ in ("NOUN", "ADJ")
    if t.dep_ == "cc":
        return any(c.dep_ == "conj" and c.pos_ in ("NOUN", "ADJ") for c in t.head.children)
    return False


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
