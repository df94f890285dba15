"""Quotes and who says them. Quotation marks give the direct quotes; the parse gives the verb of
speech that governs each ("said Rajoy", "Sallo told reporters:", "according to the ministry"),
its subject is the speaker, and a quote that opens a paragraph after another speaker's quote
continues it. Speech reported without quotation marks ("Marek claimed that ...") is kept as
reported. What names no speaker stays unattributed rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Verbs that introduce speech, as lemmas.
SPEECH = frozenset("""say tell add state claim insist warn write declare ask reply explain note argue announce
tweet post boast admit acknowledge confirm deny vow promise urge shout chant recall remark conclude suggest
predict complain protest concede stress emphasise emphasize assert maintain allege threaten joke quip cry scream
demand respond answer comment observe testify reiterate continue whisper plead pledge proclaim retort
counter""".split())
PRONOUNS = frozenset({"he", "she", "they", "it", "we"})
#: Quotes shorter than this with no verb of speech are scare quotes or titles ("so-called
#: "reforms""), not speech.
MIN_WORDS = 4
_PAIRS = {"“": "”", "«": "»", "„": "“"}
#: "Ledezma: “...”" — a name and a colon just before the quote (captions, tweets, transcripts).
_NAME_COLON = re.compile(r"([A-Z][\w.'’-]+(?: (?:de |da |van |von |al-)?[A-Z][\w.'’-]+){0,4}):\s*[“\"«‘']?\s*\Z")
_DASH = re.compile(r"\A\s*[—–]\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4})")


@dataclass(frozen=True, slots=True)
class Quoted:
    """The words inside one pair of quotation marks (offsets of the words, not the marks)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class QuoteFound:
    """A quote and who the article says speaks it. ``speaker`` is the words naming them as
    written ("Interior Minister Viktor Sallo", "a ministry source", "he"); "" when none."""

    part: str
    text: str
    start: int
    end: int
    direct: bool
    speaker: str = ""
    speaker_start: int = -1
    speaker_end: int = -1
    #: The speaker is a pronoun ("he said"): whom it stands for is decided with the entities,
    #: from ``antecedents``.
    pronoun: bool = False
    #: How the speaker was found: "verb", "according", "colon", "dash", "continued" or "".
    how: str = ""
    #: The head of the speaker's words: the proper-noun chain it ends ("Helena Ashby" in
    #: "Pennant Chief Executive Helena Ashby"), or its one word ("source"); (-1, -1) for none.
    head: tuple[int, int] = (-1, -1)
    #: Whether the head is a name (a proper noun): "a ministry source" names nobody.
    named: bool = False
    #: For a pronoun: the names it may stand for, likeliest first (the subjects of the
    #: sentences before, nearest first, then the other names before it).
    antecedents: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> list[Any]:
        return [self.part, self.text, self.start, self.end, self.direct, self.speaker, self.speaker_start,
                self.speaker_end, self.pronoun, self.how, list(self.head), self.named,
                [list(a) for a in self.antecedents]]

    @classmethod
    def from_json(cls, row: list[Any]) -> QuoteFound:
        part, text, start, end, direct, speaker, s_start, s_end, pronoun, how, head, named, antecedents = row
        return cls(part, text, start, end, direct, speaker, s_start, s_end, pronoun, how, (head[0], head[1]),
                   bool(named), tuple((a, b) for a, b in antecedents))

    def speaking(self, speaker: Speaker, how: str) -> QuoteFound:
        return QuoteFound(self.part, self.text, self.start, self.end, self.direct, speaker.words, speaker.start,
                          speaker.end, speaker.pronoun, how, speaker.head, speaker.named, speaker.antecedents)


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


def find_quoted(text: str) -> list[Quoted]:
    """Every quotation in the text. Curly and guillemet pairs, straight double quotes paired in
    turn within a paragraph, single curly quotes that open after a space; a quote left open at
    a paragraph's end (a quote running over several paragraphs) ends there."""
    found: list[Quoted] = []
    offset = 0
    for paragraph in text.split("\n"):
        found.extend(Quoted(offset + s, offset + e) for s, e in _in_paragraph(paragraph))
        offset += len(paragraph) + 1
    return found


def _in_paragraph(text: str) -> Iterator[tuple[int, int]]:
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        closing = _PAIRS.get(char) or ('"' if char == '"' else None)
        if closing is None and char == "‘" and (i == 0 or not text[i - 1].isalnum()):
            closing = "’"
        if closing is None:
            i += 1
            continue
        j = i + 1
        while j < n:
            if text[j] == closing and (closing != "’" or j + 1 >= n or not text[j + 1].isalpha()):
                break
            j += 1
        start, end = i + 1, min(j, n)
        words = text[start:end].strip()
        if words:
            yield _trim(text, start, end)
        i = j + 1


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without the spaces, and the comma or full stop before the closing mark."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",."):
        end -= 1
    return start, end


def attribute_quotes(doc: Doc, part: str, quoted: list[Quoted]) -> Iterator[QuoteFound]:
    """The direct quotes of a parsed text, each with its speaker where the text names one. A
    quote with no verb of speech of its own continues the quote before it when it follows in
    the same paragraph, or opens the next one."""
    text = doc.text
    inside = [(q.start, q.end) for q in quoted]
    previous: QuoteFound | None = None
    previous_paragraph = -1
    for quote in quoted:
        words = text[quote.start:quote.end]
        paragraph = _paragraph_of(text, quote.start)
        current = QuoteFound(part, words, quote.start, quote.end, True)
        found = _speaker(doc, quote, inside)
        if found is not None:
            current = current.speaking(*found)
        elif previous is not None and previous.speaker and (
                paragraph == previous_paragraph
                or (_opens_paragraph(text, quote.start) and paragraph == _next_paragraph(text, previous.end))):
            current = QuoteFound(part, words, quote.start, quote.end, True, previous.speaker, previous.speaker_start,
                                 previous.speaker_end, previous.pronoun, "continued", previous.head, previous.named,
                                 previous.antecedents)
        elif len(words.split()) < MIN_WORDS:
            continue
        yield current
        previous, previous_paragraph = current, paragraph


def _paragraph_of(text: str, offset: int) -> int:
    """Where the offset's paragraph starts."""
    return text.rfind("\n", 0, offset) + 1


def _next_paragraph(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    if end < 0:
        return -1
    while end < len(text) and text[end] == "\n":
        end += 1
    return end


def _opens_paragraph(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip(" \"“«‘'")


def _speaker(doc: Doc, quote: Quoted, inside: list[tuple[int, int]]) -> tuple[Speaker, str] | None:
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sentences = {span[0].sent.start: span[0].sent, span[-1].sent.start: span[-1].sent}
    # A verb of speech outside every quote, in the sentences the quote is in; the nearest wins.
    candidates: list[tuple[int, Token]] = []
    for sentence in sentences.values():
        for token in sentence:
            if _outside(token, inside) and token.lemma_ in SPEECH and token.pos_ == "VERB" \
                    and _paragraph_of(doc.text, token.idx) == _paragraph_of(doc.text, quote.start):
                distance = min(abs(token.i - span.start), abs(token.i - span.end))
                candidates.append((distance, token))
    for _, verb in sorted(candidates, key=lambda c: c[0]):
        subject = _subject(verb)
        if subject is not None:
            return _words(subject, inside), "verb"
    according = _according(sentences.values(), inside)
    if according is not None:
        return _words(according, inside), "according"
    # "Sallo said:" ending the sentence before.
    first = span[0].sent
    if first.start > 0:
        before = doc[first.start - 1].sent
        if before.text.rstrip().endswith(":"):
            for token in before:
                if token.lemma_ in SPEECH and token.pos_ == "VERB" and (subject := _subject(token)) is not None:
                    return _words(subject, inside), "colon"
    named = _NAME_COLON.search(doc.text[max(0, quote.start - 60):quote.start])
    if named is not None:
        offset = max(0, quote.start - 60) + named.start(1)
        end = offset + len(named.group(1))
        return Speaker(named.group(1), offset, end, False, (offset, end), True), "colon"
    dash = _DASH.match(doc.text[quote.end:quote.end + 80].lstrip("”\"’»,. "))
    if dash is not None:
        offset = doc.text.index(dash.group(1), quote.end)
        end = offset + len(dash.group(1))
        return Speaker(dash.group(1), offset, end, False, (offset, end), True), "dash"
    return None


def _outside(token: Token, inside: list[tuple[int, int]]) -> bool:
    return not any(s <= token.idx < e for s, e in inside)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is coordinated with ("smiled and said")."""
    seen = 0
    while seen < 4:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if verb.dep_ == "conj":
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def _according(sentences: Any, inside: list[tuple[int, int]]) -> Token | None:
    """X in "according to X"."""
    obj: Token
    for sentence in sentences:
        for token in sentence:
            if token.lower_ == "according" and _outside(token, inside):
                for to in token.children:
                    if to.lower_ == "to":
                        for obj in to.children:
                            if obj.dep_ == "pobj":
                                return obj
    return None


def _words(token: Token, inside: list[tuple[int, int]]) -> Speaker:
    """The words naming a speaker: the token with what leans on it before (its titles and
    first names), its compound and "of" phrases after ("the Ministry of Defence"), no clauses."""
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
    named = token.pos_ == "PROPN"
    first = token.i
    while named and first > start and doc[first - 1].pos_ == "PROPN":
        first -= 1
    head = (doc[first].idx, token.idx + len(token.text))
    antecedents = _antecedents(token, inside) if pronoun else ()
    return Speaker(span.text, span.start_char, span.end_char, pronoun, head, named, antecedents)


def _antecedents(pronoun: Token, inside: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Names a pronoun may stand for: the proper-noun subjects of its own and the three
    sentences before (nearest first), then every other name in them, nearest first; none
    inside a quote."""
    doc = pronoun.doc
    sentence = pronoun.sent
    sentences = [sentence]
    while len(sentences) < 4 and sentences[-1].start > 0:
        sentences.append(doc[sentences[-1].start - 1].sent)
    subjects: list[tuple[int, int]] = []
    others: list[tuple[int, int]] = []
    for sent in sentences:
        for token in reversed(list(sent)):
            if token.i >= pronoun.i or token.pos_ != "PROPN" or not _outside(token, inside):
                continue
            if token.dep_ in ("compound", "flat") and token.head.pos_ == "PROPN" and token.head.i > token.i:
                continue  # within a longer name: the name's last word stands for it
            first = token.i
            while first > sent.start and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ in ("compound",
                                                                                                    "flat"):
                first -= 1
            chain = (doc[first].idx, token.idx + len(token.text))
            (subjects if token.dep_ in ("nsubj", "nsubjpass") else others).append(chain)
    return tuple(dict.fromkeys([*subjects, *others]))[:6]


def reported_speech(doc: Doc, part: str, inside: list[tuple[int, int]]) -> Iterator[QuoteFound]:
    """Speech told without quotation marks: a verb of speech whose clausal complement holds
    no quote ("Marek claimed that her client would have died")."""
    for verb in doc:
        if verb.lemma_ not in SPEECH or verb.pos_ != "VERB" or not _outside(verb, inside):
            continue
        for clause in verb.children:
            if clause.dep_ != "ccomp" or clause.i < verb.i:
                continue
            left = clause.left_edge
            while left.dep_ == "mark" and left.i < clause.i:
                left = doc[left.i + 1]
            start, end = left.idx, clause.right_edge.idx + len(clause.right_edge.text)
            words = doc.text[start:end].rstrip(" .,;")
            if any(mark in words for mark in "\"“”«»") or any(s < end and start < e for s, e in inside):
                continue
            if len(words.split()) < 3:
                continue
            subject = _subject(verb)
            quote = QuoteFound(part, words, start, start + len(words), False)
            yield quote.speaking(_words(subject, inside), "verb") if subject is not None else quote
