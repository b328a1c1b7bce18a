"""A state file that is never left half-written: ``--state`` in server mode.

A save writes the whole state to a temporary file in the same directory, flushes it to disk and
renames it over the old file, so the file on disk is always either the previous complete state or
the new one, whatever happens during the write (a crash, SIGKILL, a full disk); the previous state
stays beside it as ``FILE.bak``. A state that cannot be serialised leaves the file as it was.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from typing import Any, Dict


class StateFileError(Exception):
    """A state file that cannot be read or written; the message names the file."""


def check_writable(path: str) -> None:
    """Refuse at start, not at the first save, a state file whose directory cannot take it."""
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise StateFileError(f"{path}: the directory {directory} does not exist")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise StateFileError(f"{path}: the directory {directory} is not writable")
    if os.path.isdir(path):
        raise StateFileError(f"{path}: is a directory")


def read(path: str) -> Dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise StateFileError(f"{path}: {error.strerror}") from None
    except (ValueError, RecursionError) as error:  # RecursionError: nested deeper than JSON can be read
        raise StateFileError(f"{path}: not JSON ({error})") from None
    if not isinstance(data, dict):
        raise StateFileError(f"{path}: an aliyun-mock state is a JSON object, not {type(data).__name__}")
    return data


def write(path: str, state: Dict[str, Any]) -> None:
    """Replace the file by ``state`` atomically, keeping the previous one as ``FILE.bak``."""
    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(state, stream)
            stream.flush()
            os.fsync(stream.fileno())
        if os.path.exists(path):
            _keep_previous(path)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    _sync_directory(directory)


def _keep_previous(path: str) -> None:
    """``FILE.bak`` becomes the old file, by a rename too: never a half-written backup."""
    backup = f"{path}.bak"
    staged = f"{backup}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        os.link(path, staged)  # the old file itself, at no copying cost
    except OSError:  # a file system without hard links
        with open(path, "rb") as source, open(staged, "wb") as target:
            target.write(source.read())
    os.replace(staged, backup)


def _sync_directory(directory: str) -> None:
    """Make the rename itself durable (where the platform lets a directory be opened)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
