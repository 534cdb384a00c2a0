"""Bounded, non-blocking reads of untrusted files: scenarios, includes, the picker's scan, saves.

Every file the game opens goes through :func:`read_bounded`. It refuses names with a NUL, anything
that is not a regular file (a FIFO, a device such as ``/dev/zero``, a folder, a socket) *before*
reading a byte, and files larger than the limit; it never blocks (a FIFO is opened with
``O_NONBLOCK`` and refused on its ``fstat``) and never reads more than ``limit + 1`` bytes.
:func:`include_path` keeps an include inside its scenario's folder, symbolic links resolved.
Every failure is a :class:`ReadError` whose message is one plain sentence.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_NAME = 4096  # longest path accepted, in characters
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class ReadError(Exception):
    """A file that cannot be read safely; ``str()`` says why in one sentence."""


def check_name(name: str | os.PathLike[str]) -> str:
    """Return ``name`` as a string when it can name a file.

    Raises ReadError for an empty name, one with a NUL or other control character, or one longer
    than :data:`MAX_NAME` characters.
    """
    text = os.fspath(name)
    if not isinstance(text, str) or not text:
        raise ReadError("the file name is empty")
    if len(text) > MAX_NAME:
        raise ReadError(f"the file name is longer than {MAX_NAME} characters")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise ReadError("the file name contains a control character")
    return text


def _kind(mode: int) -> str:
    """Plain words for a file type that is not a regular file."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bounded(path: str | os.PathLike[str], limit: int, what: str = "file") -> bytes:
    """The whole content of the regular file at ``path``, at most ``limit`` bytes.

    Never blocks and never reads more than ``limit + 1`` bytes. Raises ReadError when the name is
    bad, the file is missing or unreadable, is not a regular file (checked before any read), or
    is larger than ``limit`` bytes. ``what`` names the file in messages ("scenario", "save").
    """
    name = check_name(path)
    try:
        before = os.stat(name)
    except FileNotFoundError:
        raise ReadError(f"cannot read the {what}: it does not exist") from None
    except (OSError, ValueError) as err:
        raise ReadError(f"cannot read the {what}: {_reason(err)}") from None
    if not stat.S_ISREG(before.st_mode):
        raise ReadError(f"the {what} is {_kind(before.st_mode)}, not a file")
    _check_size(before.st_size, limit, what)
    try:
        fd = os.open(name, _FLAGS)
    except (OSError, ValueError) as err:
        raise ReadError(f"cannot read the {what}: {_reason(err)}") from None
    try:
        info = os.fstat(fd)  # the file opened may not be the one stat saw: check it again
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(f"the {what} is {_kind(info.st_mode)}, not a file")
        _check_size(info.st_size, limit, what)
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as err:
        raise ReadError(f"cannot read the {what}: {_reason(err)}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    _check_size(len(data), limit, what)
    return data


def _check_size(size: int, limit: int, what: str) -> None:
    if size > limit:
        shown = f"{size / (1 << 20):.1f} MiB" if size >= 1 << 20 else f"{size} bytes"
        raise ReadError(f"the {what} is too large ({shown}; the limit is {_size(limit)})")


def _size(limit: int) -> str:
    return f"{limit >> 20} MiB" if limit >= 1 << 20 and not limit % (1 << 20) else f"{limit} bytes"


def _reason(err: BaseException) -> str:
    """The OS's reason for an error, without the file name it may repeat."""
    if isinstance(err, OSError) and err.strerror:
        return err.strerror.lower() if err.strerror[:1].isupper() else err.strerror
    return "the name is not valid"


def include_path(folder: str | os.PathLike[str], name: str) -> Path:
    """The file ``name`` inside ``folder``, symbolic links resolved.

    Raises ReadError when ``name`` is not a plain file name (a NUL, a '/', a '\\', a leading
    '.') or when it resolves (through links) to somewhere outside ``folder``.
    """
    check_name(name)
    if "/" in name or "\\" in name or name.startswith("."):
        raise ReadError("an include must be a file in the same folder")
    try:
        base = os.path.realpath(os.fspath(folder))
        target = os.path.realpath(os.path.join(base, name))
    except (OSError, ValueError) as err:
        raise ReadError(f"cannot find the file: {_reason(err)}") from None
    if os.path.dirname(target) != base:
        raise ReadError("it is a link to a file outside the scenario's folder")
    return Path(target)
