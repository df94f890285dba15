"""The feed settings in config.toml: read when good, named with their line when not."""

from __future__ import annotations

import pytest

from reader.config import Settings, load_settings
from reader.store import Store
from reader.tui.services import Services


def test_feed_settings_are_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("refresh_minutes = 15\nfetch_concurrency = 8\nfetch_per_host = 2\n")
    settings, problems = load_settings(path)
    assert problems == []
    assert (settings.refresh_minutes, settings.fetch_concurrency, settings.fetch_per_host) == (15, 8, 2)


@pytest.mark.parametrize(
    "line, words",
    [
        ("refresh_minutes = -5", "refresh_minutes must be between 0 and 10080"),
        ("fetch_concurrency = 0", "fetch_concurrency must be between 1 and 256"),
        ("fetch_per_host = 1000", "fetch_per_host must be between 1 and 64"),
        ('refresh_minutes = "often"', "refresh_minutes should be a whole number"),
    ],
)
def test_bad_feed_settings_are_named_and_fall_back(tmp_path, line, words):
    path = tmp_path / "config.toml"
    path.write_text(f'theme = "textual-light"\n{line}\n')
    settings, problems = load_settings(path)
    assert [p.line for p in problems] == [2] and words in problems[0].message
    assert settings.theme == "textual-light"
    assert (settings.refresh_minutes, settings.fetch_concurrency, settings.fetch_per_host) == (0, 16, 4)


def test_the_app_fetches_with_the_configured_limits_and_interval(home):
    settings = Settings(refresh_minutes=30, fetch_concurrency=5, fetch_per_host=2)
    services = Services(store=Store.open(home), settings=settings)
    assert services.refresh_seconds == 1800
    assert (services.feeds.limits.concurrency, services.feeds.limits.per_host) == (5, 2)


def test_the_app_syncs_every_sync_minutes_fifteen_by_default_and_a_bad_value_is_named(home, tmp_path):
    assert Services(store=Store.open(home), settings=Settings()).sync_seconds == 900
    assert Services(store=Store.open(home), settings=Settings(sync_minutes=0)).sync_seconds == 0
    path = tmp_path / "config.toml"
    path.write_text("sync_minutes = -1\n")
    settings, problems = load_settings(path)
    assert settings.sync_minutes == 15 and "sync_minutes must be between 0 and 10080" in problems[0].message
