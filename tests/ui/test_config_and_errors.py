"""A bad config file or a damaged library: said clearly, and the app still runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import Settings, load_settings
from reader.seeds import ensure_seeded
from reader.store import Store

from .conftest import SEED_TITLES, drain, highlighted, notifications, settle, titles, until


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('sort = "title"\ntheme = \n', 2, ["using defaults"]),
        (
            'theme = "textual-light"\nmark_read_on_open = "yes"\n',
            2,
            ["mark_read_on_open should be true or false", "'yes'", "using the default"],
        ),
        ('sort = "random"\n', 1, ["sort must be one of date, oldest, outlet, title"]),
        pytest.param(
            'theme = "textual-light"\n\nmark_read_on_open = "yes"\n',
            3,
            ["mark_read_on_open"],
            id="key-after-a-blank-line",
        ),
        pytest.param('\n\nsort = "random"\n', 3, ["sort must be"], id="key-after-leading-blank-lines"),
        ('colour = "red"\n', 1, ["unknown setting 'colour'"]),
        ('[keymap]\n"article.star" = 5\n', 2, ["keymap entry 'article.star'"]),
    ],
)
def test_load_settings_names_the_bad_line(tmp_path, text, line, words):
    path = write_config(tmp_path, text)
    settings, problems = load_settings(path)
    assert len(problems) == 1
    message = str(problems[0])
    assert problems[0].line == line
    assert message.startswith(f"{path}, line {line}: ")
    for word in words:
        assert word in message


def test_load_settings_keeps_the_good_settings_next_to_a_bad_one(tmp_path):
    settings, problems = load_settings(write_config(tmp_path, 'theme = "textual-light"\nmark_read_on_open = "yes"\n'))
    assert settings.theme == "textual-light"
    assert settings.mark_read_on_open is True
    assert len(problems) == 1


def test_load_settings_of_a_syntax_error_falls_back_to_all_defaults(tmp_path):
    settings, problems = load_settings(write_config(tmp_path, 'sort = "title"\ntheme = \n'))
    assert settings == Settings()
    assert "(at line" not in str(problems[0])


def test_missing_config_means_defaults(tmp_path):
    assert load_settings(tmp_path / "absent.toml") == (Settings(), [])


async def test_app_warns_about_the_bad_line_and_runs_with_defaults(start, tmp_path, home):
    path = write_config(tmp_path, 'mark_read_on_open = "yes"\n')
    settings, problems = load_settings(path)
    async with start(settings=settings, config_problems=problems) as pilot:
        app = pilot.app
        warnings = notifications(app, "warning")
        assert len(warnings) == 1
        assert warnings[0].startswith("Config problem: ")
        assert f"{path}, line 1" in warnings[0] and "mark_read_on_open" in warnings[0]
        assert titles(app) == SEED_TITLES
        # The default applies: opening marks read.
        await pilot.press("enter")
        await drain(pilot)
        assert app.services.store.state(highlighted(app).id).read


async def test_app_with_a_broken_config_file_still_starts(start, tmp_path):
    settings, problems = load_settings(write_config(tmp_path, "theme = \n"))
    async with start(settings=settings, config_problems=problems) as pilot:
        app = pilot.app
        assert app.theme == "textual-dark"
        assert len(titles(app)) == 5
        assert any("line 1" in n and "using defaults" in n for n in notifications(app, "warning"))


async def test_a_config_value_that_looks_like_markup_does_not_crash_the_app(start, tmp_path):
    settings, problems = load_settings(write_config(tmp_path, 'hide_read = "[/]"\n'))
    assert len(problems) == 1
    async with start(settings=settings, config_problems=problems) as pilot:
        assert pilot.app.is_running
        assert any("hide_read" in n for n in notifications(pilot.app, "warning"))


async def test_settings_choose_the_view_and_keys(start, tmp_path):
    path = write_config(tmp_path, 'sort = "title"\n[keymap]\n"article.star" = "f"\n')
    settings, problems = load_settings(path)
    assert problems == []
    async with start(settings=settings) as pilot:
        app = pilot.app
        assert titles(app) == sorted(SEED_TITLES, key=str.casefold)
        await pilot.press("f")
        await drain(pilot)
        assert app.services.store.state(highlighted(app).id).starred


def corrupt(home: Path, name: str = "read.json") -> Path:
    """A library used before, whose state file was then damaged."""
    ensure_seeded(Store.open(home))
    path = home / "state" / name
    path.write_bytes(b"\x00garbage{{{ not json")
    return path


async def test_corrupt_state_file_is_reported_by_name_and_the_app_keeps_running(start, home):
    path = corrupt(home)
    async with start() as pilot:
        app = pilot.app
        errors = notifications(app, "error")
        assert len(errors) == 1
        assert str(path) in errors[0]
        assert "unreadable" in errors[0] and "has not been changed" in errors[0]
        assert "READ-ONLY" in app.screen.sub_title
        await pilot.press("s", "j", "enter", "N", "t")
        await settle(pilot)
        assert app.is_running
        # Keys that would write say why nothing is saved.
        assert any("read-only" in n for n in notifications(app, "warning"))
    # The damaged file is left exactly as it was, for the user to recover.
    assert path.read_bytes() == b"\x00garbage{{{ not json"


async def test_corrupt_read_state_still_lists_the_articles_read_only(start, home):
    corrupt(home)
    async with start() as pilot:
        app = pilot.app
        assert "READ-ONLY" in app.screen.sub_title
        assert titles(app) == SEED_TITLES


async def test_corrupt_state_file_in_a_new_library_is_reported_once(home, start):
    (home / "state").mkdir(parents=True)
    path = home / "state" / "read.json"
    path.write_text("garbage", encoding="utf-8")
    async with start() as pilot:
        app = pilot.app
        await pilot.pause(0.5)  # a few polls of the store
        await settle(pilot)
        assert app.is_running
        errors = notifications(app, "error")
        assert errors and all(str(path) in n for n in errors)
        assert len(errors) == 1


async def test_an_unexpected_error_in_background_work_is_shown_and_the_app_goes_on(start, monkeypatch):
    # Expected failures (a damaged file...) are reported by the work itself; anything else a
    # worker raises reaches the app's one worker-error handler instead of vanishing.
    async with start() as pilot:
        app = pilot.app

        def broken_body(article):
            raise RuntimeError("the disk said something strange")

        monkeypatch.setattr(app.services.store, "body", broken_body)
        await pilot.press("j")
        # The body is read after a short pause in moving, by a worker: wait for its report.
        said = "Something went wrong (main.body): the disk said something strange"
        await until(pilot, lambda: any(said in n for n in notifications(app, "error")))
        assert any(said in n for n in notifications(app, "error"))
        assert app.is_running
        monkeypatch.undo()
        await pilot.press("j")
        await settle(pilot)
        assert highlighted(app).title == SEED_TITLES[2] and app.is_running


def test_an_app_that_ended_on_an_error_exits_with_a_failure_status(tmp_path, monkeypatch):
    from reader.tui import launch
    from reader.tui.app import BroadsheetApp

    def crash(self) -> None:  # as Textual leaves an app whose handler raised
        self._return_code = 1

    monkeypatch.setattr(BroadsheetApp, "run", crash)
    with pytest.raises(SystemExit) as ended:
        launch.run_app(home=tmp_path / "library", config=tmp_path / "none.toml")
    assert ended.value.code == 1


async def test_an_unknown_binding_id_in_the_keymap_is_reported_at_start(start, tmp_path):
    from reader.tui.keymap_check import keymap_problems

    path = write_config(tmp_path, '[keymap]\n"article.star" = "f"\n"no.such" = "x"\n')
    settings, problems = load_settings(path)
    problems += keymap_problems(settings, path)
    assert [str(p) for p in problems] == [
        f"{path}, line 3: keymap entry 'no.such' is not a binding id (the help, ?, lists them); ignored"]
    async with start(settings=settings, config_problems=problems) as pilot:
        assert any("'no.such' is not a binding id" in n for n in notifications(pilot.app, "warning"))


async def test_the_keymap_is_checked_after_start_from_the_config_file(start, tmp_path):
    # The check imports every screen to know the binding ids: it runs once the app is up.
    path = write_config(tmp_path, '[keymap]\n"no.such" = "x"\n')
    settings, problems = load_settings(path)
    assert problems == []
    async with start(settings=settings, config_path=path) as pilot:
        await until(pilot, lambda: any("line 2: keymap entry 'no.such' is not a binding id" in n
                                       for n in notifications(pilot.app, "warning")))
