"""What one mention's surroundings say its kind is: the model's label, its head word, the
gazetteer, the nouns and verbs around it; each cue weighted against the model's own label."""

from __future__ import annotations

import re

from .bodies import body_votes
from .coordination import list_start
from .knowledge import knowledge
from .lexicon import ARTICLE_OPENERS, PLACE_PREPOSITIONS
from .namekinds import HEAD_WORD, doubted_label, head_kind, knowledge_votes
from .names import is_acronym, looks_like_person
from .normalise import fold
from .press import outlet_votes, press_votes
from .sites import site_votes
from .spans import Candidate
from .surroundings import (
    APPOSITION,
    NOUN_CUE,
    OFFICE_HOLDER,
    PLACE_NOUN_OF,
    listed_kind,
    noun_votes,
    office_before,
    person_clause,
)
from .whereabouts import place_votes
from .words import bare, previous_word

#: How much each cue weighs against the model's own label (1.0 per mention).
PLACE_OF = 2.5
PERSON_SHAPE = 0.6
PERSON_CLAUSE = 1.5
PLACE_PREPOSITION = 0.6
ACRONYM = 0.4
ARTICLE_NAME = 1.0
#: "Nurhayati, 52, who sold coconut water", "Ana Ruiz (34)": only people are given an age.
_AGE = re.compile(r"(?:, (?:aged )?\d{1,3},| \(\d{1,3}\))(?!\d)")
AGE = 2.0
#: "SpaceX", "LinkedIn", "TikTok": a capital inside a word is a brand's; a surname has one only
#: after a prefix ("McCarthy", "DeSantis", "LeBron", "O'Neill").
_CAMEL = re.compile(r"(?!Mc|Mac|D[eiu]|L[ae]|Van|Von)[A-Z]?[a-z]+[A-Z]")
CAMEL = 1.5


def _known_place_unnamed(name: str) -> bool:
    """"Agua Clara", "Viti Levu": a place the gazetteer knows by the whole name, opened by no given
    name, has a person's shape only as any two capitalised words have."""
    known = knowledge()
    return known.place(fold(name)) is not None and not known.given_name(fold(name.split()[0]))


def context_votes(text: str, candidate: Candidate) -> list[tuple[str, float]]:
    votes = list(candidate.votes)
    votes.extend(doubted_label(text, candidate))
    name = candidate.text
    head = head_kind(name)
    if head:
        votes.append((head, HEAD_WORD))
    votes.extend(knowledge_votes(name))
    votes.extend(noun_votes(text, candidate.start, candidate.end))
    votes.extend(outlet_votes(text, candidate.start, candidate.end))
    votes.extend(press_votes(text, candidate.start, candidate.end, name))
    votes.extend(body_votes(text, candidate.start, candidate.end, name))
    votes.extend(place_votes(text, candidate.start, candidate.end, name))
    votes.extend(site_votes(text, candidate.start, name))
    if looks_like_person(name) and head is None and not _known_place_unnamed(name):
        votes.append(("person", PERSON_SHAPE))
    if is_acronym(name):
        votes.append(("organisation", ACRONYM))
    elif " " not in name and _CAMEL.match(name):
        votes.append(("organisation", CAMEL))
    words = name.split()
    if len(words) >= 2 and fold(words[0]) in ARTICLE_OPENERS and knowledge().place(fold(name)) is None:
        votes.append(("organisation", ARTICLE_NAME))
    after = text[candidate.end:candidate.end + 12]
    if _AGE.match(text, candidate.end):
        votes.append(("person", AGE))
    if person_clause(after, name) or APPOSITION.match(text, candidate.end):
        votes.append(("person", PERSON_CLAUSE))
    # "families in Carrowbeg or Ballyvane": what stands before a list's first name is said of all of it.
    lead = list_start(text, candidate.start)
    if bare(previous_word(text, lead)) in PLACE_PREPOSITIONS and not is_acronym(name):
        votes.append(("place", PLACE_PREPOSITION))
    if PLACE_NOUN_OF.search(text, max(0, lead - 30), lead):
        votes.append(("place", PLACE_OF))
    listed = listed_kind(text, candidate.start)
    if listed is not None:
        votes.append((listed, NOUN_CUE))
    if looks_like_person(name) and office_before(text, candidate.start):
        votes.append(("person", OFFICE_HOLDER))
    return votes
