"""One list of commands feeds the keys and the command palette, so a remapped key shows in both.

Each command is a binding (its id, default keys, the action, a short label for the footer and
help) and a palette entry titled "category: what it does". Screens build their BINDINGS from
these lists; the palette lists the commands of the screen it was opened on, with the keys that
are bound to them now (after the user's keymap).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.keys import key_to_character
from textual.screen import Screen


def describe_keys(keys: str) -> str:
    """Keys as a person writes them: "/" for slash, "]" for right_square_bracket, "j, down" for
    "j,down"; named keys (down, enter, ctrl+b) as named."""
    return ", ".join(_key_name(k.strip()) for k in keys.split(","))


#: Names key_to_character does not turn into their character.
_CHARACTERS = {"slash": "/", "plus": "+", "minus": "-"}


def _key_name(key: str) -> str:
    if key in _CHARACTERS:
        return _CHARACTERS[key]
    character = key_to_character(key)
    return character if character is not None and character.isprintable() and not character.isspace() else key


@dataclass(frozen=True)
class Command:
    #: The binding id, which the keymap in config.toml names ("article.star").
    id: str
    keys: str
    action: str
    #: Short, for the footer and the help screen.
    label: str
    #: For the palette: its title after the category, and a line of help.
    title: str = ""
    help: str = ""
    category: str = ""
    show: bool = False
    priority: bool = False
    key_display: str | None = None

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.label, show=self.show, priority=self.priority,
                       key_display=self.key_display, tooltip=self.help, id=self.id)

    @property
    def in_palette(self) -> bool:
        return bool(self.title)

    @property
    def palette_title(self) -> str:
        return f"{self.category or self.id.split('.')[0]}: {self.title}"


def cursor_bindings(prefix: str) -> list[BindingType]:
    """The keys that move a list's cursor, the same in every list; ids under ``prefix`` so
    each list's can be remapped on its own."""
    return [
        Binding("j,down", "cursor_down", "Down", show=False, id=f"{prefix}.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id=f"{prefix}.up"),
        Binding("g,home", "cursor_first", "First", show=False, id=f"{prefix}.first"),
        Binding("G,end", "cursor_last", "Last", show=False, id=f"{prefix}.last"),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False, id=f"{prefix}.page_down"),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id=f"{prefix}.page_up"),
    ]


def bindings(commands: Iterable[Command]) -> list[BindingType]:
    return [command.binding() for command in commands]


def bound_keys(screen: Screen, binding_id: str) -> str:
    """The keys that run a binding on this screen now (after the keymap), for the palette."""
    keys = [key for key, active in screen.active_bindings.items() if active.binding.id == binding_id]
    return describe_keys(",".join(keys)) if keys else ""


def palette_entries(screen: Screen, commands: Sequence[Command], run) -> Iterable[SystemCommand]:
    """The commands as palette entries; ``run(action)`` runs one the way its key does."""
    for command in commands:
        if not command.in_palette:
            continue
        keys = bound_keys(screen, command.id)
        help_text = f"{command.help} ({keys})" if keys else command.help
        yield SystemCommand(command.palette_title, help_text, lambda action=command.action: run(action))
