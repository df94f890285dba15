"""What describes a proper name in a parsed sentence: the words before it in its noun phrase,
an appositive beside it, the noun it is the appositive of, a predicate nominal. Spans of
characters, for reading.py to clean and keep.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .speakers import SPEECH

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_COPULAS = {"be", "become", "remain"}


def descriptions(doc: Doc, name: Token, first: int) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) character spans of what describes the name."""
    # Premodifier: what stands before the name in its noun phrase ("jailed opposition leader",
    # "Vastria's strongman President"), down to the chain itself; the comparison cuts it where
    # the entity's mention starts, so titles within the chain ("Interior Minister") join it.
    start = _premodifier_start(doc, name, first)
    if start == first:
        start = _of_name(doc, first)
    yield ("premodifier" if start < first else "name"), doc[start].idx, doc[first].idx
    # "British supermarket chains Aldmere Group and Pennant Foods": a plural description before
    # the first of two names describes both.
    if name.dep_ == "conj" and name.head.pos_ == "PROPN" and name.head.i < first and not in_chain(name.head):
        other_first = chain_start(name.head)
        shared = _premodifier_start(doc, name.head, other_first)
        if shared < other_first and doc[other_first - 1].tag_ in ("NNS", "NNPS"):
            last = doc[other_first - 1]
            yield "shared", doc[shared].idx, last.idx + len(last.text)
    # Appositive after the name: "Reyna, the jailed opposition leader,".
    for child in name.rights:
        if child.dep_ == "appos" and child.i > name.i and (child.pos_ in ("NOUN", "ADJ") or _described(child)) \
                and _beside(name, child.left_edge.i):
            yield "appositive", child.left_edge.idx, _right_end(child)
    # The name as the appositive of a description: "his lawyer, Ilse Marek,".
    if name.dep_ == "appos" and (name.head.pos_ == "NOUN" or _described(name.head)) and name.head.i < first \
            and not _introduces(name.head, first):
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


def _introduces(head: Token, first: int) -> bool:
    """Whether the word the parser makes the name the appositive of introduces it instead: a
    colon ("Sources: Blu Radio") or a dateline ("KORVEL — Tomas Reyna")."""
    between = head.doc[head.i + 1:first]
    return any(t.text == ":" for t in between) or head.text.isupper() and any(t.text in ("—", "–") for t in between)


def _premodifier_start(doc: Doc, name: Token, first: int) -> int:
    """The first token of what describes the name before its chain (``first`` for nothing)."""
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
        return first  # a clause, a misparsed headline, an adverb: no description
    return start


def in_chain(token: Token) -> bool:
    """A proper noun that is part of a longer name ("Viktor" in "Viktor Sallo"): it leans on a
    proper noun after it, with only proper nouns between."""
    head = token.head
    if token.dep_ not in ("compound", "flat") or head.pos_ != "PROPN" or head.i <= token.i:
        return False
    return all(t.pos_ == "PROPN" for t in token.doc[token.i + 1:head.i])


def chain_start(token: Token) -> int:
    """The first token of the proper-noun chain that ends at ``token``."""
    doc = token.doc
    i = token.i
    while i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].dep_ in ("compound", "flat") \
            and doc[i - 1].head.i >= i - 1 and doc[i - 1].head.i <= token.i:
        i -= 1
    return i


def _beside(name: Token, start: int) -> bool:
    """Whether what starts at ``start`` stands beside the name: only the name's own words and
    punctuation between. The parser hangs "the sole apparatus" from Maduro across a clause in
    "Maduro is starting to lose the support of the military, the sole apparatus keeping...";
    an appositive follows its noun. After two names ("the merger of Aldmere and Pennant, the
    homegrown deal") it is no more the first's than the second's."""
    doc = name.doc
    return all(t.is_punct or t.is_space or name.is_ancestor(t) and t.pos_ not in ("VERB", "AUX")
               and t.dep_ not in ("cc", "conj") for t in doc[name.i + 1:start])


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
    if verb.lemma_ in SPEECH and verb.i + 1 < len(doc) and doc[verb.i + 1].text == ",":
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
