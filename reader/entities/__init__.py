"""Text -> entities: people, organisations and places per article, canonical across the library.

Nothing here imports Textual, and spaCy loads only when extraction first runs.
"""

from .canonical import automatic_entities, canonicalise
from .corrections import Correction, apply_corrections, stale
from .extract import Extractor, extract
from .model import MODEL_PACKAGE, ModelUnavailable
from .prominence import Prominence, alias_index, rank
from .types import KINDS, ArticleEntities, Entity, Mention, Occurrence

__all__ = [
    "KINDS",
    "MODEL_PACKAGE",
    "ArticleEntities",
    "Correction",
    "Entity",
    "Extractor",
    "Mention",
    "ModelUnavailable",
    "Occurrence",
    "Prominence",
    "alias_index",
    "apply_corrections",
    "automatic_entities",
    "canonicalise",
    "extract",
    "rank",
    "stale",
]
