"""What a fetch run reports: how each feed went, and the run as a whole."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..models import Feed


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """How one feed's fetch went, for the progress line and the CLI's report."""

    feed: Feed
    #: "updated" (new or changed items), "unchanged", "not modified" (304), "failed", "gone".
    state: str
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    error: str = ""
    warnings: tuple[str, ...] = ()
    elapsed: float = 0.0

    @property
    def failed(self) -> bool:
        return self.state in ("failed", "gone")


@dataclass(slots=True)
class RefreshReport:
    outcomes: list[FeedOutcome] = field(default_factory=list)
    elapsed: float = 0.0
    cancelled: bool = False

    @property
    def added(self) -> list[str]:
        return [i for o in self.outcomes for i in o.added]

    @property
    def updated(self) -> list[str]:
        return [i for o in self.outcomes for i in o.updated]

    @property
    def failed(self) -> list[FeedOutcome]:
        return [o for o in self.outcomes if o.failed]


Progress = Callable[[FeedOutcome, int, int], None]
