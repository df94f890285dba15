"""Who speaks a quote. The parse gives the verb of speech that governs it ("said Rajoy", "Sallo
told reporters:", "according to the ministry") and its subject is the speaker; a name and a
colon before the quote, or a dash and a name after it, name one too. A pronoun is kept with the
names it may stand for, for the comparison to decide with the entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .antecedents import antecedents, outside

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Verbs that introduce speech, as lemmas.
SPEECH = frozenset("""say tell add state claim insist warn write declare ask reply explain note argue announce
tweet post boast admit acknowledge confirm deny vow promise urge shout chant recall remark conclude suggest
predict complain protest concede stress emphasise emphasize assert maintain allege threaten joke quip cry scream
demand respond answer comment observe testify reiterate continue whisper plead pledge proclaim retort
counter call describe label brand dub accuse""".split())
PRONOUNS = frozenset({"he", "she", "they", "it", "we"})
_RELATIVE = frozenset({"who", "which", "that"})
#: "Ledezma: “...”" — a name and a colon just before the quote (captions, tweets, transcripts).
_NAME_COLON = re.compile(r"([A-Z][\w.'’-]+(?: (?:de |da |van |von |al-)?[A-Z][\w.'’-]+){0,4}):\s*[“\"«‘']?\s*\Z")
_DASH = re.compile(r"\A\s*[—–]\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4})")


@dataclass(frozen=True, slots=True)
class Speaker:
    """The words naming a speaker, and what is known of them (see QuoteFound)."""

    words: str
    start: int
    end: int
    pronoun: bool
    head: tuple[int, int]
    named: bool
    antecedents: tuple[tuple[int, int], ...] = ()


def find_speaker(doc: Doc, start: int, end: int, inside: list[tuple[int, int]]) -> tuple[Speaker, str] | None:
    """Who speaks the quote at [start, end), and how that was found ("verb", "according",
    "colon" or "dash"); None when the text names nobody."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sentences = {span[0].sent.start: span[0].sent, span[-1].sent.start: span[-1].sent}
    # A verb of speech outside every quote, in the sentences the quote is in; the nearest wins.
    candidates: list[tuple[int, Token]] = []
    for sentence in sentences.values():
        for token in sentence:
            if outside(token, inside) and token.lemma_ in SPEECH and token.pos_ == "VERB" \
                    and paragraph_of(doc.text, token.idx) == paragraph_of(doc.text, start):
                distance = min(abs(token.i - span.start), abs(token.i - span.end))
                candidates.append((distance, token))
    for _, verb in sorted(candidates, key=lambda c: c[0]):
        subject = subject_of(verb)
        if subject is not None:
            return speaker_words(subject, inside, (start, end)), "verb"
    according = _according(sentences.values(), inside)
    if according is not None:
        return speaker_words(according, inside), "according"
    # "Sallo said:" ending the sentence before.
    first = span[0].sent
    if first.start > 0:
        before = doc[first.start - 1].sent
        if before.text.rstrip().endswith(":"):
            for token in before:
                if token.lemma_ in SPEECH and token.pos_ == "VERB" and (subject := subject_of(token)) is not None:
                    return speaker_words(subject, inside, (start, end)), "colon"
    named = _NAME_COLON.search(doc.text[max(0, start - 60):start])
    if named is not None:
        offset = max(0, start - 60) + named.start(1)
        stop = offset + len(named.group(1))
        return Speaker(named.group(1), offset, stop, False, (offset, stop), True), "colon"
    dash = _DASH.match(doc.text[end:end + 80].lstrip("”\"’»,. "))
    if dash is not None:
        offset = doc.text.index(dash.group(1), end)
        stop = offset + len(dash.group(1))
        return Speaker(dash.group(1), offset, stop, False, (offset, stop), True), "dash"
    return None


def paragraph_of(text: str, offset: int) -> int:
    """Where the offset's paragraph starts."""
    return text.rfind("\n", 0, offset) + 1


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is coordinated with ("smiled and said") or
    whose participle it is ("rejected the results, saying"); for
    "who" or "which" opening a relative clause, the noun the clause tells of ("Rajoy, who
    vowed...")."""
    seen = 0
    while seen < 4:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.lower_ in _RELATIVE and verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
                    return verb.head
                return _named_beside(child)
        if verb.dep_ == "conj":
            verb = verb.head
            seen += 1
            continue
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i != verb.i:
            # "Aranyi rejected the results, saying ...": who says is who rejected.
            verb = verb.head
            seen += 1
            continue
        # "Holm, speaking about the arrest, told reporters": the parser gives the subject to the
        # participle set between commas before the verb.
        for clause in verb.lefts:
            if clause.dep_ == "advcl" and clause.tag_ == "VBG":
                for child in clause.lefts:
                    if child.dep_ == "nsubj" and child.pos_ in ("PROPN", "NOUN"):
                        return _named_beside(child)
        return None
    return None


def _named_beside(subject: Token) -> Token:
    """The name set beside a description as its subject's appositive: "Ilse Marek" in "Reyna's
    lawyer, Ilse Marek, told..."; the subject itself otherwise."""
    if subject.pos_ == "NOUN":
        for child in subject.rights:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and all(
                    t.is_punct or t.is_space for t in subject.doc[subject.i + 1:child.left_edge.i]):
                return child
    return subject


def _according(sentences: Any, inside: list[tuple[int, int]]) -> Token | None:
    """X in "according to X"."""
    obj: Token
    for sentence in sentences:
        for token in sentence:
            if token.lower_ == "according" and outside(token, inside):
                for to in token.children:
                    if to.lower_ == "to":
                        for obj in to.children:
                            if obj.dep_ == "pobj":
                                return _named_beside(obj)
    return None


def speaker_words(token: Token, inside: list[tuple[int, int]], said: tuple[int, int] | None = None) -> Speaker:
    """The words naming a speaker: the token with what leans on it before (its titles and
    first names), its compound and "of" phrases after ("the Ministry of Defence"), no clauses.
    ``said`` is where the words spoken are, for a pronoun's antecedents."""
    doc = token.doc
    start = token.left_edge.i
    while start < token.i and (doc[start].dep_ in ("det", "punct") or doc[start].is_space):
        start += 1
    end = token.i
    for t in doc[token.i + 1:token.right_edge.i + 1]:
        if t.dep_ in ("prep", "pobj", "compound", "flat") and t.text not in (",", "("):
            end = t.i
        else:
            break
    span: Span = doc[start:end + 1]
    pronoun = token.pos_ == "PRON" and token.lower_ in PRONOUNS
    named = token.pos_ == "PROPN" and not token.is_lower  # the parser takes "the minister" for a name at times
    first = token.i
    while named and first > start and doc[first - 1].pos_ == "PROPN":
        first -= 1
    head = (doc[first].idx, token.idx + len(token.text))
    found = antecedents(token, inside, said) if pronoun else ()
    return Speaker(span.text, span.start_char, span.end_char, pronoun, head, named, found)
