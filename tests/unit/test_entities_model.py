"""The recogniser as the extractor sets it up labels what spaCy's own setup labels."""

from __future__ import annotations

import pytest
from entities_score import load_gold

from reader.entities.model import _KEPT, MODEL_PACKAGE, ModelUnavailable, RawSpan, shared_model


def test_numpy_products_find_the_spans_the_bundled_blis_finds():
    try:
        model = shared_model()
    except ModelUnavailable as error:
        pytest.skip(f"{MODEL_PACKAGE}: {error.reason}")
    import spacy
    from thinc.api import NumpyOps

    texts = [article.text for group in ("seeds", "own", "tune") for article in load_gold(group)]
    stock = spacy.load(MODEL_PACKAGE, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter",
                                               "morphologizer", "tok2vec"])
    ner = stock.get_pipe("ner")
    assert not any(isinstance(node.ops, NumpyOps) and not node.ops.use_blis for node in ner.model.walk())
    expected = [[RawSpan(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in _KEPT]
                for doc in stock.pipe(texts, batch_size=8)]
    assert model.spans(texts) == expected


def test_the_model_runs_with_one_blas_thread():
    # Two BLAS threads on the model's small matrices took twice the CPU of one and more wall
    # time; a process that loaded numpy before the model must still get one.
    try:
        shared_model()
    except ModelUnavailable as error:
        pytest.skip(f"{MODEL_PACKAGE}: {error.reason}")
    from threadpoolctl import threadpool_info

    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)
