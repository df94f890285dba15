"""Dates as a reader wants them: "3 h" for this morning's news, a calendar date for older."""

from __future__ import annotations

from datetime import datetime


def short_date(moment: datetime, now: datetime, date_format: str, relative: bool = True) -> str:
    age = (now - moment).total_seconds()
    if relative and 0 <= age < 7 * 86400:
        if age < 3600:
            return f"{max(int(age // 60), 1)} min"
        if age < 86400:
            return f"{int(age // 3600)} h"
        return f"{int(age // 86400)} d"
    try:
        return moment.astimezone().strftime(date_format)
    except ValueError:
        return moment.strftime("%Y-%m-%d")


#: Lists narrower than this (80 columns, or less) write the year in two digits, and below
#: NARROWEST (80 with the sidebar open) show no date: a full one left the title three letters.
NARROW, NARROWEST = 44, 34
#: The compact form's format, whatever the configured one.
COMPACT_FORMAT = "%d %b %y"


def list_date(moment: datetime, now: datetime, date_format: str, relative: bool, width: int) -> str:
    """A date for a row of a list ``width`` cells wide, right-aligned in its column: in full,
    compact in a narrow list, or "" in the narrowest (the reader's header has it). Every list
    of articles or stories writes its dates so."""
    if width < NARROWEST:
        return ""
    wide = width >= NARROW
    text = short_date(moment, now, date_format if wide else COMPACT_FORMAT, relative)
    return f"{text:>{11 if wide else 9}}"
