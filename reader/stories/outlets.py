"""The user's groups of outlets ("left", "right", "state media", "wire"...): their own naming,
kept with their data (``state/outlet_groups.json``); broadsheet ships no ratings."""

from __future__ import annotations

from ..ingest.sanitize import clean_line
from ..store import Store
from ..text import fold
from .errors import StoryError

MAX_GROUP = 40


class OutletGroups:
    """Outlet -> group. Writes take the store's lock, like the rest of the user's data."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._table = store.user_table("outlet_groups")

    def all(self) -> dict[str, str]:
        """Outlet (as the user wrote it) -> group."""
        return {doc["outlet"]: doc["group"] for doc in self._table.raw().values()}

    def of(self, outlets: list[str] | tuple[str, ...]) -> dict[str, str]:
        """The groups of these outlets (compared without case or accents); outlets in none left out."""
        by_key = {key: doc["group"] for key, doc in self._table.raw().items()}
        return {o: by_key[fold(o)] for o in outlets if fold(o) in by_key}

    def set(self, outlet: str, group: str) -> str | None:
        """Put an outlet in a group ("" takes it out of any); the group it was in before."""
        outlet = clean_line(outlet)
        if not outlet:
            raise StoryError("which outlet? give its name as `broadsheet outlets` lists it")
        group = clean_line(group)
        if len(group) > MAX_GROUP:
            raise StoryError(f"a group's name may be at most {MAX_GROUP} characters long")
        key = fold(outlet)
        with self.store.writing():
            before = self._table.raw().get(key)
            if group:
                self._table.put(key, {"outlet": outlet, "group": group})
            elif before is not None:
                self._table.delete(key)
        return before["group"] if before else None
