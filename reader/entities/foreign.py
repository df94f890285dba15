"""Names written in sentence case in another language: "Parti socialiste", "Nordiska museet",
"Commission électorale nationale autonome". The model stops at the capital's word; the lower-case
words after it are common in another language and rare in English, so they belong to the name."""

from __future__ import annotations

import re

from .knowledge import knowledge
from .lexicon import PARTICLES
from .spans import Candidate

#: How common (Zipf) in English the first lower-case word after a name may be to be taken for a
#: word of the name in another language: "novosti" (2.3), "socialiste" (1.6); not "fever" (4.2).
FOREIGN_WORD = 2.5
#: The words after it may be a little more common, as cognates are: "nationale" (2.8). Each must
#: be at least as common as FOREIGN_WORD in another language, and clearly more than in English.
FOREIGN_NEXT = 3.0
#: A word ending in "s" is more likely an English plural or verb the lexicon lacks ("turboprops",
#: a headline's "quashes") than a foreign word.
_WORD = re.compile(r" ([a-zà-öø-ÿ][\w’']{2,}[^\Ws])(?![\w-])")


def in_sentence_case(text: str, found: list[Candidate]) -> list[Candidate]:
    """Each candidate stretched over the foreign lower-case words that follow it, as an
    organisation's name: such names are mostly bodies, parties and papers."""
    known = knowledge()
    result = []
    for candidate in found:
        end, limit = candidate.end, FOREIGN_WORD
        while (word := _WORD.match(text, end)) is not None and word.group(1) not in PARTICLES \
                and (english := known.frequency(word.group(1))) < limit \
                and known.foreign_frequency(word.group(1)) >= max(FOREIGN_WORD, english + 1):
            end, limit = word.end(), FOREIGN_NEXT
        if end == candidate.end:
            result.append(candidate)
            continue
        votes = (*candidate.votes, ("organisation", 1.0))
        result.append(Candidate(candidate.start, end, text[candidate.start:end], votes, candidate.source))
    return result
