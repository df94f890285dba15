"""Snapshots of the main screens: the seeds on a fresh library, with the clock frozen.

Update with `pytest tests/ui/test_snapshots.py --snapshot-update`, after reading the report of
what changed (snapshot_report.html).
"""

from __future__ import annotations

import pytest

from .conftest import build_app, settle


@pytest.fixture
def seeded_app(home):
    """The app on a new library in tmp_path; its writer is stopped after the test."""
    app = build_app(home, poll_seconds=60)
    yield app
    app.services.writer.drain(10.0)
    app.services.writer.stop()


def after(*keys: str):
    """A run_before that waits for the library to load, presses ``keys`` and waits again."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run_before


class TestMainScreen:
    def test_seeds_at_80x24(self, snap_compare, seeded_app):
        assert snap_compare(seeded_app, terminal_size=(80, 24), run_before=after())

    def test_seeds_at_160x48(self, snap_compare, seeded_app):
        assert snap_compare(seeded_app, terminal_size=(160, 48), run_before=after())

    def test_article_open(self, snap_compare, seeded_app):
        assert snap_compare(seeded_app, terminal_size=(160, 48), run_before=after("j", "enter"))


class TestHelpScreen:
    def test_help_over_the_list(self, snap_compare, seeded_app):
        assert snap_compare(seeded_app, terminal_size=(120, 40), run_before=after("question_mark"))
