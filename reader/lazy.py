"""Packages whose names load on first use: a command that never searches never imports search."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(package: str, homes: Mapping[str, str], namespace: dict[str, Any]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: each name in ``homes`` is imported from its
    submodule when first asked for, then kept in ``namespace`` (the package's globals)."""

    def attribute(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        # A home starting with dots is relative to the package ("..models.entities").
        module = importlib.import_module(home, package) if home.startswith(".") else \
            importlib.import_module(f"{package}.{home}")
        value = getattr(module, name)
        namespace[name] = value
        return value

    return attribute
