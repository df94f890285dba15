"""Whom a "he said" may stand for: the names of the sentences before, those acting as the subject
of their sentence's main clause first. "Venezuelan President Nicolas Maduro said that Ledezma had
fled ... “They can keep their vampire,” he said": he is Maduro, whose clause it is, not Ledezma,
the nearer name in the clause Maduro governs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: How many sentences before the pronoun's own are searched.
SENTENCES_BEFORE = 3
#: How many antecedents a pronoun keeps.
KEPT = 6
_SUBJECTS = ("nsubj", "nsubjpass")


def outside(token: Token, inside: list[tuple[int, int]]) -> bool:
    return not any(s <= token.idx < e for s, e in inside)


def antecedents(pronoun: Token, inside: list[tuple[int, int]], said: tuple[int, int] | None
                ) -> tuple[tuple[int, int], ...]:
    """Names a pronoun may stand for, likeliest first: the subjects of main clauses in its own
    and the sentences before (nearest first), then the subjects of clauses within them, then
    every other name in them, nearest first; none inside a quote. A name given beside a
    subject ("His manager, Claude Ferrand, said") or joined to it ("X and Y signed") is a
    subject too. Whom the words spoken name is talked about, not talking ("“I spoke with
    Ledezma,” he wrote"): that name is no antecedent, and when it is the nearest subject, the
    other names of its sentence come first (the one Ledezma spoke with)."""
    doc = pronoun.doc
    sentences = [pronoun.sent]
    while len(sentences) <= SENTENCES_BEFORE and sentences[-1].start > 0:
        sentences.append(doc[sentences[-1].start - 1].sent)
    named = _names_within(doc, said) if said is not None else set()
    first: list[tuple[int, int]] = []
    ranks: tuple[list[tuple[int, int]], ...] = ([], [], [])
    for sent in sentences:
        found: tuple[list[tuple[int, int]], ...] = ([], [], [])
        for token in reversed(list(sent)):
            if token.i >= pronoun.i or token.pos_ != "PROPN" or not outside(token, inside):
                continue
            if token.dep_ in ("compound", "flat") and token.head.pos_ == "PROPN" and token.head.i > token.i:
                continue  # within a longer name: the name's last word stands for it
            start = token.i
            while start > sent.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in ("compound",
                                                                                                    "flat"):
                start -= 1
            found[_rank(token)].append((doc[start].idx, token.idx + len(token.text)))
        subjects = found[0] + found[1]
        if not ranks[0] and not ranks[1] and not first and subjects and named \
                and all(_last_word(doc.text, chain) in named for chain in subjects):
            first = found[2]
        for kept, more in zip(ranks, found, strict=True):
            kept.extend(more)
    chains = dict.fromkeys([*first, *ranks[0], *ranks[1], *ranks[2]])
    return tuple(chain for chain in chains if _last_word(doc.text, chain) not in named)[:KEPT]


def _rank(token: Token) -> int:
    """0 for the subject of a main clause, 1 for that of a clause within one, 2 for a name in
    any other place. An appositive or a conjunct of a subject ranks as the subject."""
    seen = 0
    while token.dep_ in ("appos", "conj") and seen < 4 and token.head.i != token.i:
        token = token.head
        seen += 1
    if token.dep_ not in _SUBJECTS:
        return 2
    verb = token.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return 0 if verb.dep_ == "ROOT" else 1


def _names_within(doc: Doc, span: tuple[int, int]) -> set[str]:
    """The proper nouns between two offsets, folded to lower case."""
    start, end = span
    return {t.lower_ for t in doc if start <= t.idx < end and t.pos_ == "PROPN"}


def _last_word(text: str, chain: tuple[int, int]) -> str:
    return text[chain[0]:chain[1]].split()[-1].lower()
