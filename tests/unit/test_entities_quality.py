"""Extraction quality against the hand-made gold: the seeds and four articles the rules never saw.

Run with ``-s`` to see the per-type tables; ``-k quality`` to run only these.
"""

from __future__ import annotations

import pytest
from entities_score import load_gold, run_system, score

from reader.entities import Extractor
from reader.entities.model import MODEL_PACKAGE, ModelUnavailable, shared_model


def _model_or_skip():
    try:
        return shared_model()
    except ModelUnavailable as error:
        pytest.skip(f"{MODEL_PACKAGE}: {error.reason}")


@pytest.fixture(scope="module", params=["seeds", "own"])
def model_report(request):
    _model_or_skip()
    gold = load_gold(request.param)
    found, entities = run_system(gold, Extractor())
    report = score(gold, found, entities)
    print(f"\n== {request.param} (model)\n{report.table()}")
    return request.param, report


@pytest.fixture(scope="module", params=["seeds", "own"])
def fallback_report(request):
    gold = load_gold(request.param)
    found, entities = run_system(gold, Extractor(load=None))
    report = score(gold, found, entities)
    print(f"\n== {request.param} (fallback)\n{report.table()}")
    return request.param, report


# Floors a little under what the rules reach today, so a change that costs quality fails here.
MODEL_FLOORS = {
    "seeds": {"typed": 0.97, "untyped": 0.98, "merge": 0.95, "merge_strict": 0.95},
    "own": {"typed": 0.95, "untyped": 0.97, "merge": 0.95, "merge_strict": 0.92},
}


def test_quality_with_the_model(model_report):
    group, report = model_report
    floors = MODEL_FLOORS[group]
    assert report.overall.f1 >= floors["typed"], report.table() + "\n" + "\n".join(report.errors)
    assert report.untyped.f1 >= floors["untyped"], report.table()
    for kind, counts in report.by_kind.items():
        assert counts.f1 >= 0.85, f"{kind}\n{report.table()}"
    ok, total = report.merge_found
    assert ok / total >= floors["merge"], report.table() + "\n" + "\n".join(report.errors)
    ok, total = report.merge_strict
    assert ok / total >= floors["merge_strict"], report.table()


def test_quality_of_the_fallback(fallback_report):
    group, report = fallback_report
    assert report.untyped.f1 >= 0.88, report.table()
    assert report.overall.f1 >= (0.84 if group == "seeds" else 0.74), report.table()


# The news sets the rules are tuned on, floors a little under what they reach: a change that
# costs quality on news in general, not only on the seeds, fails here. (Never the held-out set.)
NEWS_FLOORS = {
    "tune": {"typed": 0.935, "merge": 0.97, "merge_strict": 0.91},
    "tune2": {"typed": 0.89, "merge": 0.95, "merge_strict": 0.87},
    # Written after the rules were fitted to the two sets above: how they do on news they were
    # not fitted to. Keep its floors honest by fixing causes, never its articles.
    "tune3": {"typed": 0.935, "merge": 0.98, "merge_strict": 0.93},
    # Written after the rules were fitted to the three sets above, then fitted to in turn; as
    # were tune5, after the four, tune6, after the five, and tune7, after the six: each first
    # scored unseen, then tuned on. tune7 was measured unseen at typed 0.888, merge 0.864,
    # merge_strict 0.535; most of that strict gap was its gold listing "Mr Gantulga" where the
    # other sets list "Gantulga" (its README says what changed in its gold, and why).
    "tune4": {"typed": 0.91, "merge": 0.93, "merge_strict": 0.88},
    "tune5": {"typed": 0.90, "merge": 0.955, "merge_strict": 0.875},
    "tune6": {"typed": 0.885, "merge": 0.91, "merge_strict": 0.82},
    "tune7": {"typed": 0.905, "merge": 0.92, "merge_strict": 0.84},
    # tune8 was first scored unseen (typed 0.869, merge 0.914, merge_strict 0.757), then tuned on
    # (0.927, 0.968, 0.802); tune9 in turn (unseen 0.854, 0.864, 0.788; tuned 0.890, 0.902,
    # 0.814); tune10 was first scored unseen at typed 0.850, merge 0.793, merge_strict 0.657
    # (person 0.736, organisation 0.834, place 0.891), the floors below kept from that score.
    # tune11, written after tune10 was fitted to, was first scored unseen at typed 0.856, merge
    # 0.869, merge_strict 0.699 (person 0.809, organisation 0.817, place 0.900), the same before
    # and after the merge rules of that session; its floors are kept from that score.
    # Both were then tuned on: tune10 to typed 0.890, tune11 to 0.885 (merge 0.872,
    # merge_strict 0.718), with rules for places by their people and prepositions, legal forms
    # left out of a name, and outlets shaped as no person is named.
    # The next set written stays unseen until its first score is kept here.
    "tune8": {"typed": 0.905, "merge": 0.945, "merge_strict": 0.78},
    # (tune9 rose again, to 0.900, 0.922, 0.841, with the rules for a name's other name given
    # after it: "Energistyrelsen, as the agency is known".)
    "tune9": {"typed": 0.87, "merge": 0.90, "merge_strict": 0.82},
    # (Their merge floors rose with the rules for a company's two legal forms, a country's other
    # name, a person the model joined to a country, a Romance body by the word after its head,
    # given names beyond Latin-1 and Albanian places; together with the typing rules, tune10
    # to 0.894, 0.914, 0.769 and tune11 to 0.896, 0.922, 0.786.)
    "tune10": {"typed": 0.88, "merge": 0.90, "merge_strict": 0.75},
    "tune11": {"typed": 0.875, "merge": 0.885, "merge_strict": 0.76},
    # tune12, written after tune11 without running the extractor, scored unseen at typed 0.895,
    # merge 0.903, merge_strict 0.802 (person 0.828, organisation 0.883, place 0.923) on the
    # rules before tune11 was tuned on, and 0.897, 0.905, 0.819 after: its floors keep that score.
    "tune12": {"typed": 0.885, "merge": 0.895, "merge_strict": 0.80},
}


@pytest.mark.parametrize("group", sorted(NEWS_FLOORS))
def test_quality_on_the_tuning_news(group):
    _model_or_skip()
    gold = load_gold(group)
    found, entities = run_system(gold, Extractor())
    report = score(gold, found, entities)
    floors = NEWS_FLOORS[group]
    assert report.overall.f1 >= floors["typed"], report.table()
    ok, total = report.merge_found
    assert ok / total >= floors["merge"], report.table()
    ok, total = report.merge_strict
    assert ok / total >= floors["merge_strict"], report.table()
