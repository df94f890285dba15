"""Settings from the user's TOML file: read once at start, passed in, never global."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

DEFAULT_THEME = "textual-dark"
#: "date" is newest first, "oldest" the same reversed (for reading a backlog in order).
SORT_ORDERS = ("date", "oldest", "outlet", "title")

@dataclass(frozen=True)
class Settings:
    theme: str = DEFAULT_THEME
    mark_read_on_open: bool = True
    date_format: str = "%d %b %Y"
    relative_dates: bool = True
    sort: str = "date"
    hide_read: bool = False
    refresh_minutes: int = 0
    #: Minutes between the app's syncs with the sync account, when one is set up (0: only on Y).
    sync_minutes: int = 15
    fetch_concurrency: int = 16
    fetch_per_host: int = 4
    #: Whether full text and saved pages may be fetched from hosts on private, loopback or
    #: link-local addresses. Off: a feed item must not make broadsheet probe the user's router.
    fetch_private_hosts: bool = False
    keymap: dict[str, str] = field(default_factory=dict)
    #: The settings the config file gave (its sort and hide_read win over the last session's).
    given: frozenset[str] = frozenset()


#: How a setting's expected type is named in a message.
_KINDS = {bool: "true or false", int: "a whole number", str: "a string in quotes", dict: "a table"}

#: Allowed ranges of the numeric settings.
_LIMITS = {"refresh_minutes": (0, 7 * 24 * 60), "sync_minutes": (0, 7 * 24 * 60), "fetch_concurrency": (1, 256),
           "fetch_per_host": (1, 64)}


@dataclass(frozen=True)
class ConfigProblem:
    """Something wrong in the config file, said so that the user can find and fix it."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


def load_settings(path: Path) -> tuple[Settings, list[ConfigProblem]]:
    """Read the config; a missing file means defaults, a bad one means defaults plus problems.

    A broken config must never keep the app from starting, so every problem is
    collected and reported, and the affected setting (or the whole file, for a syntax
    error) falls back to its default.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), []
    except (OSError, UnicodeDecodeError) as error:
        return Settings(), [ConfigProblem(path, None, f"cannot be read ({error}); using defaults")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = _line_of_error(str(error))
        return Settings(), [ConfigProblem(path, line, f"{_strip_position(str(error))}; using defaults")]

    problems: list[ConfigProblem] = []
    values: dict[str, Any] = {}
    known = {f.name: f for f in fields(Settings) if f.name != "given"}
    for key, value in data.items():
        line = line_of_key(text, key)
        if key not in known:
            problems.append(ConfigProblem(path, line, f"unknown setting {key!r} (ignored)"))
            continue
        expected = type(getattr(Settings(), key))
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            problems.append(ConfigProblem(
                path,
                line,
                f"{key} should be {_KINDS.get(expected, expected.__name__)}, not {value!r} (using the default)",
            ))
            continue
        if key == "sort" and value not in SORT_ORDERS:
            problems.append(ConfigProblem(path, line, f"sort must be one of {', '.join(SORT_ORDERS)} (using date)"))
            continue
        if key in _LIMITS and not _LIMITS[key][0] <= value <= _LIMITS[key][1]:
            low, high = _LIMITS[key]
            problems.append(ConfigProblem(path, line, f"{key} must be between {low} and {high} (using the default)"))
            continue
        if key == "keymap":
            value, bad = _clean_keymap(value)
            problems += [
                ConfigProblem(path, line_of_key(text, k), f"keymap entry {k!r} must be a string of keys") for k in bad
            ]
        values[key] = value
    return Settings(**values, given=frozenset(values)), problems


def _clean_keymap(keymap: dict[str, object]) -> tuple[dict[str, str], list[str]]:
    good = {k: v for k, v in keymap.items() if isinstance(v, str) and v.strip()}
    return good, [k for k in keymap if k not in good]


def line_of_key(text: str, key: str) -> int | None:
    """The line of the config's text where ``key`` is set, to point the user at it."""
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _line_of_error(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _strip_position(message: str) -> str:
    return re.sub(r"\s*\(at line \d+, column \d+\)", "", message) or message
