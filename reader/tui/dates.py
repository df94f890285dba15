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
