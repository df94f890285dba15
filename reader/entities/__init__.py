"""Text -> entities: people, organisations and places per article, canonical across the library.

Nothing here imports Textual, and spaCy loads only when extraction first runs.
"""

from ..models.entities import KINDS, ArticleEntities, Entity, Mention, Occurrence, StoredEntities
from .canonical import automatic_entities, canonicalise
from .corrections import Correction, apply_corrections, stale
from .extract import Extractor, extract
from .library import ArticleEntity, EntityLibrary
from .model import MODEL_PACKAGE, ModelUnavailable
from .prominence import Prominence, alias_index, lead_end, rank

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
    "extract",
    "lead_end",
    "rank",
    "stale",
]
