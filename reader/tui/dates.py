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


#: Lists narrower than this (80 columns, or less) write a short date, and below NARROWEST show
#: none: a full one left the title three letters.
NARROW, NARROWEST = 44, 34
#: The compact form's formats, whatever the configured one: the day this year; for older
#: articles only the year, since a list sorted by date needs no more to place a row (the
#: reader's header has the full date). Six cells at most, like "45 min".
COMPACT_FORMAT, COMPACT_YEAR_FORMAT = "%d %b", "%Y"


def list_date(moment: datetime, now: datetime, date_format: str, relative: bool, width: int) -> str:
    """A date for a row of a list ``width`` cells wide, right-aligned in its column: in full,
    compact in a narrow list, or "" in the narrowest (the reader's header has it). Every list
    of articles or stories writes its dates so."""
    if width < NARROWEST:
        return ""
    if width >= NARROW:
        return f"{short_date(moment, now, date_format, relative):>11}"
    this_year = moment.astimezone().year == now.astimezone().year
    text = short_date(moment, now, COMPACT_FORMAT if this_year else COMPACT_YEAR_FORMAT, relative)
    return f"{text:>6}"
