"""Names of papers, broadcasters and pollsters, told by what they publish and where it appears:
"a survey by Ipsos", "the front page of Il Gazzettino", "said on France Inter radio"."""

from __future__ import annotations

import re

from .knowledge import knowledge
from .normalise import fold

# What a pollster, a data firm or a paper makes, and who made it or for whom: "a tally by
# Bloomberg", "projections by Ifop and Ipsos for TF1", "an Odoxa survey for Le Figaro". (A list
# of names after it is one of them too: "Surveys by Ipsos and Ifop".)
_WORK_BY = re.compile(
    r"\b(?:surveys?|polls?|polling|tally|projections?|estimates?|ratings|forecasts?|calculations|count|"
    r"analysis|data|figures|study|studies|report|investigation|documentary|broadcast|interview|editorial|"
    r"column|article|story|op-ed|commentary|podcast) (?:by|for|from|in) (?:the )?"
    r"(?:[A-ZÀ-ÖØ-Þ][\w'’-]*(?: [A-ZÀ-ÖØ-Þ][\w'’-]*)* (?:and|or) )?$"
)
# Where what a paper or a journal prints appears: "the front page of Il Gazzettino", "published
# in Nature", "quoted by Dawn".
_PRINTED_IN = re.compile(
    r"\b(?:front page|front pages|pages|columns|website|editor|editors|reporters?|correspondents?) of (?:the )?$"
    r"|\b(?:published|printed|aired|broadcast|quoted|cited|reported) (?:in|by|on) (?:the )?$"
)
# "said on France Inter radio", "Antenna 3 television": a broadcaster or a paper before its medium.
_MEDIUM_AFTER = re.compile(r" (?:radio|television|tv|newspaper|daily|weekly|magazine|broadcaster|channel)\b")
#: Each of these weighs as much as a noun that says what the name is.
OUTLET = 2.0


def outlet_votes(text: str, start: int, end: int) -> list[tuple[str, float]]:
    """An organisation's vote when the words around the name say it publishes or broadcasts."""
    window = max(0, start - 80)
    cued = bool(_WORK_BY.search(text, window, start) or _MEDIUM_AFTER.match(text, end))
    if not cued and _PRINTED_IN.search(text, window, start):
        place = knowledge().place(fold(text[start:end]))
        cued = place is None  # "published in Britain" is a place
    return [("organisation", OUTLET)] if cued else []
