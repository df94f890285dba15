"""`broadsheet stories`, `story`, `outlets`, `outlet` and `export story`: the JSON shapes, the
corrections (and that they survive a regroup), and one-line errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.cli import main
from tests.clikit import run_cli

DATA = Path(__file__).resolve().parents[1] / "data" / "stories" / "tune" / "articles"
SEED_OUTLETS = {"PanAm Post", "Venezuelanalysis", "Caracas Chronicles", "Breitbart"}


@pytest.fixture
def cli(capsys):
    return lambda *argv: run_cli(capsys, *argv)


@pytest.fixture(scope="module")
def library_home(tmp_path_factory) -> Path:
    """The seeds and the tune set's election and strike articles, imported and analysed once."""
    home = tmp_path_factory.mktemp("stories") / "library"
    files = sorted(DATA.glob("maravia-*.md")) + sorted(DATA.glob("bristol-*.md"))
    for argv in (["import", *map(str, files)], ["analyse"]):
        with pytest.raises(SystemExit) as done:
            main(["--home", str(home), *argv])
        assert not done.value.code
    return home


@pytest.fixture
def home(library_home, tmp_path) -> Path:
    return shutil.copytree(library_home, tmp_path / "library")


def test_stories_lists_every_story_with_its_articles_and_outlets(cli, home):
    stories = cli("--home", home, "stories", "--json").json()
    assert len(stories) == 4  # the seeds, the two election rounds, the strike
    for story in stories:
        assert {"id", "title", "articles", "outlets", "first", "last", "unread", "accounts"} <= set(story)
        assert story["id"].startswith("s") and len(story["articles"]) >= 2
    seeds = next(s for s in stories if set(s["outlets"]) == SEED_OUTLETS)
    assert seeds["unread"] == 4
    text = cli("--home", home, "stories")
    assert text.code == 0 and seeds["id"] in text.out and "4 accounts" in text.out
    everything = cli("--home", home, "stories", "--all", "--json").json()
    assert len(everything) > len(stories)  # the encyclopedia entry is a story of its own


def test_story_json_has_the_whole_comparison(cli, home):
    seeds = next(s for s in cli("--home", home, "stories", "--json").json() if set(s["outlets"]) == SEED_OUTLETS)
    data = cli("--home", home, "story", seeds["id"], "--json").json()
    assert [a["id"] for a in data["articles"]] == seeds["articles"]
    for article in data["articles"]:
        assert {"id", "outlet", "published", "why"} <= set(article)
    assert any(a["why"] and a["why"]["shared_terms"] for a in data["articles"])
    for entity in data["entities"]:
        assert {"name", "type", "by_outlet"} <= set(entity) and entity["type"] in ("person", "organisation", "place")
    assert data["entities"][0]["name"] == "Antonio Ledezma"
    assert all({"outlet", "entity"} <= set(o) for o in data["omissions"])
    assert all({"entity", "outlet", "article", "phrase"} <= set(lab) for lab in data["labels"])
    assert {"speaker", "outlet", "article", "text", "direct"} <= set(data["quotes"][0])
    assert any(q["direct"] is False for q in data["quotes"]) and any(q["speaker"] is None for q in data["quotes"])
    assert set(data["distinctive"]) == SEED_OUTLETS
    # The story can be named by any of its articles too.
    again = cli("--home", home, "story", seeds["articles"][1], "--json").json()
    assert again["id"] == data["id"]


def test_story_text_shows_the_sections(cli, home):
    seeds = next(s for s in cli("--home", home, "stories", "--json").json() if set(s["outlets"]) == SEED_OUTLETS)
    out = cli("--home", home, "story", seeds["id"]).out
    for heading in ("Coverage", "Who is named", "Left out", "Labels", "Quotes", "Distinctive wording"):
        assert f"\n{heading}" in out
    assert "Venezuelan fugitive" in out and "political prisoner" in out


def test_move_merge_split_rename_and_undo_and_they_survive_a_regroup(cli, home):
    stories = cli("--home", home, "stories", "--json").json()
    election = sorted((s for s in stories if not set(s["outlets"]) & SEED_OUTLETS and len(s["articles"]) == 5),
                      key=lambda s: s["first"])
    first, runoff = election[0], election[1]
    moved = first["articles"][-1]

    out = cli("--home", home, "story", first["id"], "--move", moved, "--to", runoff["id"])
    assert out.code == 0 and runoff["id"] in out.out
    after = {s["id"]: s for s in cli("--home", home, "stories", "--json").json()}
    assert moved in after[runoff["id"]]["articles"] and after[runoff["id"]]["corrected"]

    cli("--home", home, "story", runoff["id"], "--rename", "The Maravian runoff")
    cli("--home", home, "story", runoff["id"], "--merge", first["id"])
    merged = cli("--home", home, "story", runoff["id"], "--json").json()
    assert merged["title"] == "The Maravian runoff" and len(merged["articles"]) == 10

    split = cli("--home", home, "story", runoff["id"], "--split", *first["articles"][:2])
    assert split.code == 0
    own = cli("--home", home, "story", first["articles"][0], "--json").json()
    assert sorted(a["id"] for a in own["articles"]) == sorted(first["articles"][:2])

    # A regroup rebuilds the derived grouping; the corrections apply to it as before.
    before = sorted(sorted(s["articles"]) for s in cli("--home", home, "stories", "--json").json())
    rebuilt = cli("--home", home, "stories", "--rebuild", "--json").json()
    assert sorted(sorted(s["articles"]) for s in rebuilt) == before

    assert "undid" in cli("--home", home, "story", runoff["id"], "--undo").out
    back = cli("--home", home, "story", first["articles"][0], "--json").json()
    assert len(back["articles"]) == 10  # the split is taken back, the merge stays


def test_bad_story_commands_fail_with_one_line(cli, home):
    cli("--home", home, "story", "snothere").assert_fails_with("no story or article")
    seeds = next(s for s in cli("--home", home, "stories", "--json").json() if set(s["outlets"]) == SEED_OUTLETS)
    cli("--home", home, "story", seeds["id"], "--move", seeds["articles"][0]).assert_fails_with("--to")
    cli("--home", home, "story", seeds["id"], "--merge", seeds["id"]).assert_fails_with("itself")
    cli("--home", home, "story", seeds["id"], "--rename", "  ").assert_fails_with("needs a title")


def test_outlets_and_their_groups(cli, home):
    listed = {o["outlet"]: o for o in cli("--home", home, "outlets", "--json").json()}
    assert SEED_OUTLETS <= set(listed) and listed["Breitbart"]["group"] is None
    assert cli("--home", home, "outlet", "breitbart", "--group", "right").code == 0
    listed = {o["outlet"]: o for o in cli("--home", home, "outlets", "--json").json()}
    assert listed["Breitbart"]["group"] == "right"
    seeds = next(s for s in cli("--home", home, "stories", "--json").json() if set(s["outlets"]) == SEED_OUTLETS)
    data = cli("--home", home, "story", seeds["id"], "--json").json()
    assert data["groups"]["right"] == ["Breitbart"]
    cli("--home", home, "outlet", "Breitbart", "--group", "")
    assert {o["outlet"]: o for o in cli("--home", home, "outlets", "--json").json()}["Breitbart"]["group"] is None


def test_export_story_as_markdown_and_json(cli, home, tmp_path):
    seeds = next(s for s in cli("--home", home, "stories", "--json").json() if set(s["outlets"]) == SEED_OUTLETS)
    markdown = cli("--home", home, "export", "story", seeds["id"], "--format", "md").out
    assert markdown.startswith("# ") and "## Who is named" in markdown and "| Antonio Ledezma (person) |" in markdown
    # The quotes comparison: who each outlet lets speak, as the story screen shows it.
    speaks = markdown.split("## Who speaks\n", 1)[1].split("\n## ", 1)[0]
    assert "| outlet | speaker | direct quotes | words |" in speaks
    assert speaks.count("\n| ") >= 3 and markdown.index("## Who speaks") < markdown.index("## Quotes")
    out = tmp_path / "story.json"
    done = cli("--home", home, "export", "story", seeds["id"], "--format", "json", "--out", out)
    assert done.code == 0 and out.exists()
    import orjson

    assert orjson.loads(out.read_bytes())["id"] == seeds["id"]  # noqa: PLC0415
    cli("--home", home, "export", "story").assert_fails_with("which story")


def test_a_story_of_one_account_says_so_in_the_singular(cli, home):
    lone = next(s for s in cli("--home", home, "stories", "--all", "--json").json() if len(s["outlets"]) == 1)
    markdown = cli("--home", home, "export", "story", lone["id"], "--format", "md").out
    assert "\n1 account from 1 outlet, " in markdown
