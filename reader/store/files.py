"""Durable file writes: temp file, fsync, atomic rename, fsync of the folder."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

from .errors import ReadOnlyStore, StoreError, StoreFull


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash at any instant leaves the old or the new file.

    The temp file lives in the same folder (rename is only atomic within a filesystem),
    is fsynced before the rename, and the folder is fsynced after it so the rename itself
    survives a power cut.
    """
    # Unique per thread, not only per process: two threads of the app may both refresh a
    # derived file (the library's index) at once, and must not rename each other's temp file.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        fsync_folder(path.parent)
    except OSError as error:
        _remove_quietly(tmp)
        raise translate_os_error(error, path) from error


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def translate_os_error(error: OSError, path: Path) -> StoreError:
    """Turn the OS errors a user can do something about into messages that say what to do."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreFull(f"the disk holding {path.parent} is full; nothing was changed. Free some space and retry")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ReadOnlyStore(f"{path} cannot be written ({error.strerror}); the library is read-only")
    return StoreError(f"could not write {path}: {error.strerror or error}")


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
