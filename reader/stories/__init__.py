"""Stories: the accounts of one event from different outlets, grouped as articles arrive, and
compared (who each names and leaves out, how it labels people, whom it quotes, its own words).

Derived data (features, the grouping, parses) is in ``stories/`` beside the store and can be
rebuilt; what the user corrects and how they group outlets is their data, in ``state/``.
"""

from .corrections import StoryCorrection, StoryCorrections, new_story_id
from .errors import BadCorrection, NoSuchStory, StoryError, StoryIndexBusy, StoryIndexDamaged
from .grouping import Link
from .index import StoryIndex, index_path
from .library import Account, Story, StoryLibrary, public_id
from .placing import PlaceReport, rebuild, sync

__all__ = [
    "Account", "BadCorrection", "Link", "NoSuchStory", "PlaceReport", "Story", "StoryCorrection",
    "StoryCorrections", "StoryError", "StoryIndex", "StoryIndexBusy", "StoryIndexDamaged", "StoryLibrary",
    "index_path", "new_story_id", "public_id", "rebuild", "sync",
]
