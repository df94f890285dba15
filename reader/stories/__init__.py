"""Stories: the accounts of one event from different outlets, grouped as articles arrive, and
compared (who each names and leaves out, how it labels people, whom it quotes, its own words).

Derived data (features, the grouping, parses) is in ``stories/`` beside the store and can be
rebuilt; what the user corrects and how they group outlets is their data, in ``state/``.

The names below are loaded on first use, so that a fetch, which leaves placing to a detached
process (``detached``), never loads the grouping (and NumPy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:
    from .corrections import StoryCorrection, StoryCorrections, new_story_id
    from .errors import BadCorrection, NoSuchStory, StoryError, StoryIndexBusy, StoryIndexDamaged
    from .index import StoryIndex, index_path
    from .library import Account, Story, StoryLibrary, public_id
    from .placing import PlaceReport, rebuild, sync
    from .records import Link

#: Each public name and the module that defines it.
_HOMES = {
    "StoryCorrection": "corrections", "StoryCorrections": "corrections", "new_story_id": "corrections",
    "BadCorrection": "errors", "NoSuchStory": "errors", "StoryError": "errors", "StoryIndexBusy": "errors",
    "StoryIndexDamaged": "errors",
    "Link": "records",
    "StoryIndex": "index", "index_path": "index",
    "Account": "library", "Story": "library", "StoryLibrary": "library", "public_id": "library",
    "PlaceReport": "placing", "rebuild": "placing", "sync": "placing",
}

__all__ = [
    "Account", "BadCorrection", "Link", "NoSuchStory", "PlaceReport", "Story", "StoryCorrection",
    "StoryCorrections", "StoryError", "StoryIndex", "StoryIndexBusy", "StoryIndexDamaged", "StoryLibrary",
    "index_path", "new_story_id", "public_id", "rebuild", "sync",
]

__getattr__ = lazy_names(__name__, _HOMES, globals())
