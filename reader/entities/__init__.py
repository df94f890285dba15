"""Text -> entities: people, organisations and places per article, canonical across the library.

Nothing here imports Textual, and spaCy loads only when extraction first runs. The names below
are loaded on first use: the app's first screen needs the library's types, not the extraction
rules, their word lists and gazetteers, which a worker loads once the list is up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:
    from ..models.entities import KINDS, ArticleEntities, Entity, Mention, Occurrence, StoredEntities
    from .canonical import automatic_entities, canonicalise
    from .corrections import Correction, apply_corrections, stale
    from .extract import Extractor
    from .library import ArticleEntity, EntityLibrary
    from .model import MODEL_PACKAGE, ModelUnavailable
    from .prominence import Prominence, alias_index, lead_end, rank

#: Each public name and the module that defines it (``..models.entities`` for the value types).
_HOMES = {
    "KINDS": "..models.entities", "ArticleEntities": "..models.entities", "Entity": "..models.entities",
    "Mention": "..models.entities", "Occurrence": "..models.entities", "StoredEntities": "..models.entities",
    "automatic_entities": "canonical", "canonicalise": "canonical",
    "Correction": "corrections", "apply_corrections": "corrections", "stale": "corrections",
    "Extractor": "extract",
    "ArticleEntity": "library", "EntityLibrary": "library",
    "MODEL_PACKAGE": "model", "ModelUnavailable": "model",
    "Prominence": "prominence", "alias_index": "prominence", "lead_end": "prominence", "rank": "prominence",
}

__all__ = [
    "KINDS",
    "MODEL_PACKAGE",
    "ArticleEntities",
    "ArticleEntity",
    "Correction",
    "Entity",
    "EntityLibrary",
    "Extractor",
    "Mention",
    "ModelUnavailable",
    "Occurrence",
    "Prominence",
    "StoredEntities",
    "alias_index",
    "apply_corrections",
    "automatic_entities",
    "canonicalise",
    "lead_end",
    "rank",
    "stale",
]

__getattr__ = lazy_names(__name__, _HOMES, globals())
