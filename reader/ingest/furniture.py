"""Page furniture that copy-pasted or scraped articles carry along, and how to recognise it."""

from __future__ import annotations

import re

# Each pattern must match a whole (stripped) line. They describe the common boilerplate of
# comment forms, newsletter boxes, donation appeals and share bars in general terms, so that
# other outlets' wording is caught too; a line of real prose will not match a whole pattern.
FURNITURE_PATTERNS: tuple[str, ...] = (
    # Comment forms (WordPress and similar).
    r"please enter your (comment|name|e-?mail( address)?|website)( here)?[.!]?",
    r"please let us know if you('| a)re having (issues|problems|trouble) with comment(s|ing)\.?",
    r"(leave a (reply|comment)( cancel reply)?|cancel reply|post comment|submit comment)\.?",
    r"you must be logged in to post a comment\.?",
    r"save my name,? e-?mail,? and website in this browser.*",
    r"comments? (are|is) closed\.?",
    # Newsletter boxes.
    r"(subscribe|sign up)( free| now| today)? (to|for) (our|the) (free )?([\w-]+ ){0,3}"
    r"newsletters?[.!]?",
    r"(sign up|subscribe)( here| now| today)? (to|and) (get|receive) .{0,80}"
    r"(newsletter|inbox|e-?mail|updates)[.!]?",
    r"you (can|may) unsubscribe at any time\.?",
    r"(get|receive) .{0,60} delivered (directly |straight )?to your inbox\.?",
    # Donation appeals: "<Outlet> is 100% reader-supported. Support ... by making a donation."
    r".{0,60}\b(reader|listener|member|viewer)[- ]supported\b.{0,120}"
    r"\b(donat\w*|support\w*)\b.*",
    r"(please )?(consider )?support(ing)? (our|independent) .{0,80}\bby "
    r"(making a donation|donating|becoming a (member|patron|subscriber)|subscribing)\b.*",
    # Share bars and ad slots left as bare words.
    r"(share|share this|share this article|tweet this|print|e-?mail this)( on \w+)?:?",
    r"advertisement|sponsored content|related articles?:?|read more:?",
)

_FURNITURE = re.compile("|".join(f"(?:{p})" for p in FURNITURE_PATTERNS), re.IGNORECASE)

# A language switcher ("Español", "English"...) that lost its link and got glued to the first
# word of the article. It only counts when fused to the next word (a capital or opening quote
# right after it) or standing alone, so "English football" in prose is left intact.
_LANGUAGE_LINK = re.compile(
    r"^(?:Español|English|Português|Français|Deutsch|Italiano)(?:(?=[A-ZÁÉÍÓÚÑ¿¡“\"])|\s*$)"
)

# A free-standing "()" (not a call like "f()"), or an opening bracket that lost its link text
# and closing bracket and now stands right before a dash: in a dateline, the outlet's name
# ("Caracas, November 20, 2017 (venezuelanalysis.com) –") is usually that lost link.
_EMPTY_BRACKETS = re.compile(r"(?:(?<=\s)|^)\(\s*\)\s?|\(\s+(?=[–—]\s)")

# Wire-photo credits ("AP Photo/Ricardo Mazalan", "Photo: Reuters", "(Flickr)"). They are kept as
# a paragraph of their own, so a reader still sees who took the picture, rather than being glued
# onto the caption line above them or dropped.
_PHOTO_CREDIT = re.compile(
    r"^(?:[\w.&' -]{1,40} (?:Photo|Images?|Pictures?)\s*/\s*[\w.' -]{1,60}"
    r"|(?:Photo|Image|Picture|Credit|Foto)s?(?: credit)?\s*:\s*.{1,80}"
    r"|\((?:Flickr|Twitter|Facebook|Instagram|Wikimedia Commons|Getty Images|AFP|AP|Reuters)\))$",
    re.IGNORECASE,
)


def is_furniture(line: str) -> bool:
    """Whether a whole line is page boilerplate rather than article text."""
    return _FURNITURE.fullmatch(line.strip()) is not None


def strip_link_debris(text: str) -> str:
    """Drop what lost links leave in a paragraph: a language switch fused to its first word,
    brackets emptied of their link text ("Caracas, November 20, 2017 ( – Former...")."""
    text = _LANGUAGE_LINK.sub("", text, count=1)
    return _EMPTY_BRACKETS.sub("", text)


def is_photo_credit(line: str) -> bool:
    return _PHOTO_CREDIT.match(line.strip()) is not None
