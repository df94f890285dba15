"""`broadsheet annotations --delete ID` and `--orphaned`: orphans found and removed from a script."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.store import Store
from tests.clikit import run_cli


@pytest.fixture
def cli(capsys):
    return lambda *argv: run_cli(capsys, *argv)


@pytest.fixture
def article(cli):
    rows = cli("list", "--json").json()
    return next(a["id"] for a in rows if a["title"].startswith("Exiled Caracas Mayor"))


def test_delete_removes_the_annotations_named_and_nothing_else(cli, article):
    cli("annotate", article, "--quote", "escaped house arrest", "--note", "How?")
    cli("annotate", article, "--note", "On the whole piece")
    rows = cli("annotations", "--json").json()
    highlight = next(r["id"] for r in rows if r["kind"] == "highlight")
    done = cli("annotations", "--delete", highlight)
    assert done.code == 0 and f"deleted highlight {highlight} “escaped house arrest”" in done.out
    assert [r["kind"] for r in cli("annotations", "--json").json()] == ["article-note"]


def test_an_unknown_id_deletes_nothing_and_says_so(cli, article):
    cli("annotate", article, "--quote", "escaped house arrest")
    [row] = cli("annotations", "--json").json()
    failed = cli("annotations", "--delete", row["id"], "--delete", "nosuchid")
    failed.assert_fails_with("nosuchid", "nothing was deleted")
    assert [r["id"] for r in cli("annotations", "--json").json()] == [row["id"]]


def test_orphaned_lists_only_highlights_whose_passage_is_gone(cli, article, home):
    cli("annotate", article, "--quote", "escaped house arrest")
    assert cli("annotations", "--orphaned", "--json").json() == []
    assert "no orphaned annotations" in cli("annotations", "--orphaned").out
    store = Store.open(home)
    [annotation] = store.annotations()
    store.restore_annotation(replace(annotation, orphaned=True))
    assert [r["id"] for r in cli("annotations", "--orphaned", "--json").json()] == [annotation.id]
    assert cli("annotations", "--delete", annotation.id).code == 0
    assert cli("annotations", "--json").json() == []
