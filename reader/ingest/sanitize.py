"""The one sanitiser for untrusted text that may reach a terminal: clean_text and clean_line."""

from __future__ import annotations

import re

# Escape sequences go entirely, not just their ESC, so no "]52;c;..." debris is left behind.
# String commands (OSC, DCS, SOS, PM, APC) end at BEL or ST; an unterminated one is cut at the
# first control character, because a terminal would otherwise swallow everything after it.
_ESCAPES = re.compile(
    r"\x1b[\]PX^_][^\x00-\x1f\x7f-\x9f]*(?:\x07|\x1b\\|\x9c)?"  # OSC / DCS / SOS / PM / APC
    r"|\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves, screen clears
    r"|\x1b[ -/]*[0-~]"  # two- and three-byte escapes (ESC c resets the terminal)
)

# C0 controls except \t and \n (\r is normalised first), DEL, C1 controls, and the bidi
# overrides and isolates that can make text display in a different order than it reads.
# An 8-bit C1 introducer (U+009B...) is removed on its own: deleting it disarms the sequence,
# and swallowing "its" payload would eat real text in mis-decoded cp1252 documents.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+")

# Python strings hold surrogates only when something decoded with "surrogateescape"/"surrogatepass";
# they cannot be encoded for the terminal, so each becomes U+FFFD.
_SURROGATES = re.compile("[\ud800-\udfff]")

# Zalgo text piles dozens of marks on one letter and draws over neighbouring lines. Only the
# script-neutral combining blocks are capped: Hebrew points and Indic vowel signs may stack.
_COMBINING = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
MAX_COMBINING = 3
_COMBINING_RUN = re.compile(f"([{_COMBINING}]{{{MAX_COMBINING}}})[{_COMBINING}]+")

_NEWLINES = re.compile(r"\r\n?")

# One pass that finds nothing in almost all real text lets clean_text return it untouched: each
# regex pass costs about as much as this whole check, and most text needs none of them.
_SUSPECT_CHARS = f"\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff{_COMBINING}"
_SUSPECT = re.compile(f"[{_SUSPECT_CHARS}]")
#: Every character str.split() and str.isspace() take for whitespace, but the plain space.
OTHER_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)
_NOT_PLAIN = re.compile(f"[{OTHER_SPACES}{_SUSPECT_CHARS}]")

# Invisible in a one-line field, where they only serve to disguise a title or name: zero-width
# spaces and joiners, directional marks, word joiner and invisible operators, BOM, soft hyphen,
# Mongolian vowel separator, and the Unicode tag characters used to smuggle hidden text.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff\U000e0000-\U000e007f]+")


def clean_text(s: str) -> str:
    """Strip from multi-line text everything that could drive or confuse a terminal.

    Keeps \\n and \\t, turns \\r\\n and \\r into \\n, removes escape sequences whole, other
    control characters, NUL and bidi overrides/isolates, replaces lone surrogates with U+FFFD
    and keeps at most three combining marks in a row. Rich markup is left alone on purpose:
    stored text is never parsed as markup.
    """
    if not s:
        return ""
    if "\r" in s:
        s = _NEWLINES.sub("\n", s)
    if "\x1b" in s:
        s = _ESCAPES.sub("", s)
    if _SUSPECT.search(s) is None:
        return s
    s = _CONTROLS.sub("", s)
    s = _SURROGATES.sub("\ufffd", s)
    return _COMBINING_RUN.sub(r"\1", s)


def is_plain_line(s: str) -> bool:
    """True when s is already what clean_text and collapsing its whitespace would make of it:
    words parted by single spaces, no space at either end, nothing clean_text removes. One
    scan, where collapsing and cleaning cost several (most running text passes)."""
    return (_NOT_PLAIN.search(s) is None and "  " not in s and s[:1] != " " and s[-1:] != " ")


def clean_line(s: str) -> str:
    """Clean a one-line field (title, author, alt text): clean_text, minus invisible characters,
    with every run of whitespace (newlines, tabs, non-breaking spaces) made one space."""
    if not s:
        return ""
    s = _INVISIBLE.sub("", clean_text(s))
    # str.split() splits on all Unicode whitespace: \t, \n, NBSP, the U+2000 spaces, U+3000...
    return " ".join(s.split())
