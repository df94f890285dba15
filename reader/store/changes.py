"""What derived indexes (search, stories) ask the store: what changed since they last looked,
and the pieces of an article they keep an address of."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Body
from .storage import KeyedTable, open_tinydb

if TYPE_CHECKING:
    from .base import StoreBase
else:
    StoreBase = object


class ChangeMethods(StoreBase):
    """Mixed into Store."""

    def month_signatures(self) -> dict[str, list[int]]:
        """Each month's metadata file and its identity: a month whose identity moved has changed."""
        with self._mutex:
            return self.library.shard_signatures()

    def month_sizes(self) -> dict[str, int]:
        """Articles stored per month."""
        with self._mutex:
            return self.library.month_sizes()

    def body_at(self, month: str, ref: tuple[int, int]) -> Body:
        """An article's body from its address in the month's pack, without reading the month's
        metadata (bodies are append-only: an address never changes what it holds)."""
        with self._mutex:
            return self.library.bodies.read(month, ref)

    def user_signature(self) -> str:
        """Identity of the files holding tags and annotations: a change means re-reading them."""
        return self.user.signature_of_words()

    def user_table(self, name: str) -> KeyedTable:
        """``state/<name>.json``: a small file of the user's own records by key (saved views,
        story corrections...), written atomically under ``writing()`` like the rest of their data."""
        return open_tinydb(self.home / "state" / f"{name}.json", self.read_only).table(name)
