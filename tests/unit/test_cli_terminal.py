"""`broadsheet` at a terminal and in a pipe: progress bars, colour, confirmation prompts, completion."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import orjson
import pytest

from tests.feedkit import rss
from tests.ptykit import COLOUR, Terminal


def run_piped(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *argv], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})})


@pytest.fixture
def feeds(feed_server):
    """Three feeds, one failing, subscribed in the library $BROADSHEET_HOME names."""
    for name in ("one", "two"):
        url = feed_server.route(f"/{name}.xml", body=rss(name.title(), f"{name}-a", f"{name}-b"))
        assert run_piped("feeds", "add", url, "--no-check").returncode == 0
    bad = feed_server.route("/bad.xml", status=500)
    assert run_piped("feeds", "add", bad, "--no-check").returncode == 0
    return feed_server


# Progress ----------------------------------------------------------------------------------------


def test_fetch_on_a_terminal_draws_a_bar_with_counts_rate_and_time_left(feeds):
    terminal = Terminal("fetch")
    terminal.expect("fetched 3 feeds")
    assert terminal.finish() == 3
    shown = terminal.shown
    assert "fetching feeds" in shown and "3/3" in shown and "/s" in shown and "left" in shown
    assert "failed: HTTP 500" in shown and "4 new articles" in shown
    assert COLOUR.search(terminal.text), "the bar is in colour when NO_COLOR is not set"


def test_no_color_leaves_the_bar_without_colour(feeds):
    terminal = Terminal("fetch", env={"NO_COLOR": "1"})
    assert terminal.finish() == 3
    assert "3/3" in terminal.shown
    assert not COLOUR.search(terminal.text), terminal.text


def test_quiet_on_a_terminal_draws_no_bar(feeds):
    terminal = Terminal("fetch", "--quiet")
    assert terminal.finish() == 3
    assert "fetching feeds" not in terminal.shown and "3/3" not in terminal.shown
    assert "failed: HTTP 500" in terminal.shown and "fetched 3 feeds" in terminal.shown


def test_fetch_in_a_pipe_prints_only_errors_and_the_summary(feeds):
    run = run_piped("fetch")
    assert run.returncode == 3
    assert "\x1b" not in run.stdout + run.stderr
    assert run.stderr.count("\n") == 1 and "failed: HTTP 500" in run.stderr
    assert run.stdout.count("\n") == 1 and run.stdout.startswith("fetched 3 feeds")


def test_reindex_and_analyse_show_a_bar_on_a_terminal_and_a_summary_in_a_pipe():
    terminal = Terminal("reindex")
    assert terminal.finish() == 0
    assert "indexing for search" in terminal.shown and "5/5" in terminal.shown
    terminal = Terminal("analyse", "--no-model")
    assert terminal.finish() == 0
    assert "analysing with fallback" in terminal.shown and "5/5" in terminal.shown

    run = run_piped("reindex")
    assert (run.returncode, run.stderr) == (0, "") and run.stdout.startswith("indexed 5 articles in ")
    assert run.stdout.count("\n") == 1


# Confirmation ----------------------------------------------------------------------------------


def test_a_change_by_query_asks_on_a_terminal():
    terminal = Terminal("read", "--query", "ledezma")
    terminal.expect("Mark 5 articles read? [y/N]")
    terminal.send("y")
    assert terminal.finish() == 0
    assert "marked 5 articles read" in terminal.shown

    terminal = Terminal("star", "--query", "outlet:wikipedia")
    terminal.expect("Star 1 article? [y/N]")
    terminal.send("")
    assert terminal.finish() == 1
    assert "broadsheet: nothing was changed" in terminal.shown
    assert not any(a["starred"] for a in orjson.loads(run_piped("list", "--json").stdout))


def test_a_change_by_query_in_a_pipe_needs_yes():
    run = run_piped("unread", "--query", "ledezma")
    assert run.returncode == 2
    assert run.stderr == ("broadsheet: refusing to mark 5 articles unread without --yes: "
                          "there is no terminal to confirm on\n")


# Completion ------------------------------------------------------------------------------------


def complete(line: str, tmp_path, shell: str = "bash") -> list[str]:
    """What Tab offers at the end of ``line``, asked the way the completion scripts ask."""
    answers = tmp_path / "answers"
    env = {"_ARGCOMPLETE": "1", "_ARGCOMPLETE_SHELL": shell, "COMP_LINE": line, "COMP_POINT": str(len(line)),
           "_ARGCOMPLETE_IFS": "\n", "_ARGCOMPLETE_STDOUT_FILENAME": str(answers)}
    run = run_piped(env=env)
    assert run.returncode == 0, run.stderr
    return [word.strip() for word in answers.read_text().split("\n") if word.strip()]


def test_bash_loads_the_completion_script():
    script = run_piped("completion", "bash")
    assert script.returncode == 0
    command = f"source <({sys.executable} -m reader completion bash) && complete -p broadsheet"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "-F _python_argcomplete broadsheet" in result.stdout


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_loads_the_completion_script(tmp_path):
    script = tmp_path / "_broadsheet"
    script.write_text(run_piped("completion", "zsh").stdout)
    result = subprocess.run(["zsh", "-fc", f"autoload -U compinit && compinit -u && source {script}"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_loads_the_completion_script(tmp_path):
    script = tmp_path / "broadsheet.fish"
    script.write_text(run_piped("completion", "fish").stdout)
    # `broadsheet` may not be on PATH here: a function stands in for it, as the script calls it by name.
    command = (f"function broadsheet; {sys.executable} -m reader $argv; end; "
               f"source {script}; complete -C 'broadsheet fe'")
    result = subprocess.run(["fish", "-c", command], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    offered = dict(line.split("\t", 1) for line in result.stdout.splitlines())
    assert offered["fetch"] == "fetch feeds and store new and changed articles" and "feeds" in offered


def test_each_shell_gets_its_own_script():
    scripts = {shell: run_piped("completion", shell).stdout for shell in ("bash", "zsh", "fish")}
    assert "complete -o" in scripts["bash"] and "#compdef broadsheet" in scripts["zsh"]
    assert "complete --command broadsheet" in scripts["fish"]
    assert run_piped("completion", "tcsh").returncode == 2


def test_tab_completes_commands_options_feeds_tags_and_views(feeds, tmp_path):
    assert {"feeds", "fetch"} <= set(complete("broadsheet fe", tmp_path))
    assert {"--query", "--view", "--feed", "--yes"} <= set(complete("broadsheet read --", tmp_path))
    listed = orjson.loads(run_piped("list", "--json").stdout)
    run_piped("tag", listed[0]["id"], "venezuela", "oil")
    run_piped("views", "add", "Caracas", "caracas")
    assert set(complete("broadsheet list --tag ", tmp_path)) == {"venezuela", "oil"}
    assert set(complete("broadsheet list --tag v", tmp_path)) == {"venezuela"}
    assert complete("broadsheet delete --view ", tmp_path) == ["Caracas"]
    feed_ids = {f["id"] for f in orjson.loads(run_piped("feeds", "list", "--json").stdout)}
    assert set(complete("broadsheet fetch --feed ", tmp_path)) == feed_ids
    assert set(complete("broadsheet feeds remove ", tmp_path)) == feed_ids
