"""What runs in a parser process: a job parsed. Apart from the pool, so that a worker loads
neither asyncio nor the executor to unpickle it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .parsed import ParsedFeed, ParseJob, ParseOutcome

#: What a caller may have done to each parsed feed; its answer comes back as ParseOutcome.extra.
AfterParse = Callable[[ParsedFeed], Any]


def parse_job(job: ParseJob) -> ParseOutcome:
    """The parser (feedparser and our readers) is loaded where a job runs, so that the main
    process of a fetch that parses in worker processes, or whose feeds all answer 304, never
    loads it."""
    from .parse import parse_job as parse

    return parse(job)


def with_extra(outcome: ParseOutcome, after: AfterParse) -> ParseOutcome:
    if outcome.feed is None:
        return outcome
    try:
        return replace(outcome, extra=after(outcome.feed))
    except Exception:  # only an extra: the feed is stored all the same
        return outcome


def load_parser() -> None:
    """Run once in each worker as it starts: the parser is ready before the first feed arrives."""
    from . import parse  # noqa: F401
