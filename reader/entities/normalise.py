"""Text preparation before extraction, and the folded form names are compared in."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

# Characters that stand for a space: NBSP and its narrow cousin, the U+2000 spaces, ideographic.
_SPACES = {"\u00a0", "\u202f", "\u2007", "\u3000", "\t", "\u205f"} | {chr(c) for c in range(0x2000, 0x200B)}
# Characters that vanish: soft hyphens and zero-width marks split a name for the model but not
# for a reader.
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
# A link's number, as the text of a body shows it right after the link's words.
_LINK_MARK = re.compile(r"(?<=\S)\[\d{1,3}\]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})
# Letters Unicode does not decompose into a base letter and an accent, written in English news
# as these: "Søren Kjærgaard" is "Soren Kjaergaard", "Phạm Văn Đức" is "Pham Van Duc", and
# "Veðurstofa", "Łódź", "Þórshöfn" lose nothing a reader would miss.
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "đ": "d", "Đ": "D",
                          "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ł": "l", "Ł": "L", "ı": "i", "ħ": "h",
                          "Ħ": "H"})

#: What prepare changes in a body, and in a title (whose line breaks it joins): a text with
#: none of it is prepared as it is.
_CHANGED = re.compile(f"[{''.join(sorted(_SPACES | _INVISIBLE | {chr(13)}))}]|{_LINK_MARK.pattern}")
_CHANGED_JOINED = re.compile(f"[{''.join(sorted(_SPACES | _INVISIBLE | {chr(13), chr(10)}))}]|{_LINK_MARK.pattern}")


@dataclass(frozen=True, slots=True)
class Prepared:
    """Text ready for the model, with the way back to offsets in the original string."""

    text: str
    #: ``origin[i]`` is the original offset of ``text[i]``; one extra entry for the end.
    origin: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        # The end maps through the last character kept, so a span never swallows a removed one.
        return self.origin[start], self.origin[end - 1] + 1 if end > start else self.origin[start]


def prepare(text: str, *, join_lines: bool = False) -> Prepared:
    """Spaces made plain, invisible marks dropped; line breaks kept unless ``join_lines``.

    Body text keeps its line breaks: they separate blocks, captions and infobox fields, and no
    name runs across one. A headline's breaks are only layout, so titles are joined. The
    numbers that mark a link ("Antonio Ledezma[1]", as the reader shows links) are taken out:
    most outlets link the names in a story, and the mark would become part of the name.
    """
    if (_CHANGED_JOINED if join_lines else _CHANGED).search(text) is None:
        # Most articles have nothing to change: their offsets are their own (the same result as
        # the loop below, which takes a millisecond for a long article).
        return Prepared(text, tuple(range(len(text) + 1)))
    out: list[str] = []
    origin: list[int] = []
    marks = {i for found in _LINK_MARK.finditer(text) for i in range(*found.span())}
    for index, char in enumerate(text):
        if char in _INVISIBLE or (marks and index in marks):
            continue
        if char in _SPACES or (char == "\r"):
            char = " "
        elif char == "\n" and join_lines:
            char = " "
        out.append(char)
        origin.append(index)
    origin.append(len(text))
    return Prepared("".join(out), tuple(origin))


@lru_cache(maxsize=1 << 16)  # the same few thousand names are folded over and over
def fold(name: str) -> str:
    """The form two spellings of one name share: no accents, no case, plain punctuation."""
    if name.isascii():  # most names: the steps below that change ASCII, without the Unicode ones
        return " ".join(name.replace("`", "'").replace(".", "").casefold().replace("-", " ").split())
    name = name.translate(_APOSTROPHES).translate(_DASHES).translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = re.sub(r"[.]", "", stripped)
    return " ".join(stripped.casefold().replace("-", " ").split())


def fold_many(names: Iterable[str]) -> Iterator[str]:
    """``fold`` of each name, without its cache (for the gazetteer's hundred thousand names, which
    would only churn it) and quicker for the ASCII ones, which are most: the same result."""
    for name in names:
        if name.isascii():
            name = name.replace("`", "'").replace(".", "").casefold().replace("-", " ")
            yield " ".join(name.split())
        else:
            yield fold.__wrapped__(name)


@lru_cache(maxsize=1 << 16)
def plain(name: str) -> str:
    """Spaces collapsed and apostrophes unified, case and accents kept: the alias as displayed."""
    return " ".join(name.translate(_APOSTROPHES).split())


def words(name: str) -> list[str]:
    """The folded words of a name."""
    return fold(name).split()


def is_title_case(line: str) -> bool:
    """Whether a headline capitalises its words, which makes capitals useless as a name cue."""
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) >= 4]
    if len(long_words) < 2:
        return True
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= 0.7
