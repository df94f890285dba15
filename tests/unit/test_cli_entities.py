"""`broadsheet analyse`, `entities` and `entity`: output, JSON, corrections and one-line errors."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from reader.cli import main
from reader.models import Block, Body
from reader.seeds import seed_drafts
from reader.store import Store
from tests.clikit import run_cli

WIKI = "Antonio Ledezma"  # the title of the seed that is Ledezma's encyclopedia entry


@pytest.fixture
def cli(capsys):
    return lambda *argv: run_cli(capsys, *argv)


@pytest.fixture(scope="module")
def analysed_home(tmp_path_factory) -> Path:
    """The seeds, analysed with the model once for the whole module."""
    home = tmp_path_factory.mktemp("analysed") / "library"
    with pytest.raises(SystemExit) as exit_:
        main(["--home", str(home), "analyse"])
    assert not exit_.value.code
    return home


@pytest.fixture
def analysed(analysed_home, tmp_path) -> Path:
    """A private copy of the analysed library, to correct and re-analyse."""
    return shutil.copytree(analysed_home, tmp_path / "analysed")


def ids_by_title(cli, home) -> dict[str, str]:
    return {a["title"]: a["id"] for a in cli("--home", home, "list", "--json").json()}


# Before anything is analysed ---------------------------------------------------------------


def test_entities_before_analysis_suggest_analysing(cli):
    text = cli("entities")
    assert text.code == 0 and "broadsheet analyse" in text.out and text.err == ""
    as_json = cli("entities", "--json")
    assert as_json.json() == [] and "broadsheet analyse" in as_json.err


def test_one_entity_before_analysis_is_an_error(cli):
    cli("entity", "Ledezma").assert_fails_with("no article has been analysed yet", "broadsheet analyse")


def test_analyse_without_the_model_prints_a_summary_on_a_pipe(cli, home):
    first = cli("analyse", "--no-model", "--limit", "2")
    assert first.code == 0 and first.err == ""
    # Not a terminal: no progress, only the summary.
    [line] = first.out.splitlines()
    assert line.startswith("analysed 2 articles in ")
    rest = cli("analyse", "--no-model")
    assert rest.out.startswith("analysed 3 articles in ")
    assert cli("analyse", "--no-model").out == "every article is analysed already\n"
    assert len(Store.open(home).entity_results()) == 5


# Listing and showing -----------------------------------------------------------------------


def test_entities_are_listed_one_aligned_line_each(cli, analysed_home):
    run = cli("--home", analysed_home, "entities")
    assert run.code == 0 and run.err == ""
    lines = run.out.splitlines()
    kind, mentions, *_ = lines[0].split()
    assert kind == "person" and int(mentions) > 50
    assert "Antonio Ledezma" in lines[0] and "Ledezma (" in lines[0]
    assert all(f"{i}" in lines[0] for i in ids_by_title(cli, analysed_home).values())
    # Columns line up: every name starts at the same place.
    starts = {line.index(line.split()[2]) for line in lines[:10]}
    assert len(starts) == 1
    places = cli("--home", analysed_home, "entities", "--type", "place").out.splitlines()
    assert places and all(line.startswith("place ") for line in places)
    assert any("Caracas" in line for line in places)


def test_entities_as_json(cli, analysed_home):
    entities = cli("--home", analysed_home, "entities", "--json").json()
    ledezma = entities[0]
    assert set(ledezma) == {"key", "name", "type", "hidden", "corrected", "mentions", "aliases", "articles"}
    assert ledezma["name"] == "Antonio Ledezma" and ledezma["type"] == "person"
    assert ledezma["mentions"] == sum(ledezma["aliases"].values()) and len(ledezma["articles"]) == 5
    assert [e["mentions"] for e in entities] == sorted((e["mentions"] for e in entities), reverse=True)
    kinds = {e["type"] for e in cli("--home", analysed_home, "entities", "--type", "organisation", "--json").json()}
    assert kinds == {"organisation"}


def test_the_entities_of_one_article_most_prominent_first(cli, analysed_home):
    article = ids_by_title(cli, analysed_home)[WIKI]
    rows = cli("--home", analysed_home, "entities", "--article", article[:6], "--json").json()
    assert rows[0]["name"] == "Antonio Ledezma"
    assert all(article in row["articles"] for row in rows)
    text = cli("--home", analysed_home, "entities", "--article", article).out.splitlines()
    assert "Antonio Ledezma" in text[0]
    cli("--home", analysed_home, "entities", "--article", "nosuchid").assert_fails_with("no article")


def test_one_entity_by_any_of_its_names(cli, analysed_home):
    run = cli("--home", analysed_home, "entity", "ledezma")
    assert run.code == 0 and run.err == ""
    lines = run.out.splitlines()
    assert lines[0] == "Antonio Ledezma" and lines[1].startswith("person · ")
    assert lines[2].startswith("Names: ") and "Ledezma (" in lines[2]
    assert any("Wikipedia" in line and WIKI in line for line in lines)
    assert any(line.startswith("Named with: ") and "Caracas" in line for line in lines)
    mentions = lines[lines.index("Mentions:") + 1:]
    assert mentions and all("[" in line and "]" in line for line in mentions)
    assert cli("--home", analysed_home, "entity", "ANTONIO LEDEZMA").out == run.out


def test_one_entity_as_json_with_its_articles_and_mentions(cli, analysed_home):
    data = cli("--home", analysed_home, "entity", "Maduro", "--json").json()
    assert data["name"] == "Nicolás Maduro" and data["type"] == "person"
    titles = {a["title"] for a in data["articles"]}
    assert WIKI in titles and all(a["outlet"] for a in data["articles"])
    assert data["cooccurring"][0]["articles"] >= 1
    body_mentions = [m for m in data["mentioned_at"] if m["part"] == "body"]
    assert len(data["mentioned_at"]) == data["mentions"]
    ids = ids_by_title(cli, analysed_home)
    text = Store.open(analysed_home).body(ids[WIKI]).text
    for mention in body_mentions:
        if mention["article"] == ids[WIKI]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
            assert f"[{mention['text']}]" in mention["context"]


def test_an_unknown_entity_is_a_one_line_error(cli, analysed_home):
    cli("--home", analysed_home, "entity", "Nobody Atall").assert_fails_with("Nobody Atall", "broadsheet entities")


# Corrections -------------------------------------------------------------------------------


def test_rename_retype_hide_and_show(cli, analysed):
    renamed = cli("--home", analysed, "entity", "Maduro", "--rename", "President Maduro")
    assert renamed.code == 0 and renamed.out.startswith("recorded: Nicolás Maduro is called President Maduro")
    assert cli("--home", analysed, "entity", "President Maduro", "--json").json()["corrected"] is True
    retyped = cli("--home", analysed, "entity", "Caracas", "--type", "organisation", "--json").json()
    assert retyped["entities"][0]["type"] == "organisation"
    assert cli("--home", analysed, "entity", "Spain", "--hide").code == 0
    names = [e["name"] for e in cli("--home", analysed, "entities", "--json").json()]
    assert "Spain" not in names and "President Maduro" in names
    everything = cli("--home", analysed, "entities", "--all").out
    assert any("Spain" in line and "[hidden]" in line for line in everything.splitlines())
    assert cli("--home", analysed, "entity", "Spain", "--hide").out == "Spain is already hidden\n"
    cli("--home", analysed, "entity", "spain", "--show")
    assert "Spain" in [e["name"] for e in cli("--home", analysed, "entities", "--json").json()]
    actions = [c.action for c in Store.open(analysed).entity_corrections()]
    assert actions == ["rename", "retype", "hide", "show"]
    said = cli("--home", analysed, "entity", "Caracas", "--type", "place")
    assert said.code == 0 and "Caracas is a place" in said.out, said.out
    said = cli("--home", analysed, "entity", "Caracas", "--type", "organisation")
    assert "Caracas is an organisation" in said.out, said.out


def test_merge_and_split(cli, analysed):
    merged = cli("--home", analysed, "entity", "MUD", "--merge", "OAS", "--json").json()
    aliases = merged["entities"][0]["aliases"]
    assert "OAS" in aliases and "MUD" in aliases
    cli("--home", analysed, "entity", "MUD", "--merge", "Organization of American States").assert_fails_with(
        "already a name of"
    )
    split = cli("--home", analysed, "entity", "Chávez", "--split", "Chávez", "--json").json()
    assert [e["name"] for e in split["entities"]] == ["Hugo Chávez", "Chávez"]
    assert "Chávez" not in split["entities"][0]["aliases"] and split["correction"]["action"] == "split"
    text = cli("--home", analysed, "entity", "Ledezma", "--split", "Ledzema").out.splitlines()
    assert text[0] == "recorded: Ledzema is an entity of its own" and "Ledzema" not in text[1] and "Ledzema" in text[2]
    cli("--home", analysed, "entity", "Maduro", "--split", "Rajoy").assert_fails_with("not one of the names")
    cli("--home", analysed, "entity", "Caracas", "--split", "Caracas").assert_fails_with("only name")
    cli("--home", analysed, "entity", "MUD", "--merge", "Nobody Atall").assert_fails_with("Nobody Atall")


def test_corrections_survive_analysing_again(cli, analysed):
    cli("--home", analysed, "entity", "Ledezma", "--rename", "Mayor Ledezma")
    wiki = next(d for d in seed_drafts() if d.title == WIKI)
    edited = Body(blocks=wiki.body.blocks + (Block("paragraph", "Ledezma later visited Lisbon."),))
    assert len(Store.open(analysed).add_articles([replace(wiki, body=edited)]).updated) == 1
    run = cli("--home", analysed, "analyse", "--no-model")
    assert run.out.startswith("analysed 1 article in ")
    entity = cli("--home", analysed, "entity", "Ledezma", "--json").json()
    assert entity["name"] == "Mayor Ledezma" and entity["corrected"] is True


def test_names_printed_are_sanitised(cli, analysed):
    run = cli("--home", analysed, "entity", "Caracas", "--rename", "Cara\x1b[2Jcas\u202e City")
    assert "\x1b" not in run.out and "\u202e" not in run.out
    listing = cli("--home", analysed, "entities").out
    assert "\x1b" not in listing and "Caracas City" in listing


def test_a_damaged_results_file_is_a_warning_not_an_error(cli, analysed):
    for path in (analysed / "entities").glob("*.json"):
        path.write_text("garbage")
    run = cli("--home", analysed, "entities")
    assert run.code == 0 and "broadsheet analyse" in run.out
    assert "unreadable" in run.err and "analysed again" in run.err


def test_entity_lists_say_how_many_articles_are_not_analysed_yet(capsys, make_draft):
    from reader.store import Store
    from tests.clikit import run_cli

    run_cli(capsys, "analyse")
    store = Store.open(Path(os.environ["BROADSHEET_HOME"]))
    store.add_articles([make_draft(0, title="Fresh story", body=Body(blocks=(Block("paragraph", "Maduro spoke."),)))])
    listing = run_cli(capsys, "entities")
    assert listing.code == 0 and "1 article not analysed yet" in listing.err
    assert "not analysed" not in listing.out  # a pipe reading the list gets only the list
