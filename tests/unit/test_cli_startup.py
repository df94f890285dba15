"""A command loads only what it needs: the grammar of that command alone, and none of the heavy libraries."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from reader.annotations.incoming import FORMATS
from reader.annotations.model import KINDS
from reader.cli import HANDLERS, WITHOUT_STORE
from reader.cli.arguments import ANNOTATION_FORMATS, ANNOTATION_KINDS, FULL_TEXT_MODES, subcommands
from reader.cli.parser import COMMANDS, build_parser, command_word
from reader.models import FULL_TEXT_MODES as MODEL_FULL_TEXT_MODES

#: What the marking and reading commands must never load: the fetcher, the feed parser, the
#: entity model and the UI each take longer to import than the whole command may take.
HEAVY = ("httpx", "feedparser", "spacy", "textual")


def test_marking_and_reading_commands_import_no_heavy_library(tmp_path):
    home = str(tmp_path / "lib")
    code = (
        "import sys\nfrom reader.cli import main\n"
        f"home = {home!r}\n"
        "def run(*argv):\n"
        "    try:\n        main(['--home', home, *argv])\n    except SystemExit as exit_:\n"
        "        assert not exit_.code, (argv, exit_.code)\n"
        "run('tag', '5633610f9a', 'to-read')\n"
        # A None entry is an import refused, not a module loaded (the command line refuses httpx's CLI).
        "def loaded_now():\n    return {m.split('.')[0] for m, module in sys.modules.items() if module is not None}\n"
        f"loaded = loaded_now() & set({HEAVY!r})\n"
        "run('read', '5633'); run('star', '5633'); run('list'); run('show', '5633'); run('stats')\n"
        f"also = loaded_now() & set({HEAVY!r})\n"
        "print(sorted(loaded), sorted(also), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "[] []"


#: What a fetch never needs: the entity model and the UI, the comparison of stories (a fetch only
#: places articles), the word-frequency tables, and httpx's own command-line client.
NOT_FOR_FETCH = ("spacy", "textual", "wordfreq", "click", "pygments", "reader.entities", "reader.stories.comparison")


def test_fetch_loads_only_what_fetching_and_placing_need(tmp_path, feed_server):
    from tests.feedkit import rss

    url = feed_server.route("/feed.xml", body=rss("One", "1a", "1b"), etag='"v1"')
    home = str(tmp_path / "lib")
    code = (
        "import sys\nfrom reader.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit as exit_:\n    assert not exit_.code, exit_.code\n"
        "print(sorted(m for m, module in sys.modules.items() if module is not None and"
        f" (m.split('.')[0] in ('feedparser', 'httpx') or m.startswith({NOT_FOR_FETCH!r}))), file=sys.stderr)\n"
    )

    def run(*argv: str) -> list[str]:
        result = subprocess.run([sys.executable, "-c", code, "--home", home, *argv], cwd=tmp_path,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return eval(result.stderr.strip().splitlines()[-1])  # the list printed last

    run("feeds", "add", url, "--no-check")
    first = run("fetch", "--quiet")
    # The two new articles were parsed (in the parser processes, or here on a single core) with
    # none of the above, and left to be placed in their stories by a process of its own.
    assert {"httpx"} <= {m.split(".")[0] for m in first} <= {"feedparser", "httpx"}
    def listed(*argv: str) -> list[dict]:
        return json.loads(subprocess.run([sys.executable, "-m", "reader", "--home", home, *argv, "--json"],
                                         cwd=tmp_path, capture_output=True, text=True, timeout=60).stdout)

    fetched = {a["id"] for a in listed("list") if a["outlet"] == "One"}
    assert len(fetched) == 2 and fetched <= {i for story in listed("stories", "--all") for i in story["articles"]}
    # The feed answers 304: nothing to parse, so not even the feed parser is loaded.
    assert {m.split(".")[0] for m in run("fetch", "--quiet")} == {"httpx"}


def test_the_choices_written_into_the_grammar_are_the_cores():
    assert ANNOTATION_KINDS == KINDS
    assert ANNOTATION_FORMATS == FORMATS
    assert sorted(FULL_TEXT_MODES) == sorted(MODEL_FULL_TEXT_MODES)


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_commands_lists_every_command_in_the_grammars_order():
    assert tuple(_commands(build_parser())) == COMMANDS
    assert {name.split()[0] for name in [*HANDLERS, *WITHOUT_STORE]} == set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_one_commands_grammar_is_the_same_as_in_the_whole(name):
    whole, alone = _commands(build_parser())[name], _commands(build_parser(name))
    assert list(alone) == [name]
    for full, partial in zip([whole, *subcommands(whole)], [alone[name], *subcommands(alone[name])], strict=True):
        assert partial.prog == full.prog
        assert partial.format_help() == full.format_help()


@pytest.mark.parametrize("argv", [
    ["tag", "abc", "x", "y"], ["tag", "--query", "is:unread", "--yes", "x"], ["read", "-q", "a", "b"],
    ["star", "--feed", "f"], ["list", "--unread", "--tag", "t", "--limit", "3", "--json"], ["show", "abc", "--json"],
    ["stats"], ["-q", "stats"], ["--home", "/h", "--config", "/c", "list"], ["feeds", "add", "http://x", "--tag", "a"],
    ["views", "add", "n", "tag:x", "is:unread"], ["export", "annotations", "--format", "w3c"],
    ["fetch", "--per-host", "2"],
])
def test_one_commands_parser_reads_its_arguments_as_the_whole_does(argv):
    only = command_word(argv)
    assert only == next(a for a in argv if a in COMMANDS)
    assert build_parser(only).parse_args(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize("argv, expected", [
    (["tag", "abc", "x"], "tag"),
    (["--home", "/h", "tag", "abc", "x"], "tag"),
    (["--home=/h", "--config", "c", "-q", "list"], "list"),
    (["--ho", "/h", "stats"], "stats"),  # argparse takes an unambiguous prefix
    (["--qu", "read", "a"], "read"),
    (["--home", "list"], None),  # "list" is the folder: no command
    ([], None),
    (["--version"], None),
    (["--help", "tag"], None),
    (["-h"], None),
    (["--h", "x", "tag"], None),  # ambiguous: --help or --home, argparse says so
    (["--bogus", "tag"], None),
    (["-qh", "tag"], None),
    (["--quiet=1", "tag"], None),
    (["tagg"], None),  # an unknown command: the whole grammar lists the right ones
    (["help", "tag"], None),  # help and completion print from the whole grammar
    (["completion", "bash"], None),
    (["--", "tag"], None),
])
def test_command_word(argv, expected):
    assert command_word(argv) == expected
