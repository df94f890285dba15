"""Where things live: the user's library and config, and the styles and seeds shipped with us."""

from __future__ import annotations

import os
from pathlib import Path

# platformdirs and importlib.resources are imported where they are needed: most commands are
# given their library (--home, $BROADSHEET_HOME) and never ask for a shipped folder.

APP_NAME = "broadsheet"
HOME_VARIABLE = "BROADSHEET_HOME"
CONFIG_VARIABLE = "BROADSHEET_CONFIG"


def library_home(override: str | os.PathLike[str] | None = None) -> Path:
    """The library folder: ``--home``, else $BROADSHEET_HOME, else the platform's data folder."""
    if override:
        return Path(override).expanduser()
    if os.environ.get(HOME_VARIABLE):
        return Path(os.environ[HOME_VARIABLE]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_file(override: str | os.PathLike[str] | None = None) -> Path:
    """The TOML config: ``--config``, else $BROADSHEET_CONFIG, else the platform's config folder."""
    if override:
        return Path(override).expanduser()
    if os.environ.get(CONFIG_VARIABLE):
        return Path(os.environ[CONFIG_VARIABLE]).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def _shipped(name: str) -> Path:
    """A folder shipped inside the wheel, or the checkout's top-level one in an editable install.

    The wheel carries ``styles/`` and ``seeds/`` inside the package (see pyproject's
    force-include); a checkout keeps them beside the package.
    """
    from importlib import resources

    packaged = resources.files("reader") / name
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / name


def styles_dir() -> Path:
    return _shipped("styles")


def seeds_dir() -> Path:
    return _shipped("seeds")
