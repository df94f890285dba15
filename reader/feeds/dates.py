"""Entry dates: read them as aware UTC datetimes and refuse the ones that cannot be true."""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from ..ingest.sanitize import clean_line

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: Clocks and time zones are often off by hours; a date further ahead than this is wrong.
FUTURE_SLACK = timedelta(days=1)
MAX_RAW_CHARS = 200


def from_struct(value: time.struct_time | None) -> datetime | None:
    """feedparser's parsed date (a UTC struct_time) as an aware datetime; None if impossible."""
    if value is None:
        return None
    try:
        # A leap second (60) is real in feeds but not in datetime.
        return datetime(*value[:5], min(value[5], 59), tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def from_text(raw: str) -> datetime | None:
    """An RFC 3339 / ISO 8601 date (JSON Feed's format), or an RFC 822 one as feeds misuse."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):  # year 1 minus a positive offset, and the like
        return None


def choose_published(
    candidates: Iterable[tuple[str, datetime | None]], now: datetime
) -> tuple[datetime | None, str]:
    """The first believable date among (raw, parsed) pairs, best first (published, updated).

    Returns (date, "") when one is believable, else (None, the first raw string given): a date
    before 1970 or more than a day ahead of now is a typo or a broken clock, and the store
    falls back on the time it first saw the entry.
    """
    first_raw = ""
    for raw, parsed in candidates:
        if parsed is not None and EPOCH <= parsed <= now + FUTURE_SLACK:
            return parsed, ""
        if not first_raw and raw.strip():
            first_raw = clean_line(raw)[:MAX_RAW_CHARS]
    return None, first_raw
