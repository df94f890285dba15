"""Closing a screen with its result, once."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import Screen

T = TypeVar("T")


def close(screen: Screen[T], result: T) -> None:
    """Dismiss the screen with ``result``, unless it is already closing. Screen.dismiss pops
    whatever screen is on top: a second Enter that reaches a dialog before it is gone would
    close the screen beneath it, or crash on the last one ("Can't pop screen"), and hand its
    result over twice. Every screen closes through here (a test keeps it so)."""
    if screen.is_current:
        screen.dismiss(result)
