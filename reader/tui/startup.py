"""What the app tells the user as it starts, and the theme it starts in."""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from .messages import Notice
from .services import Services


def startup_notices(services: Services, read_only: str) -> list[Notice]:
    """The problems with the config, an upgraded library, and why it is read-only, if it is."""
    notices = [Notice(str(problem), title="Config problem", severity="warning", timeout=15)
               for problem in services.config_problems]
    if services.store.migration_backup:
        notices.append(Notice(f"The library was upgraded; the old version is kept in {services.store.migration_backup}",
                              timeout=10))
    if read_only:
        notices.append(Notice(read_only, title="Read-only", severity="error", timeout=15))
    return notices


def initial_theme(services: Services, available: Collection[str]) -> str:
    """The theme chosen last time, else the config's, else Textual's dark one."""
    try:
        remembered = services.store.session().get("theme")
    except Exception:  # noqa: BLE001 - an unreadable session must not stop the app
        remembered = None
    for theme in (remembered, services.settings.theme):
        if theme and theme in available:
            return theme
    return "textual-dark"


def check_keymap(services: Services, path: Path, post: Callable[[Notice], object]) -> None:
    """Post a notice for each [keymap] entry that names no binding; run in a thread, as it imports
    every screen."""
    from .keymap_check import keymap_problems

    for problem in keymap_problems(services.settings, path):
        post(Notice(str(problem), title="Config problem", severity="warning", timeout=15))
