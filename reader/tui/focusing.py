"""Moving the keyboard focus before the next key is handled."""

from __future__ import annotations

from textual.dom import NoScreen
from textual.widget import Widget


def focus_now(widget: Widget) -> None:
    """Give the widget the focus at once. Widget.focus() waits behind the messages already
    queued, and keys are among them: "/" then "ledezma" typed quickly, the letters went to
    the list as commands while the search box waited for its focus. No key may go astray,
    so every focus change in the app goes through here (a test keeps it so)."""
    try:
        screen = widget.screen
    except NoScreen:  # not mounted yet: nothing to type into
        return
    screen.set_focus(widget)
