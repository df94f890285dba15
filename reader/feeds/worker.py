"""What runs in a parser process: a job parsed. Apart from the pool, so that a worker loads
neither asyncio nor the executor to unpickle it."""

from __future__ import annotations

from .parsed import ParseJob, ParseOutcome


def parse_job(job: ParseJob) -> ParseOutcome:
    """The parser (feedparser and our readers) is loaded where a job runs, so that the main
    process of a fetch that parses in worker processes, or whose feeds all answer 304, never
    loads it."""
    from .parse import parse_job as parse

    return parse(job)


def load_parser() -> None:
    """Run once in each worker as it starts: the parser is ready before the first feed arrives."""
    from . import parse  # noqa: F401
