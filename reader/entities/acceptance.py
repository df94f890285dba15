"""Whether a cleaned span may stand as a name at all: not junk, not a label, a heading's first
word, a common word that opens a sentence, a nationality or a work's title."""

from __future__ import annotations

import re

from .knowledge import knowledge
from .lexicon import FUNCTION_WORDS, NON_ENTITY_HEADS, PARTICLES, PORTFOLIO_FOLLOWERS, TITLES
from .normalise import fold
from .surroundings import described_after
from .words import at_sentence_start, bare, demonym, next_word, previous_word, whole_word_starts

#: Words that soften a title ("former President") but say nothing about who follows.
MODIFIERS = frozenset("former late ex acting interim incumbent outgoing then designate elect".split())
#: How common (Zipf) a one-word name that only ever opens sentences must be to be taken for an
#: ordinary word: "Turnout" (3.7), "Meanwhile"; not "Ipsos" (2.5).
COMMON_OPENER = 3.5
#: A model's number after a maker's name ("737", "A330"), not a year.
_MODEL_NUMBER = re.compile(r" (?!(?:19|20)\d\d\b)[A-Z]?\d{2,}[A-Za-z-]*\b")
#: One to five lower-case words ending where a bracketed acronym begins.
_LOWER_WORDS_BEFORE = re.compile(r"((?:[a-z][\w-]* ){1,5})\Z")
_LOWER_WORDS_END = re.compile(r"((?:[a-z][\w-]* ){0,4}[a-z][\w-]*)\Z")
_LAST_BREAK = re.compile(r"[^\w\- ][\w\- ]*\Z")
#: The Arabic article written low and hyphenated to the capitalised word it opens: "al-Sisi".
ARTICLE_PREFIX = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|ul)-[A-ZÀ-ÖØ-Þ]")
_JUNK = re.compile(r"[@#\\=<>]|(?<!\w)/|/(?!\w)|/\w*/|https?:|www\.|\.(?:com|org|net|png|jpg)\b", re.I)
#: A site named as its publisher names itself, capitalised and bare, is a name: "Sportacentrs.com
#: said" (an address in the copy has "www." or a path, or no capital).
SMALL_FIRST = re.compile(r"[a-z]{1,2}[A-Z]{2,}[A-Za-z]*")
_SITE = re.compile(r"[A-ZÀ-ÖØ-Þ][\w-]*\.(?:com|org|net)")


def _cited_source(text: str, end: int, name: str) -> bool:
    """"24ur showed", "15min reported": a figure and small letters, as a site or a station may be
    named, is a name when cited as a source (not "5pm", "3km" elsewhere)."""
    return _FIGURED.fullmatch(name) is not None and _CITED_AFTER.match(text, end) is not None


_FIGURED = re.compile(r"\d+[a-z]{2,}\w*")
_CITED_AFTER = re.compile(r" (?:said|says|reported|reports|showed|shows|broadcast|aired|wrote|published)\b")


def acceptable(text: str, start: int, end: int, name: str, kind: str | None) -> bool:
    if len(name) < 2 or (not any(c.isupper() for c in name) and not _cited_source(text, end, name)) \
            or (_JUNK.search(name) and not _SITE.fullmatch(name)):
        return False
    # (A broadcaster's "bTV" or "eNCA" opens with a small letter, as no other name does; a
    # surname may open low too: "Dr al-Zadjali said", after "Maryam al-Zadjali".)
    if not (name[0].isupper() or name[0].isdigit() or bare(name.split()[0]) in PARTICLES
            or SMALL_FIRST.fullmatch(name) or ARTICLE_PREFIX.match(name)):
        return False
    if not any(c.isalpha() for c in name):
        return False
    words = name.split()
    if all(_common(w) for w in words):
        return False
    if _field_label(text, start, end):
        return False  # "Residence: Caracas", "- Term End1: 30 July 2000"
    if bare(words[-1]) in NON_ENTITY_HEADS:
        return False  # "Sakharov Prize", "Madrid Charter": works and awards
    if len(words) == 1 and not name.isupper() and next_word(text, end) in PORTFOLIO_FOLLOWERS:
        return False  # "Communications minister": a portfolio, not an organisation
    if len(words) == 1 and at_sentence_start(text, start) and _used_lowercase(text, name):
        return False  # "Meanwhile, ...": an ordinary word that opens a sentence
    if len(words) == 1 and (kind in (None, "person") or (kind == "organisation" and _plural(name))) \
            and _common_opener(text, start, name) and not described_after(text, end):
        return False  # "Turnout was low": a common English word, capitalised only to open a sentence
    if len(words) == 1 and name.removesuffix("s") in _ROLE_ACRONYMS:
        return False  # "a French MEP", "two MPs", "the CEO": a role, written short
    if len(words) == 1 and name.isupper() and spells_common_words(text, name):
        return False  # "respiratory syncytial virus (RSV)": short for a thing, not a name
    if len(words) == 1 and name.isupper() and re.fullmatch(r"[A-Z]?\d+[A-Z]?", previous_word(text, start)):
        return False  # "737 MAX", "A350 XWB": a model's designation after its number
    if len(words) == 1 and _only_before_a_model(text, name):
        return False  # "two Boeing 737 aircraft": the maker's name is a product's here, each time
    if words[-1] == "No" and re.match(r"\.? ?\d", text[end:end + 3]):
        return False  # "Signal No. 5", "Gate No 3": a numbered label
    if len(words) == 1 and _spoken(text, name):
        return False  # "campaigned in Hindi, Maithili and Bhojpuri", "the Hindi daily": a language
    if len(words) <= 2 and demonym(name):
        return False  # "Guatemalan", "Antarctic", "Sri Lankan": a nationality or an adjective made from a place
    if len(words) == 1 and _opens_heading(text, start) and not _used_midsentence(text, name):
        return False  # "Escape from house arrest": a heading's first word
    return True


#: How a language named for its people ends: Malagas-y, Dan-ish, Javan-ese, Icelandic.
_NATIONAL_ENDINGS = ("y", "ish", "ese", "ic", "an", "i")
_ROLE_ACRONYMS = frozenset("MEP MP MLA MSP MHA CEO CFO COO CTO".split())
_LANGUAGE_NOUNS = r"(?:language|languages|speaking|speakers?|dialects?|translation|version|daily|press|media|service)"


def _spoken(text: str, name: str) -> bool:
    """A language's name used as one: after "in" or "speak", before "language" or "daily", or
    listed with another language ("Hindi, Maithili and Bhojpuri")."""
    known = knowledge()
    if not known.language(fold(name)) or known.place(fold(name)) is not None:
        return False
    word = re.escape(name)
    if re.search(rf"\b(?:in|speak|speaks|spoke|speaking|into) {word}\b|\b{word}[- ]{_LANGUAGE_NOUNS}\b", text):
        return True
    if fold(name).endswith(_NATIONAL_ENDINGS) and re.search(rf"\b{word} [a-z]{{3,}}", text):
        return True  # "Malagasy vanilla": a people's language named as their adjective
    for match in re.finditer(rf"(\w+)(?:, | and | or ){word}\b|\b{word}(?:, | and | or )(\w+)", text):
        other = match.group(1) or match.group(2)
        if other[:1].isupper() and other != name and known.language(fold(other)):
            return True
    return False


def _only_before_a_model(text: str, name: str) -> bool:
    """Every use of the word in the article stands before a model's number ("737", "A330"), not a
    year: the article speaks of the product, never of its maker."""
    ends = [start + len(name) for start in whole_word_starts(text, name)]
    return bool(ends) and all(_MODEL_NUMBER.match(text, end, end + 12) for end in ends)


def _common_opener(text: str, start: int, name: str) -> bool:
    """A word that opens a sentence, is common in English, never stands capitalised mid-sentence
    here and is no place: the model's "Turnout" or "Riot", not "Brazil" or "Ipsos"."""
    known = knowledge()
    return (not name.isupper() and at_sentence_start(text, start) and known.frequency(name) >= COMMON_OPENER
            and known.place(bare(name)) is None and not _used_midsentence(text, name))


def spells_common_words(text: str, acronym: str) -> bool:
    """Whether the text brings in an acronym after words written in lower case, each opening with
    one of its letters: a thing's or a substance's short form ("a glass fibre (GF) hull", "a bank
    verification number, or BVN")."""
    for introduced, before in ((f"({acronym})", _LOWER_WORDS_BEFORE), (f", or {acronym}", _LOWER_WORDS_END)):
        index = text.find(introduced)
        while index >= 0:
            match = before.search(text, _words_from(text, index), index)
            if match is not None:
                initials = "".join(w[0] for w in match.group(1).split()).upper()
                if initials.endswith(acronym[:1]) or acronym[0] in initials:
                    return True
            index = text.find(introduced, index + 1)
    return False


def _words_from(text: str, end: int) -> int:
    """Where a search for lower-case words before ``end`` may start: after the last character
    no such word or space can hold (within 200 characters; else the text's start)."""
    found = _LAST_BREAK.search(text, max(0, end - 200), end)
    return found.start() + 1 if found else 0


def _common(word: str) -> bool:
    """A function word, a title or a modifier; "AN" or "US" in capitals is an abbreviation."""
    if len(word) >= 2 and word.isupper():
        return False
    low = bare(word)
    return low in FUNCTION_WORDS or low in TITLES or low in MODIFIERS


def _opens_heading(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" =#-*•"):
        return False
    line_end = text.find("\n", start)
    line = text[start:line_end if line_end >= 0 else len(text)].strip(" =#")
    return len(line.split()) <= 8 and not line.endswith((".", "!", "?", ":", "”", '"'))


def _used_midsentence(text: str, name: str) -> bool:
    return any(not at_sentence_start(text, start) and not _opens_heading(text, start)
               for start in whole_word_starts(text, name))


def _field_label(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    label = re.match(r"[ \t]*[-*•]?[ \t]*[^:\n]{1,40}:(?: |$)", text[line_start:line_start + 60])
    return label is not None and line_start + label.end() > end


def _used_lowercase(text: str, name: str) -> bool:
    word = name.lower()
    return word != name and next(whole_word_starts(text, word), None) is not None


#: How common (Zipf) the singular of a capitalised word ending in -s must be for the word to be
#: taken for a plural: "household" (4.5) is, the "reuter" of Reuters (2.4) is no word.
PLURAL_OF = 3.0


def _plural(name: str) -> bool:
    """A common plural ("Households", "Customs"), which the model takes for a body at a sentence's
    start; a company's one-word name ("Shell") is seldom one, nor is a name that only ends like
    one ("Reuters reported ...": no "reuter" is an English word)."""
    return name.endswith("s") and not name.endswith("ss") and knowledge().frequency(name[:-1].lower()) >= PLURAL_OF
