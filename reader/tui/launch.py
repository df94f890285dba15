"""Start the app: read the config, open the library (read-only if we must), run, save on exit."""

from __future__ import annotations

import sys

from ..config import load_settings
from ..paths import config_file, library_home
from ..store import CorruptFile, ReadOnlyStore, Store, StoreError
from .services import Services


def open_store(home) -> tuple[Store | None, str]:
    """The library, and why it is read-only ("" if it is not). None when it cannot be opened at all."""
    try:
        return Store.open(home), ""
    except (ReadOnlyStore, CorruptFile) as error:
        reason = str(error)
    except StoreError as error:
        return None, str(error)
    try:
        return Store.open(home, read_only=True), reason
    except StoreError as error:
        return None, str(error)


def run_app(home=None, config=None) -> None:
    settings, problems = load_settings(config_file(config))
    store, reason = open_store(library_home(home))
    if store is None:
        print(f"broadsheet: {reason}", file=sys.stderr)
        sys.exit(1)
    from .app import BroadsheetApp

    services = Services(store=store, settings=settings, config_problems=problems, read_only_reason=reason,
                        config_path=config_file(config))

    app = BroadsheetApp(services)
    try:
        app.run()
    finally:
        app.indexing.stop()
        app.analysis.stop()
        app.full_text.close()
        # Whatever ended the app, writes already queued are finished before we exit.
        services.feeds.close()
        services.writer.drain(10.0)
        services.writer.stop()
    if app.return_code:  # it ended on an error (Textual has printed it): say so to the shell
        sys.exit(app.return_code)
