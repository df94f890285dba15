"""The open article out of the app: its numbered links opened by number or from a list, the
article saved to a file or piped to a command, as newsboat does.

The text handed out is the article as the reader shows it, in Markdown, and reaches a command
only on its standard input: nothing from a feed is ever part of a command line or a shell.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from ....ingest.sanitize import clean_line, clean_text
from ....models import Article, Body
from ....store.files import write_atomically
from ....text import counted
from ...messages import Notice
from ...workers import run_in_thread
from ..dialogs import Choose, Prompt

if TYPE_CHECKING:
    from ...app import BroadsheetApp
    from . import MainScreen

#: A command the article is piped to gets this long before it is given up on.
PIPE_SECONDS = 60.0
#: Lines of what a command printed shown after it ran.
OUTPUT_LINES = 3


def article_markdown(article: Article, body: Body) -> str:
    """The article as Markdown: its title, who published it and when, its link, the text and
    its numbered links; every field cleaned of control characters."""
    lines = [f"# {clean_line(article.title)}", ""]
    byline = " · ".join(part for part in (clean_line(article.outlet), clean_line(article.author),
                                          f"{article.published:%d %B %Y}") if part)
    lines += [byline, ""]
    if article.url:
        lines += [f"<{clean_line(article.url)}>", ""]
    lines.append(clean_text(body.text))
    if body.links:
        lines += ["", "## Links", ""]
        lines += [f"[{number}]: {clean_line(url)}" for number, url in enumerate(body.links, 1)]
    return "\n".join(lines).rstrip() + "\n"


def default_path(article: Article) -> str:
    words = "".join(c if c.isalnum() else "-" for c in clean_line(article.title).lower()).split("-")
    name = "-".join(w for w in words if w)[:60] or "article"
    return str(Path("~") / f"{name}.md")


class ArticleOut:
    def __init__(self, app: BroadsheetApp, screen: MainScreen) -> None:
        self._app = app
        self._screen = screen

    def _open(self) -> tuple[Article, Body] | None:
        screen = self._screen
        if screen.current is None or screen.current_body is None:
            screen.notify("Open an article first (enter).", timeout=3, markup=False)
            return None
        return screen.current, screen.current_body

    def link(self, number: int) -> None:
        """1–9: open the article's link of that number in the browser."""
        if (shown := self._open()) is None:
            return
        links = shown[1].links
        if not 1 <= number <= len(links):
            said = "This article has no links." if not links else (
                f"This article has {counted(len(links), 'link')}; U lists them.")
            self._screen.notify(said, timeout=3, markup=False)
            return
        self._app.open_link(self._screen, links[number - 1])

    def links(self) -> None:
        """U: the article's links in a list; the one chosen opens in the browser."""
        if (shown := self._open()) is None:
            return
        links = shown[1].links
        if not links:
            self._screen.notify("This article has no links.", timeout=3, markup=False)
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                self._app.open_link(self._screen, links[index])

        choices = [f"[{number}] {clean_line(url)}" for number, url in enumerate(links, 1)]
        self._app.push_screen(Choose(f"Open which link of “{clean_line(shown[0].title)}”?", choices), chosen)

    def save(self) -> None:
        """Save the open article as a Markdown file, where the user says."""
        if (shown := self._open()) is None:
            return
        article, body = shown

        def where(answer: str | None) -> None:
            if not answer:
                return
            path = Path(answer).expanduser()
            text = article_markdown(article, body)

            def write() -> None:
                try:
                    write_atomically(path, text.encode("utf-8"))
                except OSError as error:
                    self._screen.post_message(Notice(f"Not saved: {error.strerror or error}", severity="error"))
                    return
                self._screen.post_message(Notice(f"Saved to {path}"))

            run_in_thread(self._screen, write, group="main.save-article")

        self._app.push_screen(Prompt("Save the article as Markdown to:", value=default_path(article),
                                     check=_folder_problem), where)

    def pipe(self) -> None:
        """Pipe the open article (Markdown, on standard input) to a command the user types."""
        if (shown := self._open()) is None:
            return
        article, body = shown

        def run(command: str | None) -> None:
            if not command:
                return
            text = article_markdown(article, body)
            run_in_thread(self._screen, lambda: self._run(command, text, article.title), group="main.pipe-article")

        self._app.push_screen(Prompt("Pipe the article to which command?", placeholder="e.g. wc -w, or lp",
                                     check=_command_problem), run)

    def _run(self, command: str, text: str, title: str) -> None:
        try:
            # The user's own command line, as their shell would split it; the article goes in on
            # stdin only. Output is not shown: the terminal belongs to the app.
            done = subprocess.run(shlex.split(command), input=text.encode("utf-8"), capture_output=True,
                                  timeout=PIPE_SECONDS, check=False, env=os.environ.copy())
        except FileNotFoundError:
            program = clean_line(shlex.split(command)[0])
            self._screen.post_message(Notice(f"No command called {program}.", severity="error"))
            return
        except (OSError, subprocess.TimeoutExpired) as error:
            self._screen.post_message(Notice(f"The command failed: {error}", severity="error"))
            return
        if done.returncode:
            said = clean_line(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:][0]
                              if done.stderr.strip() else "")
            self._screen.post_message(Notice(f"The command exited with {done.returncode}" + (f": {said}" if said
                                                                                             else "."),
                                             severity="warning"))
        else:
            # What the command printed, if a little (wc -w, a word count): shown as plain text.
            printed = [clean_line(line) for line in done.stdout.decode("utf-8", "replace").splitlines() if line.strip()]
            said = f"Piped “{clean_line(title)}” to {clean_line(command)}."
            if printed:
                shown = "\n".join(printed[:OUTPUT_LINES])
                said += "\n" + (shown if len(shown) <= 400 else shown[:399] + "…")
            self._screen.post_message(Notice(said, timeout=8))


def _folder_problem(answer: str) -> str | None:
    path = Path(answer).expanduser()
    if path.is_dir():
        return f"{path} is a folder: give a file name in it"
    if not path.parent.is_dir():
        return f"there is no folder {path.parent}"
    return None


def _command_problem(answer: str) -> str | None:
    try:
        return None if shlex.split(answer) else "give a command"
    except ValueError as error:
        return f"the command cannot be read: {error}"
