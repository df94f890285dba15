"""Quotes in an article. Quotation marks give the direct quotes, each with its speaker
(speakers.py); a quote that opens a paragraph after another speaker's quote continues it.
Speech reported without quotation marks ("Marek claimed that ...") is kept as reported. What
names no speaker stays unattributed rather than guessed, and a word or two in quotation marks
that nobody is said to say is a scare quote, not a quote.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .antecedents import outside
from .speakers import SPEECH, Speaker, find_speaker, paragraph_of, speaker_words, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Quotes shorter than this with no verb of speech are scare quotes or titles ("so-called
#: "reforms""), not speech.
MIN_WORDS = 4
#: Quotes this short are speech only when a verb of speech says them: "called him a "thief"",
#: "said the offer was "fair"", not "entered the country "legally"" within what was said.
SHORT_WORDS = 2
#: How the quoted words may hang from the verb of speech that says them: as its object or
#: complement, or the subject, object or predicate of the clause it governs. A modifier there
#: ("entered "legally"") is the writer's word.
_SAID = frozenset({"ccomp", "xcomp", "dobj", "attr", "acomp", "oprd", "conj", "nsubj", "nsubjpass"})
#: Words before a quote that mark it as the writer's doubt about a word, not as speech.
_SCARE = ("so-called", "so called", "self-styled", "self-described")
_PAIRS = {"“": "”", "«": "»", "„": "“"}


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
        paragraph = paragraph_of(text, quote.start)
        current = QuoteFound(part, words, quote.start, quote.end, True)
        found = find_speaker(doc, quote.start, quote.end, inside)
        short = len(words.split()) <= SHORT_WORDS
        if short and (found is None or found[1] == "verb" and not _said(doc, quote, inside)):
            continue  # a word or two that nobody is said to say: a scare quote
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


def _said(doc: Doc, quote: Quoted, inside: list[tuple[int, int]]) -> bool:
    """Whether a verb of speech says the quoted words: their head hangs from one, directly or
    through the clause it governs ("said the count was "orderly"", "promised "resistance"",
    "warned of "chaos""), never as a mere modifier there ("entered the country "legally"")."""
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    if doc.text[max(0, quote.start - 16):quote.start].rstrip(" “\"‘'").lower().endswith(_SCARE):
        return False
    token: Token = span.root
    if token.head.i != token.i and _speaks(token.head, inside):
        return True  # "“Never,” he said"
    while token.head.i != token.i:
        if token.dep_ in ("pobj", "pcomp"):
            preposition = token.head
            return preposition.dep_ == "prep" and _speaks(preposition.head, inside)
        if token.dep_ not in _SAID:
            return False
        token = token.head
        if _speaks(token, inside):
            return True
    return False


def _speaks(token: Token, inside: list[tuple[int, int]]) -> bool:
    return token.lemma_ in SPEECH and token.pos_ == "VERB" and outside(token, inside)


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


def reported_speech(doc: Doc, part: str, inside: list[tuple[int, int]]) -> Iterator[QuoteFound]:
    """Speech told without quotation marks: a verb of speech whose clausal complement holds
    no quote ("Marek claimed that her client would have died")."""
    for verb in doc:
        if not _speaks(verb, inside):
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
            subject = subject_of(verb)
            quote = QuoteFound(part, words, start, start + len(words), False)
            yield quote.speaking(speaker_words(subject, inside, (start, start + len(words))), "verb") \
                if subject is not None else quote
