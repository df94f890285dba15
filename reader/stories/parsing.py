"""Parsing the accounts of a story with spaCy's tagger and parser (the parts of the small
English model the entity worker leaves on disk), cached in the story index by content hash.

The command line reads in its own process. The app hands the parse to a worker process
(``ParseProcess``): the parser holds the GIL for most of its run, and in the app's process it
would stall the screen.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

import orjson

from ..entities.model import MODEL_PACKAGE, ModelUnavailable, one_blas_thread
from ..spawning import quiet_child, real_stderr
from ..store import Store, StoreError
from .index import StoryIndex
from .reading import VERSION, Reading, read_articles

if TYPE_CHECKING:
    from spacy.language import Language

#: Articles parsed per batch (and per progress step).
BATCH = 8

_parser: Language | ModelUnavailable | None = None
_parser_lock = threading.Lock()


def load_parser(package: str = MODEL_PACKAGE) -> Language:
    """The model with its tagger, parser and lemmatizer, once per process; raises
    ModelUnavailable with a reason when it cannot be loaded (remembered, not retried)."""
    global _parser
    with _parser_lock:
        if _parser is None:
            try:
                import spacy

                nlp = spacy.load(package, exclude=["ner", "senter"])
                if "parser" not in nlp.pipe_names:
                    raise ModelUnavailable(f"the model {package!r} has no parser")
                _register_paragraphs(spacy)
                nlp.add_pipe("broadsheet_paragraphs", before="parser")
                one_blas_thread()
                _parser = nlp
            except ModelUnavailable as error:
                _parser = error
            except ImportError:
                _parser = ModelUnavailable("spaCy is not installed (pip install spacy)")
            except OSError:
                _parser = ModelUnavailable(f"the model package {package!r} is not installed (pip install "
                                           f"{package.replace('_', '-')})")
            except Exception as error:  # a broken install fails in many ways: report, don't crash
                _parser = ModelUnavailable(f"the parser could not be loaded: {error}")
        if isinstance(_parser, ModelUnavailable):
            raise _parser
        return _parser


def _register_paragraphs(spacy: Any) -> None:
    """A pipeline step that starts a sentence at every line break: the parser would otherwise
    run a caption or a dateline into the next paragraph's sentence."""
    from spacy.language import Language

    if "broadsheet_paragraphs" in Language.factories:
        return

    @Language.component("broadsheet_paragraphs")
    def paragraphs(doc: Any) -> Any:
        for token in doc[1:]:
            before = doc[token.i - 1]
            if "\n" in before.text or "\n" in before.whitespace_:
                token.is_sent_start = True
        return doc


def read_texts(items: list[tuple[str, str]]) -> list[bytes]:
    """Readings of (title, text) pairs as JSON (what crosses from a worker process)."""
    nlp = load_parser()
    return [orjson.dumps(reading.to_json()) for reading in read_articles(nlp, items)]


def texts_of(store: Store, article_ids: Iterable[str]) -> dict[str, tuple[str, str, str]]:
    """article id -> (content hash, title, Body.text), for the articles still stored."""
    found = {}
    for article_id in article_ids:
        try:
            article = store.article(article_id)
            found[article_id] = (article.content_hash, article.title, store.body(article).text)
        except StoreError:
            continue
    return found


def cached(index: StoryIndex, texts: dict[str, tuple[str, str, str]]) -> dict[str, Reading]:
    rows = index.readings({i: t[0] for i, t in texts.items()}, VERSION)
    return {i: Reading.from_json(orjson.loads(data)) for i, data in rows.items()}


def read_now(
    index: StoryIndex,
    texts: dict[str, tuple[str, str, str]],
    progress: Callable[[int, int], None] | None = None,
    reader: Callable[[list[tuple[str, str]]], list[bytes]] = read_texts,
) -> dict[str, Reading]:
    """Readings of every article given: cached ones, the rest parsed (by ``reader``) and cached.
    Raises ModelUnavailable if parsing is needed and the model cannot be had."""
    found = cached(index, texts)
    missing = [i for i in texts if i not in found]
    for start in range(0, len(missing), BATCH):
        batch = missing[start:start + BATCH]
        data = reader([(texts[i][1], texts[i][2]) for i in batch])
        index.save_readings(((i, texts[i][0], d) for i, d in zip(batch, data, strict=True)), VERSION)
        found.update({i: Reading.from_json(orjson.loads(d)) for i, d in zip(batch, data, strict=True)})
        if progress:
            progress(min(start + BATCH, len(missing)), len(missing))
    return found


class ParseProcess:
    """One worker process that parses for the app, started on first use and kept for the next
    story (loading the model takes a second)."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def read(self, items: list[tuple[str, str]]) -> list[bytes]:
        with self._lock:
            if self._pool is None:
                with real_stderr():  # the app's stderr has no descriptor to hand on
                    self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                                     initializer=quiet_child)
            pool = self._pool
        future: Future[Any] = pool.submit(read_texts, items)
        result: list[bytes] = future.result()
        return result

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
