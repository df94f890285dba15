"""Page furniture: the outlet in a dateline and the author in a sign-off are not the story's.

"CARACAS (Reuters) -" names the agency that filed the story, "Follow Ben Kew on Facebook" or
"Reporting by Ana Ruiz; Editing by Tom Hale" the people who wrote it: the article never mentions
them. A name written there is not a mention; written in the story as well, it is one there.
"""

from __future__ import annotations

import re

#: A capitalised dateline, a date after a comma, and the outlet in brackets: "CARACAS (Reuters) -",
#: "BẮC NINH, Vietnam, May 3 (AFP) —". Group 1 is the place, group 2 the outlet.
DATELINE = re.compile(
    r"^([A-ZÀ-ÖØ-Þ]{3,}(?:[ -][A-ZÀ-ÖØ-Þ]{2,})*)(?:,[^—–\n(]{0,40})?(?: \(([^()\n]{2,40})\))?\s+[—–-]\s"
)

# A line that only credits or promotes the writer: "Follow Ben Kew on Twitter", "Reporting by ...;
# Editing by ...", "Writing by", "Additional reporting by", "Compiled by", "(Reporting by ...)".
_CREDIT = re.compile(
    r"^[ \t(]*(?:(?:additional |further )?reporting by|writing by|editing by|compiled by|written by|"
    r"follow [^\n]{0,60}? on (?:twitter|x|facebook|instagram|bluesky|threads|linkedin))\b",
    re.IGNORECASE | re.MULTILINE,
)
#: A line ending with an address to write to: "..., or email him at bkew@breitbart.com."
_CONTACT = re.compile(r"^[^\n]{0,200}\b(?:e-?mail (?:him|her|them|me|us) at|contact (?:him|her) at)\b[^\n]*$",
                      re.IGNORECASE | re.MULTILINE)
#: A last line "By Ana Ruiz" or a first one, on a line of its own.
_BYLINE = re.compile(r"^[ \t]*By [A-ZÀ-ÖØ-Þ][\w'’.-]*(?: [A-ZÀ-ÖØ-Þ][\w'’.-]*){0,3}(?: and [^\n]{0,40})?[ \t]*$",
                     re.MULTILINE)


def furniture(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` that credit the outlet or the writer, not the story."""
    found = []
    dateline = DATELINE.match(text)
    if dateline and dateline.group(2):
        found.append(dateline.span(2))
    for pattern in (_CREDIT, _CONTACT, _BYLINE):
        for match in pattern.finditer(text):
            end = text.find("\n", match.start())
            found.append((match.start(), end if end >= 0 else len(text)))
    return found


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)
