"""Atomic file writes: a reader or a crash sees the old file or the new one, never a torn one."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
from pathlib import Path


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder, fsync, then rename."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.fchmod(fd, _file_mode(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_folder(folder)


def _file_mode(target: Path) -> int:
    """The existing file's mode, or what the user's umask gives a new file."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_UMASK


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


STALE_AFTER = 600.0
"""Seconds after which a temporary file is taken for one a killed writer left: no save lasts
that long, so an older one belongs to no save in progress."""


def stale_temporaries(path: str | os.PathLike[str]) -> list[Path]:
    """The temporary files writes to `path` left behind when they were killed before the rename.

    They are hidden and do not end in the target's suffix, so nothing that lists reports,
    checklists or articles picks them up; `remove_stale_temporaries` tidies them away.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        return sorted(folder.glob(f".{glob.escape(target.name)}.*.tmp"))
    except OSError:
        return []


def remove_stale_temporaries(path: str | os.PathLike[str], older_than: float = STALE_AFTER) -> None:
    """Delete the temporary files of writes to `path` that are older than `older_than` seconds."""
    now = time.time()
    for temporary in stale_temporaries(path):
        with contextlib.suppress(OSError):
            if now - temporary.stat().st_mtime > older_than:
                temporary.unlink()


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder entry is on disk (POSIX); Windows has no such call.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
